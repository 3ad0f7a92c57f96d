package dev.bazaar.platform.security;

import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The shop of the shop-scoped request the current thread is serving and the caller's access to it, as resolved (and
 * authorised) by the platform before the handler runs.
 */
public final class CurrentShop {

    /** Request attribute holding the {@link ShopAccess}. */
    public static final String ATTRIBUTE = CurrentShop.class.getName();

    private CurrentShop() {}

    public static Optional<ShopAccess> find() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null && attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ShopAccess access
                ? Optional.of(access) : Optional.empty();
    }

    /** The resolved shop; throws {@link IllegalStateException} outside a shop-scoped request (a programming error). */
    public static ShopAccess require() {
        return find().orElseThrow(() -> new IllegalStateException("not a shop-scoped request"));
    }
}
