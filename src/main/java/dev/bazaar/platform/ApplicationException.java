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

    public ApplicationException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, List.of(), Map.of());
    }

    public ApplicationException(ErrorCode errorCode, String detail, List<FieldViolation> violations,
                                Map<String, Object> extensions) {
        super(detail);
        this.errorCode = errorCode;
        this.violations = List.copyOf(violations);
        this.extensions = Map.copyOf(extensions);
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

    /** 404 for a resource that does not exist or that the caller may not know exists. */
    public static ApplicationException notFound(String detail) {
        return new ApplicationException(PlatformErrorCode.NOT_FOUND, detail);
    }
}
