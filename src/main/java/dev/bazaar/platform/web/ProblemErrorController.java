package dev.bazaar.platform.web;

import dev.bazaar.platform.PlatformErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (raised by the servlet container or a filter) as problem details too,
 * replacing Boot's white-label/JSON error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer value ? value : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status == 500 && ProblemDetailsAdvice.isOverloaded(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            // A filter found no free database connection in time: the service is busy, not broken.
            return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, ProblemDetailsAdvice.OVERLOAD_RETRY_AFTER)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(PlatformErrorCode.SERVICE_UNAVAILABLE, 503, ProblemDetailsAdvice.OVERLOAD_DETAIL,
                            uri instanceof String s ? s : null, java.util.List.of(), java.util.Map.of()));
        }
        PlatformErrorCode code = PlatformErrorCode.forStatus(status);
        ProblemDetail problem = Problems.of(code, status, null, uri instanceof String s ? s : null,
                java.util.List.of(), java.util.Map.of());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
