package dev.bazaar.platform;

import dev.bazaar.platform.config.TenantSessions;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Runs work for one tenant, or, rarely and explicitly, across all of them. Inside {@link #call(UUID, Supplier)} every
 * transaction sees only that tenant's rows (PostgreSQL row-level security with a transaction-local setting); inside
 * {@link #system} it runs as the platform's system role, which sees every tenant: only for work that is cross-tenant by
 * nature (resolving a shop by its handle, an account's own shops, administrators, purges). Scopes nest and restore the
 * previous one on exit, also inside a running transaction.
 */
@Component
public class TenantScope {

    private final TenantSessions sessions;

    TenantScope(TenantSessions sessions) {
        this.sessions = sessions;
    }

    public <T> T call(UUID tenantId, Supplier<T> work) {
        return within(new TenantContext.Binding(Objects.requireNonNull(tenantId), false), work);
    }

    public void run(UUID tenantId, Runnable work) {
        call(tenantId, () -> {
            work.run();
            return null;
        });
    }

    /** Cross-tenant work; {@code reason} documents why at the call site. */
    public <T> T system(String reason, Supplier<T> work) {
        Objects.requireNonNull(reason);
        return within(TenantContext.Binding.SYSTEM, work);
    }

    private <T> T within(TenantContext.Binding binding, Supplier<T> work) {
        OpenScope scope = bind(binding);
        try {
            sessions.applyToCurrentTransaction(binding);
            return work.get();
        } finally {
            scope.close();
            sessions.applyToCurrentTransaction(TenantContext.binding());
        }
    }

    /** Binds a tenant to the current thread until {@link OpenScope#close()}: for a request, whose work is not one lambda. */
    public OpenScope open(UUID tenantId) {
        return bind(new TenantContext.Binding(Objects.requireNonNull(tenantId), false));
    }

    /** Binds the thread (and the log's tenant) and returns how to restore both as they were. */
    private static OpenScope bind(TenantContext.Binding binding) {
        TenantContext.Binding previous = TenantContext.bind(binding);
        String previousMdc = MDC.get(RequestContext.TENANT_ID);
        if (binding.tenantId() != null) {
            MDC.put(RequestContext.TENANT_ID, binding.tenantId().toString());
        }
        return () -> {
            TenantContext.bind(previous);
            if (previousMdc == null) {
                MDC.remove(RequestContext.TENANT_ID);
            } else {
                MDC.put(RequestContext.TENANT_ID, previousMdc);
            }
        };
    }

    /** An open binding. */
    @FunctionalInterface
    public interface OpenScope extends AutoCloseable {
        @Override
        void close();
    }
}
