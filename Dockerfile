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
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
