package dev.bazaar.platform;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The tenant (shop) the current thread works for. It is bound by {@link TenantScope} (for a request, by the platform
 * once the {@code {shop}} in the path is resolved; for a job, from the tenant id its payload carries) and applied to
 * every database transaction, where PostgreSQL's row-level security reads it: with no tenant bound, no tenant-owned row
 * is visible or writable.
 */
public final class TenantContext {

    private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();

    /** What a thread is bound to: one tenant, the whole platform ({@code system}), or nothing. */
    public record Binding(@Nullable UUID tenantId, boolean system) {
        static final Binding NONE = new Binding(null, false);
        static final Binding SYSTEM = new Binding(null, true);

        public boolean isNone() {
            return tenantId == null && !system;
        }
    }

    private TenantContext() {}

    /** The current tenant, if the thread works for one. */
    public static Optional<UUID> tenantId() {
        return Optional.ofNullable(binding().tenantId());
    }

    /** The current tenant; throws {@link IllegalStateException} outside a tenant scope (a programming error). */
    public static UUID requireTenantId() {
        UUID tenant = binding().tenantId();
        if (tenant == null) {
            throw new IllegalStateException("no tenant is bound to this thread; use TenantScope");
        }
        return tenant;
    }

    /** The binding of the current thread ({@link Binding#isNone()} when unbound). */
    public static Binding binding() {
        Binding binding = CURRENT.get();
        return binding == null ? Binding.NONE : binding;
    }

    static Binding bind(Binding binding) {
        Binding previous = binding();
        if (binding.isNone()) {
            CURRENT.remove();
        } else {
            CURRENT.set(binding);
        }
        return previous;
    }
}
