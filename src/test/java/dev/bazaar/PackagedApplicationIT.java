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
 * End to end: the packaged jar used as an operator uses it — the management CLI creates the first administrator
 * (password on standard input) — then started against a real PostgreSQL, driven over HTTP (the administrator signs in),
 * and stopped with SIGTERM, expected to shut down gracefully.
 */
class PackagedApplicationIT {

    @Test
    void packagedJarServesTheApiAndShutsDownGracefully() throws Exception {
        Path jar = Path.of("target/bazaar.jar");
        assertThat(jar).exists();
        int port = freePort();
        Path log = Files.createTempFile("bazaar-e2e", ".log");
        try (TestDatabase.Created database = TestDatabase.create()) {
            String adminPassword = "operator-chosen-passphrase";
            CommandResult created = runCli(jar, database, adminPassword + "\n", "create-admin", "--email", "ops@example.com", "--name", "Ops");
            assertThat(created.exitCode()).as(created.output()).isZero();
            assertThat(created.output()).contains("Created platform administrator ops@example.com").doesNotContain(adminPassword);
            CommandResult again = runCli(jar, database, "", "create-admin", "--email", "ops@example.com");
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("exists");
            CommandResult weak = runCli(jar, database, "password\n", "create-admin", "--email", "weak@example.com");
            assertThat(weak.exitCode()).isEqualTo(2);
            assertThat(weak.output()).contains("most commonly used");
            CommandResult usage = runCli(jar, database, "", "create-admin");
            assertThat(usage.exitCode()).isEqualTo(2);
            CommandResult help = runCli(jar, database, "", "help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.output()).contains("create-admin", "generate-signing-key", "measure-password-hash");
            assertThat(runCli(jar, database, "", "revoke-all-sessions").exitCode()).isEqualTo(2);
            CommandResult revoked = runCli(jar, database, "", "revoke-all-sessions", "--yes");
            assertThat(revoked.exitCode()).as(revoked.output()).isZero();
            assertThat(revoked.output()).contains("Revoked 0 sessions");
            CommandResult key = runCli(jar, database, "", "generate-signing-key");
            assertThat(key.output()).contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"", "\"d\":", "\"kid\":");

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
                assertThat(root.body()).contains("\"name\":\"Bazaar\"", "\"schema_version\":\"20\"");
                HttpResponse<String> token = http.postJson("/api/v1/auth/token",
                        "{\"grant_type\":\"password\",\"email\":\"ops@example.com\",\"password\":\"" + adminPassword + "\"}");
                assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
                String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
                HttpResponse<String> me = http.send(http.request("/api/v1/me").header("Authorization", "Bearer " + accessToken).GET().build());
                assertThat(me.body()).contains("\"platform_roles\":[\"platform_admin\"]");
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

    record CommandResult(int exitCode, String output) {}

    /** Runs {@code java -jar bazaar.jar <args>} against the database, feeding {@code stdin}. */
    private static CommandResult runCli(Path jar, TestDatabase.Created database, String stdin, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BAZAAR_DATABASE_URL", database.url());
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command finishes").isTrue();
        return new CommandResult(process.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
