package dev.bazaar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.TestDatabase;
import dev.bazaar.support.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * End to end: the packaged jar started as a user starts it, against a real PostgreSQL, driven over HTTP, then stopped
 * with SIGTERM and expected to shut down gracefully.
 */
class PackagedApplicationIT {

    @Test
    void packagedJarServesTheApiAndShutsDownGracefully() throws Exception {
        Path jar = Path.of("target/bazaar.jar");
        assertThat(jar).exists();
        int port = freePort();
        Path log = Files.createTempFile("bazaar-e2e", ".log");
        try (TestDatabase.Created database = TestDatabase.create()) {
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("BAZAAR_DATABASE_URL", database.url());
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("BAZAAR_DATA_DIR", Files.createTempDirectory("bazaar-e2e-data").toString());
            Process process = builder.start();
            try {
                TestHttp http = new TestHttp(port);
                awaitReady(http, process, log);

                HttpResponse<String> root = http.get("/api/v1");
                assertThat(root.statusCode()).isEqualTo(200);
                assertThat(root.body()).contains("\"name\":\"Bazaar\"", "\"schema_version\":\"1\"");
                assertThat(http.get("/api/v1/nothing-here").body()).contains("\"code\":\"not_found\"");
                assertThat(http.get("/dev/mailbox.json").statusCode()).isEqualTo(200);
                assertThat(http.get("/v3/api-docs").statusCode()).isEqualTo(200);
                assertThat(Files.readString(log)).contains("Bazaar is ready", "/dev/mailbox", "/admin/jobs", "external PostgreSQL");
            } finally {
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            }
            assertThat(Files.readString(log)).contains("Graceful shutdown complete").doesNotContain("ERROR");
        }
    }

    private static void awaitReady(TestHttp http, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Bazaar exited early:\n" + Files.readString(log));
            }
            try {
                if (http.get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Bazaar did not become ready in time:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
