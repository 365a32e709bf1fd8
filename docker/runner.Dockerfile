# The runner (and the lakehouse CLI: producer, jobs) on a JRE 17, as a non-root user.
# Build from the checkout's root:  docker build -f docker/runner.Dockerfile -t lakehouse-runner:0.1.0 .
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY producer producer
COPY jobs jobs
COPY runner runner
COPY airflow/pom.xml airflow/pom.xml
COPY config config
RUN mvn -B -q -DskipTests -pl runner -am package \
 && mvn -B -q -pl runner dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp runner/target/lakehouse-runner-*.jar jobs/target/lakehouse-jobs-*-spark.jar /out/

FROM eclipse-temurin:17-jre
ARG LAKEHOUSE_UID=10001
ARG LAKEHOUSE_GID=1337
RUN groupadd --gid ${LAKEHOUSE_GID} lakehouse \
 && useradd --uid ${LAKEHOUSE_UID} --gid ${LAKEHOUSE_GID} --home-dir /opt/lakehouse --no-create-home lakehouse
WORKDIR /opt/lakehouse
COPY --from=build /out/lib lib
COPY --from=build /out/lakehouse-runner-*.jar lib/
COPY --from=build /out/lakehouse-jobs-*-spark.jar jobs/
COPY config config
# A SPARK_HOME for the cluster launcher made of the same jars, with a three-line spark-submit
RUN mkdir -p /opt/spark/jars /opt/spark/bin \
 && for j in lib/*.jar; do case "$(basename "$j")" in lakehouse-*|delta-*|spark-sql-kafka*|spark-avro*|spark-token-provider*) ;; *) ln -s "/opt/lakehouse/$j" /opt/spark/jars/ ;; esac; done \
 && printf '#!/bin/sh\nexec java @/opt/lakehouse/config/jvm.options -cp "/opt/spark/jars/*" org.apache.spark.deploy.SparkSubmit "$@"\n' > /opt/spark/bin/spark-submit \
 && chmod 755 /opt/spark/bin/spark-submit \
 && mkdir -p /lake/triggers /lake/data && chown -R lakehouse:lakehouse /lake && chmod -R 2770 /lake
ENV SPARK_LOCAL_IP=127.0.0.1 \
    SPARK_HOME=/opt/spark \
    LAKEHOUSE_RUNNER_TRIGGER_ROOT=/lake/triggers \
    LAKEHOUSE_RUNNER_DATA_DIR=/lake/data
USER lakehouse
# umask 0027: what the runner creates is group-readable for Airflow (same group), never group- or world-writable
ENTRYPOINT ["/bin/sh", "-c", "umask 0027 && exec java @/opt/lakehouse/config/jvm.options -Dlakehouse.root=/opt/lakehouse -Dlogback.configurationFile=/opt/lakehouse/config/logback.xml -cp '/opt/lakehouse/lib/*' org.lakehouse.cli.LakehouseCli \"$@\"", "lakehouse"]
CMD ["runner"]
