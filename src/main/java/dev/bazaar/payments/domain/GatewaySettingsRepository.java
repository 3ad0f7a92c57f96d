package dev.bazaar.payments.domain;

import dev.bazaar.platform.persistence.Sql;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's settings per gateway; secrets as sealed by the platform SecretBox. */
@Repository
public class GatewaySettingsRepository {

    private final JdbcClient jdbc;

    GatewaySettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record SettingsRow(String gateway, @Nullable String sealedSecretKey, @Nullable String sealedWebhookSecret,
                              @Nullable String secretKeyLast4, @Nullable String mode, boolean manualCapture,
                              Instant updatedAt) {}

    public Optional<SettingsRow> find(UUID tenant, String gateway) {
        return jdbc.sql("select * from payment_gateway_settings where tenant_id = :tenant and gateway = :gateway")
                .param("tenant", tenant).param("gateway", gateway)
                .query((rs, n) -> new SettingsRow(rs.getString("gateway"), rs.getString("secret_key"),
                        rs.getString("webhook_secret"), rs.getString("secret_key_last4"), rs.getString("mode"),
                        rs.getString("capture_method").equals("manual"), Sql.instant(rs, "updated_at")))
                .optional();
    }

    public void save(UUID tenant, String gateway, String sealedSecretKey, String sealedWebhookSecret, String last4,
                     String mode, boolean manualCapture) {
        jdbc.sql("""
                        insert into payment_gateway_settings as s (tenant_id, gateway, secret_key, webhook_secret,
                            secret_key_last4, mode, capture_method)
                        values (:tenant, :gateway, :key, :webhook, :last4, :mode, :capture)
                        on conflict (tenant_id, gateway) do update set secret_key = :key, webhook_secret = :webhook,
                            secret_key_last4 = :last4, mode = :mode, capture_method = :capture, updated_at = now(),
                            version = s.version + 1""")
                .param("tenant", tenant).param("gateway", gateway).param("key", sealedSecretKey)
                .param("webhook", sealedWebhookSecret).param("last4", last4).param("mode", mode)
                .param("capture", manualCapture ? "manual" : "automatic").update();
    }

    public boolean delete(UUID tenant, String gateway) {
        return jdbc.sql("delete from payment_gateway_settings where tenant_id = :tenant and gateway = :gateway")
                .param("tenant", tenant).param("gateway", gateway).update() == 1;
    }
}
