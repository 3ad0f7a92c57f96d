package dev.bazaar.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what a shop-scoped endpoint ({@code /api/v1/shops/{shop}/…}) needs: the caller must be a member of the shop
 * whose role holds {@link #value()}, or an API key of that shop with it among its scopes. Checked centrally before the
 * handler runs: a caller who is not a member (or a key of another shop) gets the same 404 as for an unknown shop; a
 * member without the permission gets 403 {@code permission_denied}. Every shop-scoped handler must carry exactly one of
 * this, {@link AnyShopMember} or {@link PublicShopAccess}; start-up fails otherwise.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {
    Permission value();

    /** Whether API keys holding the permission may call it too (false: people only, e.g. minting keys, inviting). */
    boolean apiKeys() default true;
}
