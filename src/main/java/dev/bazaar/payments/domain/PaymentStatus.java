package dev.bazaar.payments.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A payment's status and the transitions it allows. {@code succeeded}, {@code failed} and {@code canceled} are final:
 * a late "failed" after "succeeded" is refused (and logged by the caller), never applied. An authorised payment is
 * captured or voided, it does not fail.
 */
public enum PaymentStatus {
    PENDING, PROCESSING, REQUIRES_ACTION, AUTHORIZED, SUCCEEDED, FAILED, CANCELED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    /** Whether a payment in this status may move to {@code target} (staying where it is counts as allowed). */
    public boolean canMoveTo(PaymentStatus target) {
        return this == target || next().contains(target);
    }

    private Set<PaymentStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PROCESSING, REQUIRES_ACTION, AUTHORIZED, SUCCEEDED, FAILED, CANCELED);
            case PROCESSING -> EnumSet.of(REQUIRES_ACTION, AUTHORIZED, SUCCEEDED, FAILED, CANCELED);
            case REQUIRES_ACTION -> EnumSet.of(PROCESSING, AUTHORIZED, SUCCEEDED, FAILED, CANCELED);
            case AUTHORIZED -> EnumSet.of(SUCCEEDED, CANCELED);
            case SUCCEEDED, FAILED, CANCELED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }
}
