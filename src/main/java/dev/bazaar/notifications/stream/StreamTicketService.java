package dev.bazaar.notifications.stream;

import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.Permission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stream tickets: short-lived, single-use credentials that open the current shop's stream without a long-lived token
 * in the URL. A ticket is bound to the shop, the account or API key that asked for it and the permissions it held
 * then; only its SHA-256 is stored (table {@code stream_tickets}, shared by every instance), and it is consumed with
 * one atomic {@code delete … returning}, so two requests can never both use it. Expired tickets of the shop are purged
 * whenever the shop issues a new one.
 */
@Component
class StreamTicketService {

    static final String PREFIX = "bzt_";
    private static final Pattern FORMAT = Pattern.compile("bzt_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A ticket as handed out, once. */
    record Issued(String ticket, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StreamProperties properties;

    StreamTicketService(JdbcClient jdbc, Clock clock, StreamProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new ticket for the current shop; {@code accountId} xor {@code apiKeyId}. */
    @Transactional
    public Issued issue(@Nullable UUID accountId, @Nullable UUID apiKeyId, Set<Permission> permissions) {
        UUID tenant = TenantContext.requireTenantId();
        Instant now = clock.instant();
        jdbc.sql("delete from stream_tickets where tenant_id = :tenant and expires_at < :now")
                .param("tenant", tenant).param("now", Timestamp.from(now)).update();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(properties.ticketTtl());
        jdbc.sql("""
                        insert into stream_tickets (tenant_id, token_hash, account_id, api_key_id, permissions, expires_at)
                        values (:tenant, :hash, :account, :key, :permissions, :expires)""")
                .param("tenant", tenant).param("hash", hash(ticket)).param("account", accountId).param("key", apiKeyId)
                .param("permissions", permissions.stream().map(Permission::code).sorted().toArray(String[]::new))
                .param("expires", Timestamp.from(expiresAt)).update();
        return new Issued(ticket, expiresAt);
    }

    /** The subscriber the ticket was issued to, if it is a ticket of the current shop, unused and unexpired; uses it up. */
    @Transactional
    public Optional<Subscriber> consume(String ticket) {
        if (!FORMAT.matcher(ticket).matches()) {
            return Optional.empty();
        }
        UUID tenant = TenantContext.requireTenantId();
        Instant now = clock.instant();
        return jdbc.sql("""
                        delete from stream_tickets where tenant_id = :tenant and token_hash = :hash
                        returning account_id, api_key_id, permissions, expires_at""")
                .param("tenant", tenant).param("hash", hash(ticket))
                .query((rs, n) -> rs.getTimestamp("expires_at").toInstant().isAfter(now)
                        ? new Subscriber(tenant, rs.getObject("account_id", UUID.class), rs.getObject("api_key_id", UUID.class),
                        permissions((String[]) rs.getArray("permissions").getArray()))
                        : null)
                .optional();
    }

    private static Set<Permission> permissions(String[] codes) {
        return Arrays.stream(codes).map(Permission::fromCode).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }

    private static byte[] hash(String ticket) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
