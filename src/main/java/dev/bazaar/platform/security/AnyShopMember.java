package dev.bazaar.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A shop-scoped endpoint open to every member of the shop and every API key of it, whatever their permissions (reading
 * the shop itself, leaving it). Non-members get the same 404 as for an unknown shop. See {@link RequiresPermission}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AnyShopMember {
    /** Whether API keys may call it too (false: people only). */
    boolean apiKeys() default true;
}
