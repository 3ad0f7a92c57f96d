package dev.bazaar.platform.broadcast;

import dev.bazaar.platform.Broadcasts;
import dev.bazaar.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Fan-out over Redis pub/sub: a message is delivered to this instance's listeners at once and published on
 * {@code bazaar:broadcast:<topic>} for the others, tagged with this instance's id so that its own echo is ignored. The
 * subscription (one pattern for every topic) is made in the background after start-up and retried until Redis answers,
 * so a Redis outage never stops start-up; once made, Lettuce reconnects and re-subscribes by itself. Publishing while
 * Redis is down fails fast (the client rejects commands while disconnected) and is counted as dropped.
 */
class RedisBroadcasts implements Broadcasts, SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBroadcasts.class);
    static final String PREFIX = "bazaar:broadcast:";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final LocalBroadcasts local;
    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final String instance = Ids.newId().toString();
    private volatile boolean running;
    private volatile @Nullable RedisConnection subscriber;
    private @Nullable Thread connector;

    RedisBroadcasts(LocalBroadcasts local, RedisConnectionFactory connections, StringRedisTemplate redis) {
        this.local = local;
        this.connections = connections;
        this.redis = redis;
    }

    @Override
    public void publish(String topic, String message) {
        local.submit(() -> {
            local.deliver(topic, message);
            try {
                redis.convertAndSend(PREFIX + topic, instance + "\n" + message);
            } catch (RuntimeException e) {
                local.dropped("redis_unavailable");
                log.debug("Broadcast on {} reached only this instance: Redis is unavailable", topic, e);
            }
        });
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        return local.subscribe(topic, listener);
    }

    /** Whether the Redis subscription is established (it may be reconnecting underneath). */
    boolean subscribed() {
        RedisConnection connection = subscriber;
        return connection != null && connection.isSubscribed();
    }

    private void received(Message message) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        int newline = body.indexOf('\n');
        if (!channel.startsWith(PREFIX) || newline < 0 || body.substring(0, newline).equals(instance)) {
            return;
        }
        String topic = channel.substring(PREFIX.length());
        String payload = body.substring(newline + 1);
        local.submit(() -> local.deliver(topic, payload));
    }

    private void connect() {
        Duration backoff = Duration.ofMillis(250);
        while (running && subscriber == null) {
            RedisConnection connection = null;
            try {
                connection = connections.getConnection();
                connection.pSubscribe((message, pattern) -> received(message), (PREFIX + "*").getBytes(StandardCharsets.UTF_8));
                subscriber = connection;
                log.info("Subscribed to broadcasts over Redis");
            } catch (RuntimeException e) {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (RuntimeException ignored) {
                        // Already broken.
                    }
                }
                log.warn("Cannot subscribe to broadcasts over Redis yet ({}); retrying in {} ms", e.toString(), backoff.toMillis());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        connector = Thread.ofVirtual().name("broadcast-redis-subscriber").start(this::connect);
    }

    @Override
    public void stop() {
        running = false;
        if (connector != null) {
            connector.interrupt();
        }
        RedisConnection connection = subscriber;
        subscriber = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                log.debug("Closing the broadcast subscription failed", e);
            }
        }
        local.close();
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
