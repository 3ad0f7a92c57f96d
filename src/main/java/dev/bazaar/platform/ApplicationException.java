package dev.bazaar.platform;

import java.util.List;
import java.util.Map;

/**
 * The one root of every error a module raises on purpose. It is rendered in one place as RFC 9457 problem details with
 * the code's status, title and {@code code}, this exception's message as {@code detail}, and any extra members.
 */
public class ApplicationException extends RuntimeException {

    private final ErrorCode errorCode;
    private final List<FieldViolation> violations;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ApplicationException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, List.of(), Map.of());
    }

    public ApplicationException(ErrorCode errorCode, String detail, List<FieldViolation> violations,
                                Map<String, Object> extensions) {
        this(errorCode, detail, violations, extensions, Map.of());
    }

    /** As above, plus response headers such as {@code Retry-After}. */
    public ApplicationException(ErrorCode errorCode, String detail, List<FieldViolation> violations,
                                Map<String, Object> extensions, Map<String, String> headers) {
        super(detail);
        this.errorCode = errorCode;
        this.violations = List.copyOf(violations);
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Extra response headers; a 401 always also carries {@code WWW-Authenticate: Bearer}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** 400 {@code validation_failed} for one field, for rules that need data and so cannot be Bean Validation. */
    public static ApplicationException invalidField(String field, String code, String message) {
        return new ApplicationException(PlatformErrorCode.VALIDATION_FAILED, "Field '" + field + "' is not valid",
                List.of(new FieldViolation(field, code, message)), Map.of());
    }

    /** 404 for a resource that does not exist or that the caller may not know exists. */
    public static ApplicationException notFound(String detail) {
        return new ApplicationException(PlatformErrorCode.NOT_FOUND, detail);
    }
}
