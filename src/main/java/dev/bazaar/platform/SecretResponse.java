package dev.bazaar.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose response carries a credential shown once (tokens, a TOTP secret, recovery codes). Such a
 * response is never stored for {@code Idempotency-Key} replay, so the secret exists nowhere but in that one response;
 * the header is ignored for these handlers. The handler must also answer with {@code Cache-Control: no-store}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SecretResponse {}
