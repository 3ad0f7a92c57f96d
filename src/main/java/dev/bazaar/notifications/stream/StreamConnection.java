package dev.bazaar.notifications.stream;

import dev.bazaar.webhooks.EventType;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One open stream: a bounded queue that the fan-out fills without ever waiting, drained by the stream's own request
 * thread. A full queue means the client does not keep up: the stream is closed ({@link Close#OVERFLOW}) instead of
 * slowing anyone else down.
 */
final class StreamConnection {

    /** Why the server ends a stream. */
    enum Close { OVERFLOW, SHUTDOWN }

    private static final UUID ZERO = new UUID(0, 0);
    /** Wakes a waiting drain when the stream is closed. */
    private static final StreamMessage WAKE = StreamMessage.notification(ZERO, ZERO,
            ZERO, "");

    private final Subscriber subscriber;
    private final BlockingQueue<StreamMessage> queue;
    private final int capacityLimit;
    private volatile @Nullable Close closed;

    StreamConnection(Subscriber subscriber, int capacity) {
        this.subscriber = subscriber;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.capacityLimit = capacity;
    }

    Subscriber subscriber() {
        return subscriber;
    }

    /** Whether this stream carries the message: events its permissions allow, notifications of its own account. */
    /** The event types this subscriber may receive. */
    java.util.Set<EventType> visibleTypes() {
        java.util.Set<EventType> types = java.util.EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (type != EventType.PING && subscriber.permissions().contains(type.permission())) {
                types.add(type);
            }
        }
        return types;
    }

    boolean wants(StreamMessage message) {
        if (!message.tenantId().equals(subscriber.tenantId())) {
            return false;
        }
        return switch (message.kind()) {
            case EVENT -> EventType.fromName(message.name())
                    .filter(type -> type != EventType.PING)
                    .filter(type -> subscriber.permissions().contains(type.permission())).isPresent();
            case NOTIFICATION -> message.accountId() != null && message.accountId().equals(subscriber.accountId());
        };
    }

    /** Queues the message; false when the queue was full (the caller then closes the stream). Never waits. */
    boolean offer(StreamMessage message) {
        return closed == null && queue.size() < capacityLimit && queue.offer(message);
    }

    /** Ends the stream; returns how many queued messages are dropped. */
    int close(Close reason) {
        if (closed != null) {
            return 0;
        }
        closed = reason;
        int dropped = queue.size();
        queue.clear();
        queue.offer(WAKE);
        return dropped;
    }

    @Nullable Close closed() {
        return closed;
    }

    /** The next message, waiting at most {@code millis}; null on timeout or when closed. */
    @Nullable StreamMessage poll(long millis) throws InterruptedException {
        StreamMessage message = millis <= 0 ? queue.poll() : queue.poll(millis, TimeUnit.MILLISECONDS);
        return message == WAKE || closed != null ? null : message;
    }
}
