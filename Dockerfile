# syntax=docker/dockerfile:1
# The litellm-operator image: the shaded jar on a slim JRE, run as a non-root user.
#   docker build -t litellm-operator:0.1.0 .
# Kubernetes probes the management port (8080: /healthz, /readyz); see helm/litellm-operator.

# ---- build: compile and package the shaded jar (tests run in CI, not in the image build) ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first: this layer is reused while only sources change.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
# The CRDs are packaged into the jar from the chart's crds directory (see pom.xml resources).
COPY helm/litellm-operator/crds ./helm/litellm-operator/crds
RUN mvn -B -DskipTests package

# ---- runtime: JRE 17 only, no build tools ----
# 17, the JVM that CI tests on and every benchmark in docs/performance.md ran on: the JVM flags below were measured
# there. They do not carry over to newer JVMs unmeasured: on JDK 25 the same serial-collector flags grew the old
# generation without full collections and a 10k-Model run peaked at 500-508 MiB RSS instead of about 300.
FROM eclipse-temurin:17-jre AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="litellm-operator" \
      org.opencontainers.image.description="Kubernetes operator that runs LiteLLM proxies and keeps fleets of Model resources in sync with them" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"
WORKDIR /app
COPY --from=build --chown=0:0 /src/target/litellm-operator.jar /app/litellm-operator.jar
# Container-aware heap (a share of the cgroup memory limit), exit on OOM so Kubernetes restarts a clean process, and
# Vert.x's file cache under /tmp because the root filesystem is read-only in the cluster.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dvertx.cacheDirBase=/tmp/vertx-cache"
# 65532: the conventional "nonroot" uid/gid; numeric so Kubernetes can verify runAsNonRoot.
USER 65532:65532
EXPOSE 8080
# No HEALTHCHECK: Kubernetes ignores it; the chart's liveness/readiness probes call /healthz and /readyz on 8080.
ENTRYPOINT ["java", "-jar", "/app/litellm-operator.jar"]
CMD ["run"]
