# Build: docker build -t recurrent-miscarriage-cds .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY hooks hooks
COPY fhir-resources fhir-resources
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 cds
WORKDIR /app
COPY --from=build /src/target/recurrent-miscarriage-cds.jar app.jar
USER cds
EXPOSE 8080
# A capped heap, and exit on OutOfMemoryError so that the orchestrator restarts a broken JVM
# rather than leaving it up and answering nothing. JAVA_HEAP overrides the cap.
ENV JAVA_HEAP=512m
ENTRYPOINT ["sh", "-c", "exec java -Xmx${JAVA_HEAP} -XX:+ExitOnOutOfMemoryError -jar /app/app.jar \"$@\"", "java"]
