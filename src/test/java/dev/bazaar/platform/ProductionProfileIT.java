package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** The prod profile with a valid production configuration: operational routes are closed or absent. */
@IntegrationTest(properties = {
        "bazaar.public-url=https://shop.example.com",
        "bazaar.management.metrics-token=s3cret-metrics-token",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=2525",
        "bazaar.mail.transport=smtp",
        "bazaar.secrets.encryption-key=q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=",
        "bazaar.identity.jwt.signing-keys=" + ProductionProfileIT.TEST_SIGNING_KEYS})
@ActiveProfiles({"test", "prod"})
class ProductionProfileIT {

    /** A key made for this test only (bin/bazaar generate-signing-key); never use it anywhere else. */
    static final String TEST_SIGNING_KEYS = "{\"keys\":[{\"kty\":\"EC\",\"d\":\"1VcWcKzuZ5eM9YMl_6uyHe1VM449v8kPgetJydch9B4\","
            + "\"use\":\"sig\",\"crv\":\"P-256\",\"kid\":\"test-prod-key\",\"x\":\"BzYY4VKifc2AcTmJyOK6aMTLUCWMpwXaH2hQCAydF4A\","
            + "\"y\":\"ELDFR9HejmZTBb42AGvR-lkocdvr0RozCVynw-o8OpQ\",\"alg\":\"ES256\"}]}";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void metricsNeedTheMetricsToken() {
        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http.send(http.request("/actuator/prometheus").header("Authorization", "Bearer wrong").GET().build())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> scraped = http.send(http.request("/actuator/prometheus")
                .header("Authorization", "Bearer s3cret-metrics-token").GET().build());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("bazaar_jobs_queued");
    }

    @Test
    void devMailboxDoesNotExist() {
        assertThat(http.get("/dev/mailbox").statusCode()).isEqualTo(404);
        assertThat(http.get("/dev/mailbox.json").statusCode()).isEqualTo(404);
        assertThat(context.getBeanNamesForType(devMailboxType())).isEmpty();
    }

    static Class<?> devMailboxType() {
        try {
            return Class.forName("dev.bazaar.platform.mail.DevMailboxController");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void jobsDashboardIsClosed() {
        assertThat(http.get("/admin/jobs").statusCode()).isIn(401, 404);
        assertThat(http.get("/db-scheduler").statusCode()).isIn(401, 404);
        assertThat(http.get("/db-scheduler-api/tasks").statusCode()).isIn(401, 404);
    }

    @Test
    void accessTokensAreVerifiedWithTheConfiguredKeyOnly() {
        HttpResponse<String> jwks = http.get("/.well-known/jwks.json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"kid\":\"test-prod-key\"").doesNotContain("\"d\"");
        assertThat(context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from signing_keys").query(Long.class).single()).isZero();
    }

    @Test
    void healthStaysPublic() {
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
}
