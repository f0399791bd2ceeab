# Build: docker build -t recurrent-miscarriage-cds .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY hooks hooks
COPY fhir-resources fhir-resources
RUN mvn -B -q package -DskipTests
# The jar's layers (dependencies, Spring Boot loader, snapshot dependencies, application), so that a
# change to the service rebuilds only the last, small image layer. Extracted as plain jars (lib/ and
# the application's jar, whose manifest lists them), which an ahead-of-time cache can hold.
RUN java -Djarmode=tools -jar target/recurrent-miscarriage-cds.jar extract --layers --destination /extracted

# The service is built for Java 17 and runs on any later JVM; the image runs it on JDK 25, for its
# ahead-of-time cache (below) and compact object headers, which make a smaller heap.
FROM eclipse-temurin:25-jre
# A user and group of fixed numbers, so that an orchestrator can check it is not root
# (Kubernetes' runAsNonRoot needs a numeric USER) and give the same ids to what it mounts.
RUN groupadd --system --gid 10001 cds && useradd --system --uid 10001 --gid cds --no-create-home cds
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# An ahead-of-time cache (JDK 25: JEP 483, 514, 515) of the classes a start loads and links, made
# by a training start that Spring Boot ends once the context is up: a start maps them from the cache
# instead of reading, verifying and linking them from the jars (see docs/deployment.md, "Start-up
# and the ahead-of-time cache"). The training runs with the entry point's flags: the JVM refuses a
# cache made with other object headers, or for other jars (a changed file in lib/, say), says so in
# one line and starts without it.
RUN java -XX:+UseCompactObjectHeaders -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
      -jar recurrent-miscarriage-cds.jar && rm -rf data
# The only folder the service writes to besides /tmp: the demo's and the default profile's H2
# database (./data/feedback). It belongs to the service's user and is a volume, so that `docker
# run` with no settings starts, and the feedback stored outlives a new container. A host folder
# mounted here must be writable by uid 10001. The postgres profile writes nothing here.
RUN install -d -o 10001 -g 10001 /app/data
VOLUME ["/app/data"]
USER 10001:10001
ENV PORT=8080
EXPOSE 8080
# Ready when the service answers its readiness probe; bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
# A capped heap, and exit on OutOfMemoryError so that the orchestrator restarts a broken JVM
# rather than leaving it up and answering nothing. JAVA_HEAP overrides the cap.
ENV JAVA_HEAP=512m
# SIGTERM (docker stop, Kubernetes) drains the calls in flight for up to 20 s
# (spring.lifecycle.timeout-per-shutdown-phase): give a container longer than that to stop,
# `docker stop --time 30` or compose's stop_grace_period, as the Kubernetes manifests do.
STOPSIGNAL SIGTERM
ENTRYPOINT ["sh", "-c", "exec java -Xmx${JAVA_HEAP} -XX:+ExitOnOutOfMemoryError -XX:+UseCompactObjectHeaders -XX:AOTCache=app.aot -jar recurrent-miscarriage-cds.jar \"$@\"", "java"]
