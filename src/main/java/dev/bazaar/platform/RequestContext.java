package dev.bazaar.platform;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * What is known about the work the current thread does for a request or a job: the request id (and, once those modules
 * exist, tenant and user). Kept in the logging context so that every log line carries it.
 */
public final class RequestContext {

    /** Log (MDC) key of the request id. */
    public static final String REQUEST_ID = "request_id";
    /** Log (MDC) key of the tenant id. */
    public static final String TENANT_ID = "tenant_id";

    private RequestContext() {}

    public static @Nullable String requestId() {
        return MDC.get(REQUEST_ID);
    }
}
