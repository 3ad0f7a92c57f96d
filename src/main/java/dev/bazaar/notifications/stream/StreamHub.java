package dev.bazaar.notifications.stream;

import dev.bazaar.notifications.NotificationCreated;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Broadcasts;
import dev.bazaar.webhooks.EventType;
import dev.bazaar.webhooks.RecordedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The streams open on this instance and the fan-out into them. Every recorded event and every notification is
 * broadcast once, by the instance whose transaction committed it, on the {@value StreamMessage#TOPIC} topic; every
 * instance then offers it to its own streams of that shop that may carry it. Offering never waits: a stream whose
 * queue is full is closed, and nobody else notices. On shutdown every stream is closed first, so that graceful shutdown
 * does not wait for clients that would never hang up.
 */
@Component
class StreamHub implements SmartLifecycle {

    private final Map<UUID, Set<StreamConnection>> byShop = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Broadcasts broadcasts;
    private final StreamProperties properties;
    private final MeterRegistry meters;
    private final Broadcasts.Subscription subscription;
    private volatile boolean running;

    StreamHub(Broadcasts broadcasts, StreamProperties properties, MeterRegistry meters) {
        this.broadcasts = broadcasts;
        this.properties = properties;
        this.meters = meters;
        meters.gauge("bazaar.stream.connections", open);
        this.subscription = broadcasts.subscribe(StreamMessage.TOPIC, this::received);
    }

    @EventListener
    void on(RecordedEvent event) {
        if (event.type() != EventType.PING) {
            broadcasts.publish(StreamMessage.TOPIC, StreamMessage.event(event.tenantId(), event.seq(), event.id(),
                    event.type().eventName(), event.body()).encode());
        }
    }

    @EventListener
    void on(NotificationCreated notification) {
        broadcasts.publish(StreamMessage.TOPIC, StreamMessage.notification(notification.tenantId(), notification.accountId(),
                notification.notificationId(), notification.body()).encode());
    }

    private void received(String encoded) {
        StreamMessage message = StreamMessage.decode(encoded);
        if (message == null) {
            return;
        }
        for (StreamConnection connection : byShop.getOrDefault(message.tenantId(), Set.of())) {
            if (connection.wants(message) && !connection.offer(message)) {
                int dropped = connection.close(StreamConnection.Close.OVERFLOW);
                meters.counter("bazaar.stream.dropped", "reason", "overflow").increment(dropped + 1);
            }
        }
    }

    /** Registers a new stream; 429 when the subscriber or the shop has as many open here as allowed. */
    synchronized StreamConnection register(Subscriber subscriber) {
        Set<StreamConnection> shop = byShop.computeIfAbsent(subscriber.tenantId(), key -> ConcurrentHashMap.newKeySet());
        long mine = shop.stream().filter(c -> c.subscriber().principal().equals(subscriber.principal())).count();
        if (!running || mine >= properties.maxStreamsPerSubscriber() || shop.size() >= properties.maxStreamsPerShop()) {
            meters.counter("bazaar.stream.refused", "reason", running ? "limit" : "shutdown").increment();
            throw new ApplicationException(StreamErrorCode.TOO_MANY_STREAMS, running
                    ? "At most " + properties.maxStreamsPerSubscriber() + " streams per subscriber and "
                    + properties.maxStreamsPerShop() + " per shop may be open at once; close one first"
                    : "The server is shutting down; reconnect", List.of(), Map.of(), Map.of("Retry-After", "1"));
        }
        StreamConnection connection = new StreamConnection(subscriber, properties.queueCapacity());
        shop.add(connection);
        open.incrementAndGet();
        return connection;
    }

    synchronized void unregister(StreamConnection connection) {
        Set<StreamConnection> shop = byShop.get(connection.subscriber().tenantId());
        if (shop != null && shop.remove(connection)) {
            open.decrementAndGet();
            if (shop.isEmpty()) {
                byShop.remove(connection.subscriber().tenantId());
            }
        }
    }

    void delivered() {
        meters.counter("bazaar.stream.messages").increment();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes every open stream (each ends with {@code event: close}); runs before the web server's graceful shutdown. */
    @Override
    public void stop() {
        synchronized (this) {
            running = false;
        }
        byShop.values().forEach(shop -> shop.forEach(connection -> connection.close(StreamConnection.Close.SHUTDOWN)));
        subscription.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server's graceful-shutdown phase starts waiting would be too late: stop before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
