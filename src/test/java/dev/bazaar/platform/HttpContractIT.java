package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP contract over real HTTP: problem details for every failure, request ids, headers, CORS. */
@IntegrationTest(properties = {"bazaar.http.max-request-body=2KB", "bazaar.http.cors.allowed-origins=https://shop.example.com"})
class HttpContractIT {

    @LocalServerPort
    int port;

    TestHttp http;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("type").asString()).startsWith("https://bazaar.dev/problems/");
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("request_id").asString()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception", "dev.bazaar", "at java.", "select ", "hunter2");
        return body;
    }

    @Test
    void unknownRouteIsNotFoundProblem() {
        JsonNode body = problem(http.get("/api/v1/no-such-thing"), 404, "not_found");
        assertThat(body.get("instance").asString()).isEqualTo("/api/v1/no-such-thing");
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        HttpResponse<String> response = http.send(http.request("/api/v1").DELETE().build());
        problem(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).isPresent();
    }

    @Test
    void traceIsRefused() {
        HttpResponse<String> response = http.send(http.request("/api/v1").method("TRACE", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).doesNotContain("TRACE /api/v1");
    }

    @Test
    void malformedJsonIsBadRequestProblem() {
        problem(http.postJson("/api/test/things", "{\"display_name\": "), 400, "malformed_json");
    }

    @Test
    void unknownFieldIsRejected() {
        JsonNode body = problem(http.postJson("/api/test/things",
                "{\"display_name\":\"x\",\"quantity\":1,\"quantiy\":2}"), 400, "unknown_field");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("quantiy");
    }

    @Test
    void camelCaseFieldNamesAreUnknownBecauseTheContractIsSnakeCase() {
        problem(http.postJson("/api/test/things", "{\"displayName\":\"x\",\"quantity\":1}"), 400, "unknown_field");
    }

    @Test
    void validationFailureListsEveryFieldInSnakeCase() {
        JsonNode body = problem(http.postJson("/api/test/things",
                "{\"display_name\":\" \",\"quantity\":-1,\"unit_price\":{\"amount\":0,\"currency\":\"EUR\"}}"), 400, "validation_failed");
        assertThat(body.get("detail").asString()).isEqualTo("3 fields are not valid");
        List<String> fields = body.get("errors").valueStream().map(e -> e.get("field").asString()).sorted().toList();
        assertThat(fields).containsExactly("display_name", "quantity", "unit_price.amount");
        assertThat(body.get("errors").valueStream().map(e -> e.get("code").asString()).toList())
                .contains("must_not_be_blank", "must_be_positive");
    }

    @Test
    void wrongTypeIsAValidationProblemNamingTheField() {
        JsonNode body = problem(http.postJson("/api/test/things", "{\"display_name\":\"x\",\"quantity\":\"many\"}"), 400, "validation_failed");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("quantity");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaTypeProblem() {
        HttpResponse<String> response = http.send(http.request("/api/test/things").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        problem(response, 415, "unsupported_media_type");
    }

    @Test
    void bodyOverTheLimitIsPayloadTooLargeProblem() {
        String big = "{\"display_name\":\"" + "x".repeat(4096) + "\",\"quantity\":1}";
        problem(http.postJson("/api/test/things", big), 413, "payload_too_large");
    }

    @Test
    void chunkedBodyOverTheLimitIsPayloadTooLargeProblem() {
        String big = "{\"display_name\":\"" + "x".repeat(4096) + "\",\"quantity\":1}";
        HttpRequest request = http.request("/api/test/things").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))).build();
        problem(http.send(request), 413, "payload_too_large");
    }

    @Test
    void unexpectedErrorIsGenericProblemWithoutInternals() {
        JsonNode body = problem(http.get("/api/test/boom"), 500, "internal_error");
        assertThat(body.get("detail").asString()).contains("request id");
    }

    @Test
    void applicationExceptionCarriesItsStableCode() {
        JsonNode body = problem(http.get("/api/test/things/42/frob"), 422, "test.thing.cannot_frob");
        assertThat(body.get("detail").asString()).isEqualTo("Thing 42 is archived");
        assertThat(body.get("type").asString()).isEqualTo("https://bazaar.dev/problems/test/thing/cannot-frob");
    }

    @Test
    void successfulCreateUsesSnakeCaseAndLocation() {
        HttpResponse<String> response = http.postJson("/api/test/things",
                "{\"display_name\":\"Mug\",\"quantity\":2,\"unit_price\":{\"amount\":1999,\"currency\":\"EUR\"}}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/test/things/1");
        assertThat(json.readValue(response.body(), Map.class)).containsEntry("display_name", "Mug");
    }

    @Test
    void wellFormedRequestIdIsEchoedAndMalformedOneReplaced() {
        HttpResponse<String> kept = http.send(http.request("/api/v1").header("X-Request-Id", "client-abc.123").GET().build());
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("client-abc.123");

        HttpResponse<String> replaced = http.send(http.request("/api/v1").header("X-Request-Id", "bad id <script>").GET().build());
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));

        HttpResponse<String> generated = http.get("/api/v1");
        assertThat(generated.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        for (HttpResponse<String> response : List.of(http.get("/api/v1"), http.get("/api/v1/missing"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            // Plain HTTP from an untrusted peer: no HSTS.
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void forwardedProtoFromAnUntrustedPeerIsIgnored() {
        HttpResponse<String> response = http.send(http.request("/api/v1").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.9").GET().build());
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins() {
        HttpResponse<String> allowed = http.send(http.request("/api/v1").header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");

        HttpResponse<String> refused = http.send(http.request("/api/v1").header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void apiRootReadsTheSchemaVersionFromTheDatabase() {
        HttpResponse<String> response = http.get("/api/v1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("api_version").asString()).isEqualTo("v1");
        assertThat(body.get("schema_version").asString()).isEqualTo("20");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
