package dev.bazaar.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose request or response carries a credential: a password, a token, a TOTP secret or code,
 * recovery codes. The idempotency layer leaves such requests alone — it neither stores the response (a secret shown
 * once must exist only in that one response) nor a fingerprint of the body (a fast hash of a password could be
 * cracked offline) — so the {@code Idempotency-Key} header is ignored there. Responses with secrets must also be sent
 * with {@code Cache-Control: no-store}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CarriesSecrets {}
