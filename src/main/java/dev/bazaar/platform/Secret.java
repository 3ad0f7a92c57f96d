package dev.bazaar.platform;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A secret value in a response body or problem detail: serialised to JSON as the plain string, but {@code toString()}
 * is redacted, so that framework debug logging of bodies never prints it. Request and response records that hold
 * secrets override {@code toString()} for the same reason.
 */
public record Secret(@JsonValue String value) {

    public static final String REDACTED = "[redacted]";

    @Override
    public String toString() {
        return REDACTED;
    }
}
