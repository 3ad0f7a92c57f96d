package dev.bazaar.platform.web;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.ErrorCode;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.PlatformErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.core.JacksonException;

/**
 * Renders every error raised while handling a request as RFC 9457 problem details with a stable {@code code}. Nothing
 * internal (stack trace, SQL, class name) reaches a body; unexpected errors are logged with the request id and answered
 * with a generic 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    @ExceptionHandler(ApplicationException.class)
    ResponseEntity<Object> application(ApplicationException e, HttpServletRequest request) {
        ErrorCode code = e.errorCode();
        ProblemDetail body = Problems.of(code, code.status(), e.getMessage(), request.getRequestURI(), e.violations(), e.extensions());
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        if (code.status() == 401 && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return ResponseEntity.status(code.status()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleVersion(HttpServletRequest request) {
        return problem(Problems.of(PlatformErrorCode.STALE_VERSION,
                "The resource was changed by another request; read it again and retry", request.getRequestURI()));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.warn("Unmapped integrity violation: {}", e.getMostSpecificCause().getMessage());
        return problem(Problems.of(PlatformErrorCode.CONFLICT, "The request conflicts with the current state", request.getRequestURI()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(HttpServletRequest request) {
        return problem(Problems.of(PlatformErrorCode.FORBIDDEN, "You are not allowed to do this", request.getRequestURI()));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(HttpServletRequest request) {
        return ResponseEntity.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(PlatformErrorCode.UNAUTHENTICATED, null, request.getRequestURI()));
    }

    static final String OVERLOAD_RETRY_AFTER = "1";
    static final String OVERLOAD_DETAIL = "Bazaar is too busy to take this request now; retry it (with the same "
            + "Idempotency-Key) after Retry-After seconds";

    /** No database connection came free within the pool's timeout: 503 with {@code Retry-After}, not a 500. */
    @ExceptionHandler(CannotGetJdbcConnectionException.class)
    ResponseEntity<Object> overloaded(CannotGetJdbcConnectionException e, HttpServletRequest request) {
        return overloaded(e, request);
    }

    private ResponseEntity<Object> overloaded(Exception e, HttpServletRequest request) {
        log.warn("No database connection for {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, OVERLOAD_RETRY_AFTER)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(PlatformErrorCode.SERVICE_UNAVAILABLE, 503, OVERLOAD_DETAIL, request.getRequestURI(),
                        List.of(), Map.of()));
    }

    /** Whether an error (or one of its causes) is the connection pool's timeout. */
    static boolean isOverloaded(@Nullable Object error) {
        for (Throwable t = error instanceof Throwable throwable ? throwable : null; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (isOverloaded(e)) {
            return overloaded(e, request);
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(Problems.of(PlatformErrorCode.INTERNAL_ERROR,
                "Something went wrong on our side; quote the request id when you report it", request.getRequestURI()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = path(request);
        if (findCause(e, BodyTooLargeException.class) != null) {
            return problem(Problems.of(PlatformErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size", path));
        }
        UnrecognizedPropertyException unknown = findCause(e, UnrecognizedPropertyException.class);
        if (unknown != null) {
            String field = jsonPath(unknown);
            return problem(Problems.of(PlatformErrorCode.UNKNOWN_FIELD, PlatformErrorCode.UNKNOWN_FIELD.status(),
                    "Unknown field '" + field + "'", path,
                    List.of(new FieldViolation(field, "unknown_field", "is not a field of this request")), Map.of()));
        }
        JacksonException jackson = findCause(e, JacksonException.class);
        if (jackson != null && !jackson.getPath().isEmpty()) {
            String field = jsonPath(jackson);
            return problem(Problems.of(PlatformErrorCode.VALIDATION_FAILED, PlatformErrorCode.VALIDATION_FAILED.status(),
                    "Field '" + field + "' has the wrong type or format", path,
                    List.of(new FieldViolation(field, "invalid_format", "has the wrong type or format")), Map.of()));
        }
        return problem(Problems.of(PlatformErrorCode.MALFORMED_JSON, "The request body could not be read as JSON", path));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validation(violations(e.getBindingResult()), path(request));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> violations.add(new FieldViolation(
                    snake(name != null ? name : "parameter"), errorCode(error.getCodes()), String.valueOf(error.getDefaultMessage()))));
        });
        return validation(violations, path(request));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PlatformErrorCode code = switch (e) {
            case NoResourceFoundException ignored -> PlatformErrorCode.NOT_FOUND;
            case HttpRequestMethodNotSupportedException ignored -> PlatformErrorCode.METHOD_NOT_ALLOWED;
            case HttpMediaTypeNotSupportedException ignored -> PlatformErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case HttpMediaTypeNotAcceptableException ignored -> PlatformErrorCode.NOT_ACCEPTABLE;
            case MaxUploadSizeExceededException ignored -> PlatformErrorCode.PAYLOAD_TOO_LARGE;
            default -> PlatformErrorCode.forStatus(status.value());
        };
        if (status.is5xxServerError()) {
            log.error("Server error on {}", path(request), e);
        }
        String detail = body instanceof ProblemDetail pd && !status.is5xxServerError() ? pd.getDetail() : null;
        ProblemDetail problem = Problems.of(code, status.value(), detail, path(request), List.of(), Map.of());
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private ResponseEntity<Object> validation(List<FieldViolation> violations, String path) {
        String detail = violations.size() == 1 ? "1 field is not valid" : violations.size() + " fields are not valid";
        return problem(Problems.of(PlatformErrorCode.VALIDATION_FAILED, PlatformErrorCode.VALIDATION_FAILED.status(),
                detail, path, violations, Map.of()));
    }

    static List<FieldViolation> violations(BindingResult result) {
        List<FieldViolation> violations = new ArrayList<>();
        result.getFieldErrors().forEach(error -> violations.add(new FieldViolation(
                snake(error.getField()), errorCode(error.getCodes()), String.valueOf(error.getDefaultMessage()))));
        result.getGlobalErrors().forEach(error -> violations.add(new FieldViolation(
                "", errorCode(error.getCodes()), String.valueOf(error.getDefaultMessage()))));
        return violations;
    }

    /** {@code NotBlank} → {@code must_not_be_blank}-style codes that clients can switch on. */
    static String errorCode(String @Nullable [] codes) {
        String constraint = codes == null || codes.length == 0 ? "invalid" : codes[codes.length - 1];
        return switch (constraint) {
            case "NotNull" -> "required";
            case "NotBlank", "NotEmpty" -> "must_not_be_blank";
            case "Positive" -> "must_be_positive";
            case "PositiveOrZero" -> "must_not_be_negative";
            case "Size", "Length" -> "invalid_length";
            case "Min", "DecimalMin" -> "too_small";
            case "Max", "DecimalMax" -> "too_large";
            case "Email" -> "invalid_email";
            case "Pattern" -> "invalid_format";
            default -> snake(constraint);
        };
    }

    static String snake(String name) {
        return CAMEL.matcher(name).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String path(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            return servletRequest.getRequestURI();
        }
        return "";
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
