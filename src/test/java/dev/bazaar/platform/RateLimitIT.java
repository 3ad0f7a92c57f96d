package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The default anonymous per-client-address limit, with IETF RateLimit headers and a 429 problem. */
@IntegrationTest(properties = {"bazaar.rate-limit.anonymous.capacity=3", "bazaar.rate-limit.anonymous.period=1h"})
class RateLimitIT {

    @LocalServerPort
    int port;

    @Test
    void fourthAnonymousRequestInTheWindowIsRefused() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> first = http.get("/api/v1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"anonymous\";q=3;w=3600");
        assertThat(first.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"anonymous\";r=2;t="));
        http.get("/api/v1");
        assertThat(http.get("/api/v1").headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"anonymous\";r=0;"));

        HttpResponse<String> refused = http.get("/api/v1");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);

        // Operational routes are not limited.
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
