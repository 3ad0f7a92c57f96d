package dev.bazaar.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides whose namespace an {@code Idempotency-Key} lives in, so that two callers (or one caller in two shops) never
 * see each other's stored responses. Replace the bean to scope by richer identity.
 */
@FunctionalInterface
public interface IdempotencyScope {

    String scopeOf(HttpServletRequest request);
}
