package dev.bazaar.payments.gateway.stripe;

import dev.bazaar.payments.domain.GatewaySettingsRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.SecretBox;
import dev.bazaar.platform.TenantContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shop's Stripe configuration: its secret (or restricted) API key and webhook signing secret, sealed with the
 * platform {@link SecretBox} and never returned or logged (only the key's last four characters and its mode are), and
 * whether payments are captured at once or only authorised.
 */
@Service
public class StripeSettingsService {

    public static final String GATEWAY = "stripe";
    static final Pattern SECRET_KEY = Pattern.compile("(sk|rk)_(test|live)_[A-Za-z0-9]{8,247}");
    static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]{8,250}");

    private final GatewaySettingsRepository settings;
    private final SecretBox secrets;
    private final AuditLog audit;

    StripeSettingsService(GatewaySettingsRepository settings, SecretBox secrets, AuditLog audit) {
        this.settings = settings;
        this.secrets = secrets;
        this.audit = audit;
    }

    /** What the API shows: never a secret. {@code mode} test or live; {@code captureMethod} automatic or manual. */
    public record StripeSettingsView(boolean configured, @Nullable String secretKeyLast4, @Nullable String mode,
                                     @Nullable String captureMethod, String webhookUrl, @Nullable Instant updatedAt) {}

    /** Opened credentials; {@link #toString()} never shows them. */
    public record Credentials(String secretKey, String webhookSecret, boolean manualCapture) {
        @Override
        public String toString() {
            return "Credentials[secretKey=…, webhookSecret=…, manualCapture=" + manualCapture + "]";
        }
    }

    @Transactional(readOnly = true)
    public StripeSettingsView get(String shopReference) {
        String webhookUrl = "/api/v1/payment-webhooks/stripe/" + shopReference;
        return settings.find(TenantContext.requireTenantId(), GATEWAY)
                .map(row -> new StripeSettingsView(true, row.secretKeyLast4(), row.mode(),
                        row.manualCapture() ? "manual" : "automatic", webhookUrl, row.updatedAt()))
                .orElse(new StripeSettingsView(false, null, null, null, webhookUrl, null));
    }

    /**
     * Replaces the configuration; 400 naming the field for a key that is not {@code sk_test_…}, {@code sk_live_…} or
     * {@code rk_…}, a webhook secret that is not {@code whsec_…}, or a capture method other than automatic or manual.
     * Audited without the secrets.
     */
    @Transactional
    public StripeSettingsView put(String shopReference, String secretKey, String webhookSecret, @Nullable String captureMethod) {
        UUID tenant = TenantContext.requireTenantId();
        if (!SECRET_KEY.matcher(secretKey).matches()) {
            throw ApplicationException.invalidField("secret_key", "invalid_secret_key",
                    "must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_test_…, rk_live_…)");
        }
        if (!WEBHOOK_SECRET.matcher(webhookSecret).matches()) {
            throw ApplicationException.invalidField("webhook_secret", "invalid_webhook_secret",
                    "must be a Stripe webhook signing secret (whsec_…)");
        }
        String capture = captureMethod == null ? "automatic" : captureMethod;
        if (!capture.equals("automatic") && !capture.equals("manual")) {
            throw ApplicationException.invalidField("capture_method", "invalid_capture_method", "must be automatic or manual");
        }
        StripeSettingsView before = get(shopReference);
        String mode = secretKey.contains("_live_") ? "live" : "test";
        String last4 = secretKey.substring(secretKey.length() - 4);
        settings.save(tenant, GATEWAY, secrets.seal(secretKey), secrets.seal(webhookSecret), last4, mode,
                capture.equals("manual"));
        StripeSettingsView after = get(shopReference);
        audit.record("payment_gateway.configured", "payment_gateway", GATEWAY, fields(before), fields(after));
        return after;
    }

    /** Removes the configuration (Stripe is no longer available to the shop); nothing when there is none. */
    @Transactional
    public void delete(String shopReference) {
        StripeSettingsView before = get(shopReference);
        if (settings.delete(TenantContext.requireTenantId(), GATEWAY)) {
            audit.record("payment_gateway.removed", "payment_gateway", GATEWAY, fields(before), Map.of());
        }
    }

    @Transactional(readOnly = true)
    public boolean isConfigured() {
        return settings.find(TenantContext.requireTenantId(), GATEWAY).isPresent();
    }

    /** The shop's opened credentials, for the adapter only; empty when Stripe is not configured. */
    @Transactional(readOnly = true)
    public Optional<Credentials> credentials() {
        return settings.find(TenantContext.requireTenantId(), GATEWAY)
                .filter(row -> row.sealedSecretKey() != null && row.sealedWebhookSecret() != null)
                .map(row -> new Credentials(secrets.open(row.sealedSecretKey()), secrets.open(row.sealedWebhookSecret()),
                        row.manualCapture()));
    }

    private static Map<String, Object> fields(StripeSettingsView view) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("configured", view.configured());
        if (view.configured()) {
            fields.put("secret_key_last4", view.secretKeyLast4());
            fields.put("mode", view.mode());
            fields.put("capture_method", view.captureMethod());
        }
        return fields;
    }
}
