package dev.bazaar.platform.broadcast;

import dev.bazaar.platform.Broadcasts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process fan-out (one instance): messages are delivered on one broadcast thread, in publication order, from a
 * bounded queue. Also the local half of {@link RedisBroadcasts}.
 */
class LocalBroadcasts implements Broadcasts, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalBroadcasts.class);
    static final int QUEUE_CAPACITY = 10_000;

    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor;
    private final MeterRegistry meters;

    LocalBroadcasts(MeterRegistry meters) {
        this.meters = meters;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                Thread.ofPlatform().name("broadcast").daemon(true).factory(),
                (task, pool) -> dropped("queue_full"));
    }

    @Override
    public void publish(String topic, String message) {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(() -> deliver(topic, message));
    }

    /** Runs {@code work} on the broadcast thread (after the messages queued before it). */
    void submit(Runnable work) {
        if (!executor.isShutdown()) {
            executor.execute(work);
        }
    }

    /** Calls the local listeners of {@code topic}; a failing listener does not stop the others. */
    void deliver(String topic, String message) {
        for (Consumer<String> listener : listeners.getOrDefault(topic, List.of())) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                log.warn("A listener of broadcast topic {} failed", topic, e);
            }
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, key -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(topic, List.of()).remove(listener);
    }

    void dropped(String reason) {
        meters.counter("bazaar.broadcasts.dropped", "reason", reason).increment();
    }

    /** Stops delivering; called when the context closes. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
