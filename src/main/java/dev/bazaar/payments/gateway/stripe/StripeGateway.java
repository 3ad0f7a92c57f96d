package dev.bazaar.payments.gateway.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.bazaar.payments.gateway.ChargeRequest;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.PaymentGateway;
import dev.bazaar.payments.gateway.PaymentsProperties;
import dev.bazaar.payments.gateway.RefundRequest;
import dev.bazaar.payments.gateway.RefundResult;
import dev.bazaar.payments.gateway.WebhookNotification;
import dev.bazaar.payments.gateway.stripe.StripeSettingsService.Credentials;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stripe through stripe-java: a payment is a PaymentIntent created and confirmed in one call with its payment method
 * (card only, capture automatic or manual, metadata naming Bazaar's payment, order and shop), a refund a Refund of
 * it. Every call has the configured connect and read timeouts, no retries of the library's own (Bazaar retries with
 * the same idempotency key), and the shop's own API key. A card error (402) is a failure with its decline code; a
 * timeout, network error, 429 or 5xx is unknown. Inbound webhooks are verified against the shop's signing secret with
 * a 300 s tolerance.
 */
@Component
public class StripeGateway implements PaymentGateway {

    /** How old a webhook's signed timestamp may be, in seconds (Stripe's own default). */
    static final long TOLERANCE_SECONDS = 300;

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    private final StripeSettingsService settings;
    private final PaymentsProperties.Stripe properties;
    private final Clock clock;

    StripeGateway(StripeSettingsService settings, PaymentsProperties properties, Clock clock) {
        this.settings = settings;
        this.properties = properties.stripe();
        this.clock = clock;
    }

    @Override
    public String name() {
        return StripeSettingsService.GATEWAY;
    }

    @Override
    public boolean isAvailable() {
        return settings.isConfigured();
    }

