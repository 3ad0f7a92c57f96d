package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health, metrics, API docs and operator routes in the default (development) profile. */
@IntegrationTest
class OperationsIT {

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void livenessAndReadinessAreUpWithoutDetails() {
        for (String path : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
        }
        HttpResponse<String> overall = http.get("/actuator/health");
        assertThat(overall.statusCode()).isEqualTo(200);
        assertThat(overall.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "\"db\"");
    }

    @Test
    void prometheusMetricsAreServedInDevelopment() {
        http.get("/api/v1");
        HttpResponse<String> metrics = http.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds", "hikaricp_connections", "jvm_memory_used_bytes",
                "application=\"bazaar\"");
    }

    @Test
    void nothingElseFromActuatorWithoutAuthorization() {
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
                "/actuator/configprops", "/actuator/loggers"}) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isIn(401, 404);
            assertThat(response.body()).as(path).doesNotContain("spring.datasource", "password");
        }
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        HttpResponse<String> document = http.get("/v3/api-docs");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"openapi\":\"3.1.0\"", "/api/v1");
        HttpResponse<String> ui = http.get("/docs");
        assertThat(ui.statusCode()).isIn(200, 302);
        HttpResponse<String> page = http.get("/docs/swagger-ui/index.html".replace("/docs/swagger-ui", "/swagger-ui"));
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    void jobsDashboardAndDeadJobsAreReachableFromLoopback() {
        HttpResponse<String> dashboard = http.get("/admin/jobs");
        assertThat(dashboard.statusCode()).isEqualTo(302);
        assertThat(dashboard.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/db-scheduler"));
        assertThat(http.get("/db-scheduler").statusCode()).isEqualTo(200);
        HttpResponse<String> dead = http.get("/admin/jobs/dead");
        assertThat(dead.statusCode()).isEqualTo(200);
        assertThat(dead.body()).startsWith("{\"data\":[");
    }
}
