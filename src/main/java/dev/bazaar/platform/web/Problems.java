package dev.bazaar.platform.web;

import dev.bazaar.platform.ErrorCode;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds every problem-details body in one shape ({@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, {@code code}, {@code request_id}, optional {@code errors}) and writes it from filters, which run
 * outside the MVC exception handling.
 */
@Component
public class Problems {

    static final String TYPE_BASE = "https://bazaar.dev/problems/";

    private final JsonMapper jsonMapper;

    Problems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public static ProblemDetail of(ErrorCode code, @Nullable String detail, @Nullable String instance) {
        return of(code, code.status(), detail, instance, List.of(), Map.of());
    }

    static ProblemDetail of(ErrorCode code, int status, @Nullable String detail, @Nullable String instance,
                            List<FieldViolation> violations, Map<String, Object> extensions) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf(status));
        problem.setType(URI.create(TYPE_BASE + code.code().replace('_', '-').replace('.', '/').toLowerCase(Locale.ROOT)));
        problem.setTitle(code.title());
        problem.setDetail(detail != null ? detail : code.title());
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("code", code.code());
        problem.setProperty("request_id", RequestContext.requestId());
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        extensions.forEach(problem::setProperty);
        return problem;
    }

    /** Writes a problem straight to the servlet response, for filters. */
    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, @Nullable String detail)
            throws IOException {
        write(response, of(code, detail, request.getRequestURI()));
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
