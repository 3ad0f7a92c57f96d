package dev.bazaar.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One access-log line per request: method, route template (never the raw path, so ids stay out of the log), status,
 * duration and, through the logging context, the request id. Health probes are logged at DEBUG.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("dev.bazaar.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long micros = (System.nanoTime() - start) / 1_000;
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String route = pattern != null ? pattern.toString() : "unmatched";
            int status = response.getStatus();
            Level level = request.getRequestURI().startsWith("/actuator/health") ? Level.DEBUG : Level.INFO;
            log.atLevel(level)
                    .addKeyValue("http.method", request.getMethod())
                    .addKeyValue("http.route", route)
                    .addKeyValue("http.status", status)
                    .addKeyValue("duration_ms", micros / 1000.0)
                    .log("{} {} {} {}ms", request.getMethod(), route, status, micros / 1000.0);
        }
    }
}
