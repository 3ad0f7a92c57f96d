package dev.bazaar.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem-details answers, shared by the modules' ITs. */
public final class ProblemDetails {

    private ProblemDetails() {}

    /** The answer is a problem with this status and code; returns its body. */
    public static JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        JsonNode body = IdentityClient.read(response);
        assertThat(body.get("code").asString()).as(response.body()).isEqualTo(code);
        return body;
    }
}
