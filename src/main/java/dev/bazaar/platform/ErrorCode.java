package dev.bazaar.platform;

/**
 * A stable, machine-readable error: its {@link #code()} never changes once published, its HTTP status and title are
 * what the problem-details body carries. Each module declares its codes as an enum implementing this.
 */
public interface ErrorCode {

    /** The stable code, e.g. {@code validation_failed} or {@code ordering.order.cannot_cancel}. */
    String code();

    /** The HTTP status this error is rendered with. */
    int status();

    /** A short human-readable summary that does not change from occurrence to occurrence. */
    String title();
}