    @Override
    public GatewayResult createPayment(ChargeRequest request) {
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isEmpty()) {
            return notConfigured();
        }
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().amount())
                .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                .setPaymentMethod(request.paymentMethod())
                .addPaymentMethodType("card")
                .setConfirm(true)
                .setCaptureMethod(request.manualCapture() ? PaymentIntentCreateParams.CaptureMethod.MANUAL
                        : PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                .setDescription(request.description())
                .putMetadata("bazaar_payment_id", request.paymentId().toString())
                .putMetadata("bazaar_order_id", request.orderId().toString())
                .putMetadata("bazaar_shop_id", request.tenantId().toString());
        if (request.customerEmail() != null) {
            params.setReceiptEmail(request.customerEmail());
        }
        return paymentCall(() -> client(credentials.get()).v1().paymentIntents().create(params.build(),
                keyed(request.idempotencyKey())));
    }

    @Override
    public GatewayResult retrieve(PaymentRef payment) {
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isEmpty()) {
            return notConfigured();
        }
        return paymentCall(() -> client(credentials.get()).v1().paymentIntents().retrieve(payment.providerReference()));
    }

    @Override
    public GatewayResult capture(PaymentRef payment, long amount, String idempotencyKey) {
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isEmpty()) {
            return notConfigured();
        }
        return paymentCall(() -> client(credentials.get()).v1().paymentIntents().capture(payment.providerReference(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(amount).build(), keyed(idempotencyKey)));
    }

    @Override
    public GatewayResult cancel(PaymentRef payment, String idempotencyKey) {
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isEmpty()) {
            return notConfigured();
        }
        return paymentCall(() -> client(credentials.get()).v1().paymentIntents().cancel(payment.providerReference(),
                PaymentIntentCancelParams.builder().build(), keyed(idempotencyKey)));
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isEmpty()) {
            return new RefundResult.Failed(null, "payment_gateway_not_configured");
        }
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(request.payment().providerReference())
                .setAmount(request.amount().amount())
                .putMetadata("bazaar_refund_id", request.refundId().toString())
                .putMetadata("bazaar_payment_id", request.payment().paymentId().toString());
        return refundCall(() -> client(credentials.get()).v1().refunds().create(params.build(), keyed(request.idempotencyKey())));
    }

    @Override
    public RefundResult retrieveRefund(UUID refundId, String refundReference) {
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isEmpty()) {
            return new RefundResult.Failed(null, "payment_gateway_not_configured");
        }
        return refundCall(() -> client(credentials.get()).v1().refunds().retrieve(refundReference));
    }

    @Override
    public Optional<WebhookNotification> parseWebhook(String payload, Map<String, String> headers) {
        Credentials credentials = settings.credentials()
                .orElseThrow(() -> new InvalidWebhookException("this shop has not configured Stripe"));
        String signature = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Stripe-Signature"))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new InvalidWebhookException("no Stripe-Signature header"));
        return Optional.of(notification(verify(payload, signature, credentials.webhookSecret(), clock)));
    }

    /** The event, if the signature over the payload is the secret's and no older than {@link #TOLERANCE_SECONDS}. */
    static Event verify(String payload, String signature, String secret, Clock clock) {
        try {
            return Webhook.constructEvent(payload, signature, secret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhookException("the signature does not verify: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidWebhookException("not a Stripe event");
        }
    }

    /** What an authentic event means for Bazaar. */
    static WebhookNotification notification(Event event) {
        String type = event.getType() == null ? "" : event.getType();
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().getObject().orElse(null);
            if (object == null) {
                object = event.getDataObjectDeserializer().deserializeUnsafe();
            }
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            log.warn("Stripe event {} of type {} has a data object that does not parse; ignored", event.getId(), type);
            return new WebhookNotification.Ignored(event.getId(), type);
        }
        return switch (type) {
            case "payment_intent.succeeded", "payment_intent.amount_capturable_updated", "payment_intent.payment_failed",
                 "payment_intent.requires_action", "payment_intent.canceled", "payment_intent.processing" ->
                    object instanceof PaymentIntent intent
                            ? new WebhookNotification.PaymentChanged(event.getId(), type,
                                    uuid(intent.getMetadata(), "bazaar_payment_id"), uuid(intent.getMetadata(), "bazaar_shop_id"),
                                    StripeMapping.result(intent))
                            : new WebhookNotification.Ignored(event.getId(), type);
            case "refund.created", "refund.updated", "refund.failed", "charge.refund.updated" ->
                    object instanceof Refund refund
                            ? new WebhookNotification.RefundChanged(event.getId(), type, List.of(update(refund)))
                            : new WebhookNotification.Ignored(event.getId(), type);
            case "charge.refunded" -> {
                List<WebhookNotification.RefundUpdate> updates = new ArrayList<>();
                if (object instanceof Charge charge && charge.getRefunds() != null && charge.getRefunds().getData() != null) {
                    charge.getRefunds().getData().forEach(refund -> updates.add(update(refund)));
                }
                yield new WebhookNotification.RefundChanged(event.getId(), type, updates);
            }
            default -> new WebhookNotification.Ignored(event.getId(), type);
        };
    }

    private static WebhookNotification.RefundUpdate update(Refund refund) {
        return new WebhookNotification.RefundUpdate(uuid(refund.getMetadata(), "bazaar_refund_id"), refund.getId(),
                StripeMapping.refund(refund));
    }

    private static @Nullable UUID uuid(@Nullable Map<String, String> metadata, String key) {
        String value = metadata == null ? null : metadata.get(key);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private StripeClient client(Credentials credentials) {
        return StripeClient.builder()
                .setApiKey(credentials.secretKey())
                .setApiBase(properties.apiBase().toString().replaceAll("/+$", ""))
                .setConnectTimeout((int) properties.connectTimeout().toMillis())
                .setReadTimeout((int) properties.readTimeout().toMillis())
                .setMaxNetworkRetries(0)
                .build();
    }

    private static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private static GatewayResult paymentCall(StripeCall<PaymentIntent> call) {
        try {
            return StripeMapping.result(call.call());
        } catch (CardException e) {
            String reference = e.getStripeError() != null && e.getStripeError().getPaymentIntent() != null
                    ? e.getStripeError().getPaymentIntent().getId() : null;
            return new GatewayResult.Failed(reference, StripeMapping.code(e.getDeclineCode(), e.getCode()),
                    e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage()
                            : "The card was declined");
        } catch (StripeException e) {
            if (isUnknown(e)) {
                log.warn("Stripe call without a known outcome: {} {}", e.getClass().getSimpleName(), e.getStatusCode());
                return new GatewayResult.Unknown(null, "stripe " + (e.getStatusCode() == null ? "unreachable" : e.getStatusCode()));
            }
            return new GatewayResult.Failed(null, e.getCode() != null ? e.getCode() : "stripe_error_" + e.getStatusCode(),
                    e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage()
                            : "Stripe refused the request");
        }
    }

    private static RefundResult refundCall(StripeCall<Refund> call) {
        try {
            return StripeMapping.refund(call.call());
        } catch (StripeException e) {
            if (isUnknown(e)) {
                log.warn("Stripe refund call without a known outcome: {} {}", e.getClass().getSimpleName(), e.getStatusCode());
                return new RefundResult.Unknown(null, "stripe " + (e.getStatusCode() == null ? "unreachable" : e.getStatusCode()));
            }
            return new RefundResult.Failed(null, e.getCode() != null ? e.getCode() : "stripe_error_" + e.getStatusCode());
        }
    }

    /** Timeouts, network errors, 429, 409 (the same key in flight) and 5xx: the request may or may not have acted. */
    private static boolean isUnknown(StripeException e) {
        return e instanceof ApiConnectionException || e instanceof RateLimitException || e instanceof IdempotencyException
                || e.getStatusCode() == null || e.getStatusCode() >= 500 || e.getStatusCode() == 429;
    }

    private static GatewayResult notConfigured() {
        return new GatewayResult.Failed(null, "payment_gateway_not_configured", "This shop has not configured Stripe");
    }
}
