# The fraud job's image for the FlinkDeployment (fraud-job-flinkdeployment.yaml): the official
# Flink image with the shaded job jar in usrlib/. Build from the repository root:
#   docker build -f deploy/kubernetes/fraud-job.Dockerfile -t registry.example.com/fraudstream/fraud-job:0.1.0 .
#
# Nothing else goes on the cluster classpath. The shaded jar carries what the stack's Flink
# classpath (stack/flink-runtime) lacks: the Kafka connector and connector-base, kafka-clients,
# Jackson, the model and the events codecs. What the job keeps `provided` (Flink's runtime,
# streaming API and clients, the RocksDB state backend, the Table API bridge, SLF4J) is in the
# image's lib/, the Prometheus reporter in its plugins/, and the S3 file system in opt/, enabled
# per pod by ENABLE_BUILT_IN_PLUGINS.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl fraud-job -am package

# Flink's version must be the one the job is built against (flink.version in the root pom).
FROM flink:2.2.1-java17
COPY --from=build --chown=flink:flink /src/fraud-job/target/fraudstream-fraud-job.jar /opt/flink/usrlib/fraud-job.jar
