package dev.bazaar.identity.crypto;

import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.PlatformErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), with the cost from
 * {@code bazaar.identity.password.*}. Each hash takes tens of milliseconds and tens of MiB, so at most
 * {@code max-concurrent-hashes} run at once; a request that waits more than a few seconds for a slot gets a 503 rather
 * than letting a login flood exhaust memory. {@link #burn} spends the same work on a dummy hash, so that callers can
 * make "no such account" take as long as "wrong password".
 */
@Component
public class PasswordHasher {

    private static final long SLOT_WAIT_SECONDS = 5;

    private final Argon2PasswordEncoder encoder;
    private final Semaphore slots;
    private final String dummyHash;
    private final Timer hashTimer;
    private final Timer verifyTimer;

    public PasswordHasher(IdentityProperties properties, MeterRegistry registry) {
        IdentityProperties.Password cost = properties.password();
        this.encoder = new Argon2PasswordEncoder(16, 32, cost.argon2Parallelism(), cost.argon2MemoryKib(), cost.argon2Iterations());
        this.slots = new Semaphore(cost.maxConcurrentHashes(), true);
        this.dummyHash = encoder.encode("bazaar-dummy-password-" + SecureTokens.generate(""));
        this.hashTimer = Timer.builder("bazaar.identity.password.hashing").tag("operation", "hash")
                .description("Argon2id work, including the wait for a hashing slot").register(registry);
        this.verifyTimer = Timer.builder("bazaar.identity.password.hashing").tag("operation", "verify")
                .description("Argon2id work, including the wait for a hashing slot").register(registry);
    }

    /** Hashes a normalised password (see {@link PasswordPolicy#normalise}). */
    public String hash(String password) {
        return hashTimer.record(() -> withSlot(() -> encoder.encode(password)));
    }

    /** Whether the password matches the hash; false for a malformed hash. */
    public boolean verify(String password, String hash) {
        Boolean matches = verifyTimer.record(() -> withSlot(() -> encoder.matches(password, hash)));
        return Boolean.TRUE.equals(matches);
    }

    /** Verifies against a dummy hash and discards the answer: the cost of a verification without an account. */
    public void burn(String password) {
        verify(password, dummyHash);
    }

    /** Whether the hash was made with a lower cost than configured now (it is then re-hashed at the next sign-in). */
    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    private <T> T withSlot(java.util.function.Supplier<T> work) {
        boolean acquired = false;
        try {
            acquired = slots.tryAcquire(SLOT_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!acquired) {
                throw new ApplicationException(PlatformErrorCode.SERVICE_UNAVAILABLE,
                        "Too many sign-ins are being processed; retry in a moment", List.of(), Map.of(),
                        Map.of("Retry-After", "2"));
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        } finally {
            if (acquired) {
                slots.release();
            }
        }
    }
}
