package dev.bazaar.platform;

import java.util.function.Consumer;

/**
 * Fan-out of short messages to every running instance: through Redis pub/sub when Bazaar has Redis, in process
 * otherwise. At most once and for live pushes only — a message published while Redis is unreachable reaches only this
 * instance's subscribers, and one published while an instance is (re)subscribing is lost to it; the durable copy of
 * anything that matters lives in PostgreSQL. {@link #publish} never blocks the caller (messages are handed to a bounded
 * queue and dropped, counted in {@code bazaar.broadcasts.dropped}, when it is full); listeners are called on a
 * broadcast thread and must return quickly (hand off, never block). A Redis outage never fails start-up or a publish;
 * the subscription is re-established when Redis returns.
 */
public interface Broadcasts {

    /** Sends {@code message} to every subscriber of {@code topic} on every instance, this one included. */
    void publish(String topic, String message);

    /** Calls {@code listener} with every message published to {@code topic} from now on, until the subscription is closed. */
    Subscription subscribe(String topic, Consumer<String> listener);

    /** An open subscription. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
