package dev.bazaar.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.ProblemDetails;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Assertions on problem-details answers shared by the ordering ITs. */
final class Problems {

    private Problems() {}

    /** The answer is a problem with this status and code; returns its body. */
    static JsonNode problem(HttpResponse<String> response, int status, String code) {
        return ProblemDetails.problem(response, status, code);
    }

    /** A 400 {@code validation_failed} whose first violation names this field and code. */
    static void assertViolation(HttpResponse<String> response, String field, String code) {
        JsonNode problem = problem(response, 400, "validation_failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("code").asString()).as(response.body()).isEqualTo(code);
    }
}
