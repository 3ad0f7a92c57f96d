package dev.bazaar.platform;

/** The error codes of the HTTP contract itself (see {@code API_CONVENTIONS.md}). */
public enum PlatformErrorCode implements ErrorCode {
    BAD_REQUEST("bad_request", 400, "Request is not valid"),
    MALFORMED_JSON("malformed_json", 400, "Request body is not valid JSON"),
    UNKNOWN_FIELD("unknown_field", 400, "Request has unknown fields"),
    VALIDATION_FAILED("validation_failed", 400, "Request is not valid"),
    INVALID_IDEMPOTENCY_KEY("invalid_idempotency_key", 400, "Idempotency-Key is not valid"),
    IDEMPOTENCY_KEY_REQUIRED("idempotency_key_required", 400, "Idempotency-Key is required"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
    INVALID_TOKEN("invalid_token", 401, "Access token is not valid"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    PERMISSION_DENIED("permission_denied", 403, "Your role in this shop does not allow this"),
    SHOP_SUSPENDED("shop_suspended", 403, "This shop is suspended"),
    NOT_FOUND("not_found", 404, "Not found"),
    SHOP_NOT_FOUND("shop_not_found", 404, "Shop not found"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not_acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    STALE_VERSION("stale_version", 409, "Resource was changed concurrently"),
    IDEMPOTENCY_REQUEST_IN_PROGRESS("idempotency_request_in_progress", 409, "A request with this Idempotency-Key is still in progress"),
    PRECONDITION_FAILED("precondition_failed", 412, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload_too_large", 413, "Request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422, "Idempotency-Key was used with another request"),
    RATE_LIMITED("rate_limited", 429, "Too many requests"),
    INTERNAL_ERROR("internal_error", 500, "Internal server error"),
    SERVICE_UNAVAILABLE("service_unavailable", 503, "Service unavailable");

    private final String code;
    private final int status;
    private final String title;

    PlatformErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    /** The platform code that stands for a bare HTTP status, for errors raised outside any handler. */
    public static PlatformErrorCode forStatus(int status) {
        for (PlatformErrorCode candidate : values()) {
            if (candidate.status == status) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}
