# Bazaar container image. Build: docker build -t bazaar .   Run: see compose.yaml and docs/OPERATIONS.md.
# Not exercised by CI here (the build machines have no container engine).

# --- build: compile with the Maven Wrapper, then split the Boot jar into layers -------------------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build

# Dependencies first, so that a change to the sources does not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B dependency:go-offline

COPY src src
RUN ./mvnw -B -DskipTests package \
 && java -Djarmode=tools -jar target/bazaar.jar extract --layers --launcher --destination extracted

# --- runtime: JRE only, non-root -----------------------------------------------------------------------------------
FROM eclipse-temurin:25-jre

# curl is used by the HEALTHCHECK below; installed explicitly rather than relying on the base image having it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 bazaar \
 && useradd --system --uid 10001 --gid bazaar --home-dir /app --no-create-home --shell /usr/sbin/nologin bazaar \
 && mkdir -p /app/data \
 && chown bazaar:bazaar /app/data

WORKDIR /app
# Least to most often changed, so that a code change rebuilds only the last layer.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

ENV SPRING_PROFILES_ACTIVE=prod \
    BAZAAR_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE 8080

# Liveness only: readiness (database, Redis) is for load balancers, not for restarting the container.
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT:-8080}/actuator/health/liveness" || exit 1

# Exec form: the JVM is PID 1 and receives SIGTERM directly, so graceful shutdown runs.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
