package dev.bazaar.catalog.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.catalog.ProductEvent;
import dev.bazaar.inventory.InventoryEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The server-side cache of storefront reads: what the public sees of a shop's products, in Redis when configured
 * (shared by every instance) and in process otherwise. Every key holds the tenant and the tenant's catalog generation;
 * any committed change to the shop's catalog or stock bumps the generation after commit and before the writer's
 * response, so a read that starts after a write has been answered never sees the old value (entries of older
 * generations are simply never read again and expire). A Redis failure never fails a read: the read goes to the
 * database, counted in {@code bazaar.catalog.cache{result=error}}; a failed bump leaves entries of the old generation
 * readable until they expire ({@code bazaar.catalog.cache.ttl}), and is logged.
 */
public class CatalogCache {

    private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);

    /** Where generations and entries live. */
    interface Store {
        long generation(UUID tenant);

        void bump(UUID tenant);

        @Nullable String get(String key);

        void put(String key, String value);
    }

    private final Store store;
    private final MeterRegistry meters;
    private final boolean enabled;

    CatalogCache(Store store, MeterRegistry meters, boolean enabled) {
        this.store = store;
        this.meters = meters;
        this.enabled = enabled;
    }

    /** The in-process store: one instance only. */
    public static CatalogCache local(MeterRegistry meters, boolean enabled, Duration ttl, long maxEntries) {
        Map<UUID, AtomicLong> generations = new ConcurrentHashMap<>();
        Cache<String, String> entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
        return new CatalogCache(new Store() {
            @Override
            public long generation(UUID tenant) {
                return generations.computeIfAbsent(tenant, key -> new AtomicLong()).get();
            }

            @Override
            public void bump(UUID tenant) {
                generations.computeIfAbsent(tenant, key -> new AtomicLong()).incrementAndGet();
            }

            @Override
            public @Nullable String get(String key) {
                return entries.getIfPresent(key);
            }

            @Override
            public void put(String key, String value) {
                entries.put(key, value);
            }
        }, meters, enabled);
    }

    /** The shared store: generations and entries in Redis. */
    public static CatalogCache redis(StringRedisTemplate redis, MeterRegistry meters, boolean enabled, Duration ttl) {
        return new CatalogCache(new Store() {
            @Override
            public long generation(UUID tenant) {
                String value = redis.opsForValue().get(generationKey(tenant));
                return value == null ? 0 : Long.parseLong(value);
            }

            @Override
            public void bump(UUID tenant) {
                redis.opsForValue().increment(generationKey(tenant));
            }

            @Override
            public @Nullable String get(String key) {
                return redis.opsForValue().get(key);
            }

            @Override
            public void put(String key, String value) {
                redis.opsForValue().set(key, value, ttl);
            }
        }, meters, enabled);
    }

    private static String generationKey(UUID tenant) {
        return "bazaar:catalog:" + tenant + ":generation";
    }

    /**
     * The cached value of {@code key} for the tenant's current catalog, or what {@code loader} reads (then cached): a
     * rendered answer, so that a hit costs no rendering.
     */
    String read(UUID tenant, String key, Supplier<String> loader) {
        if (!enabled) {
            return loader.get();
        }
        String entry;
        try {
            entry = "bazaar:catalog:" + tenant + ":" + store.generation(tenant) + ":" + digest(key);
            String cached = store.get(entry);
            if (cached != null) {
                count("hit");
                return cached;
            }
        } catch (RuntimeException e) {
            count("error");
            log.debug("Catalog cache unavailable; reading from the database", e);
            return loader.get();
        }
        count("miss");
        String value = loader.get();
        try {
            store.put(entry, value);
        } catch (RuntimeException e) {
            count("error");
        }
        return value;
    }

    /** Makes every entry of the tenant stale. */
    void invalidate(UUID tenant) {
        try {
            store.bump(tenant);
        } catch (RuntimeException e) {
            count("error");
            log.warn("Could not invalidate the catalog cache of tenant {}; its entries expire within the TTL: {}", tenant,
                    e.toString());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ProductEvent event) {
        invalidate(event.tenantId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(InventoryEvent event) {
        invalidate(event.tenantId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged event) {
        invalidate(event.tenantId());
    }

    private void count(String result) {
        meters.counter("bazaar.catalog.cache", "result", result).increment();
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
