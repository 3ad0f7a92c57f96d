package dev.bazaar.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A shop-scoped endpoint open to anyone, members or not (storefront reads). The shop must exist and be active: a
 * suspended shop answers 404 to the public. Anonymous callers are rate-limited per client address per shop.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicShopAccess {}
