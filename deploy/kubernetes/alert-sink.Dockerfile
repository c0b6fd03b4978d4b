# The alert-sink's image for alert-sink-deployment.yaml: its jar and runtime dependencies on a
# Java 17 runtime. Build from the repository root:
#   docker build -f deploy/kubernetes/alert-sink.Dockerfile -t registry.example.com/fraudstream/alert-sink:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# copy-dependencies puts the runtime jars (fraudstream-events from the reactor among them) into
# alert-sink/target/dependency.
RUN mvn -B -q -DskipTests -pl alert-sink -am package dependency:copy-dependencies -DincludeScope=runtime

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/alert-sink alert-sink
COPY --from=build /src/alert-sink/target/dependency/ /opt/alert-sink/lib/
COPY --from=build /src/alert-sink/target/fraudstream-alert-sink-*.jar /opt/alert-sink/lib/
USER 10001
WORKDIR /opt/alert-sink
# fraudstream.home: where a relative SQLite path would resolve; the deployment uses PostgreSQL.
ENTRYPOINT ["java", "-Dfraudstream.home=/opt/alert-sink", "-cp", "/opt/alert-sink/lib/*", "io.fraudstream.sink.AlertSinkMain"]
