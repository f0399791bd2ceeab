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
# the application's jar, whose manifest lists them), which a class-data sharing archive can hold.
RUN java -Djarmode=tools -jar target/recurrent-miscarriage-cds.jar extract --layers --destination /extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 cds
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# A class-data sharing archive of the classes a start loads, from a training start that Spring Boot
# ends once the context is up: start-up reads them from the archive instead of the jars (see
# bench/README.md, Start-up). Without the archive the JVM starts as before.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh \
      -jar recurrent-miscarriage-cds.jar && rm -rf data
USER cds
ENV PORT=8080
EXPOSE 8080
# Ready when the service answers its readiness probe; bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
# A capped heap, and exit on OutOfMemoryError so that the orchestrator restarts a broken JVM
# rather than leaving it up and answering nothing. JAVA_HEAP overrides the cap.
ENV JAVA_HEAP=512m
ENTRYPOINT ["sh", "-c", "exec java -Xmx${JAVA_HEAP} -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=application.jsa -jar recurrent-miscarriage-cds.jar \"$@\"", "java"]
