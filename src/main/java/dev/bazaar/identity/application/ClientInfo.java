package dev.bazaar.identity.application;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client of the current request: its address (the forwarded one only from a trusted proxy, which Tomcat's remote-IP
 * handling has already resolved) and its user agent, truncated. Both are null outside a request (CLI, jobs).
 */
public record ClientInfo(@Nullable String ipAddress, @Nullable String userAgent) {

    static final int MAX_USER_AGENT = 512;

    public static ClientInfo current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String agent = request.getHeader("User-Agent");
            if (agent != null && agent.length() > MAX_USER_AGENT) {
                agent = agent.substring(0, MAX_USER_AGENT);
            }
            return new ClientInfo(request.getRemoteAddr(), agent);
        }
        return new ClientInfo(null, null);
    }

    /** The address, or a fixed stand-in for work outside a request, for throttling keys. */
    public String addressOrLocal() {
        return ipAddress != null ? ipAddress : "local";
    }
}
