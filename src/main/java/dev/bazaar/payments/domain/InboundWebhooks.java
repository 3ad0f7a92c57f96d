package dev.bazaar.payments.domain;

import dev.bazaar.payments.PaymentsErrorCode;
import dev.bazaar.payments.domain.PaymentRepository.PaymentRow;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.PaymentGateway;
import dev.bazaar.payments.gateway.PaymentGateway.InvalidWebhookException;
import dev.bazaar.payments.gateway.PaymentGateways;
import dev.bazaar.payments.gateway.RefundResult;
import dev.bazaar.payments.gateway.WebhookNotification;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.TenantContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inbound gateway webhooks for the current shop: verified by the gateway's adapter (400 {@code invalid_signature},
 * nothing recorded, when not authentic), de-duplicated by the provider's event id (a repeat does nothing), and applied
 * to the shop's own payment or refund through {@link PaymentRecorder}, so that a status change publishes its event
 * once. An event about a payment the shop does not have is ignored.
 */
@Service
public class InboundWebhooks {

    private static final Logger log = LoggerFactory.getLogger(InboundWebhooks.class);

    private final PaymentGateways gateways;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentRecorder recorder;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    InboundWebhooks(PaymentGateways gateways, PaymentRepository payments, RefundRepository refunds,
                    PaymentRecorder recorder, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.gateways = gateways;
        this.payments = payments;
        this.refunds = refunds;
        this.recorder = recorder;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Receives one webhook of {@code gatewayName} (outside any transaction: the adapter reads the shop's secret). */
    public void receive(String gatewayName, String payload, Map<String, String> headers) {
        UUID tenant = TenantContext.requireTenantId();
        PaymentGateway gateway = gateways.find(gatewayName).orElseThrow(() -> ApplicationException.notFound("No such gateway"));
        Optional<WebhookNotification> parsed;
        try {
            parsed = gateway.parseWebhook(payload, headers);
        } catch (InvalidWebhookException e) {
            log.info("Refused a {} webhook: {}", gatewayName, e.getMessage());
            throw new ApplicationException(PaymentsErrorCode.INVALID_SIGNATURE, "The webhook is not authentic");
        }
        if (parsed.isEmpty()) {
            return;
        }
        WebhookNotification notification = parsed.get();
        transactions.executeWithoutResult(status -> {
            int fresh = jdbc.sql("insert into payment_webhook_events (tenant_id, provider, event_id, type) "
                            + "values (:tenant, :provider, :event, :type) on conflict do nothing")
                    .param("tenant", tenant).param("provider", gatewayName).param("event", notification.eventId())
                    .param("type", notification.type()).update();
            if (fresh == 0) {
                log.debug("{} event {} was received before; ignored", gatewayName, notification.eventId());
                return;
            }
            apply(tenant, gatewayName, notification);
        });
    }

    private void apply(UUID tenant, String gatewayName, WebhookNotification notification) {
        switch (notification) {
            case WebhookNotification.PaymentChanged changed -> applyPayment(tenant, gatewayName, changed);
            case WebhookNotification.RefundChanged changed -> changed.refunds().forEach(update ->
                    applyRefund(tenant, gatewayName, changed.eventId(), update));
            case WebhookNotification.Ignored ignored -> { }
        }
    }

    private void applyPayment(UUID tenant, String gatewayName, WebhookNotification.PaymentChanged changed) {
        if (changed.result() instanceof GatewayResult.Unknown) {
            // "Still processing" changes nothing, and must not release a claim a process() holds.
            return;
        }
        if (changed.shopId() != null && !changed.shopId().equals(tenant)) {
            log.warn("{} event {} names another shop's payment; ignored", gatewayName, changed.eventId());
            return;
        }
        String reference = changed.result().reference();
        Optional<PaymentRow> payment = (changed.paymentId() != null ? payments.lock(tenant, changed.paymentId())
                : Optional.<PaymentRow>empty())
                .or(() -> reference == null ? Optional.empty() : payments.lockByReference(tenant, gatewayName, reference))
                .filter(row -> row.gateway().equals(gatewayName));
        if (payment.isEmpty()) {
            log.info("{} event {} is about no payment of this shop; ignored", gatewayName, changed.eventId());
            return;
        }
        recorder.record(payment.get(), changed.result());
    }

    private void applyRefund(UUID tenant, String gatewayName, String eventId, WebhookNotification.RefundUpdate update) {
        if (update.result() instanceof RefundResult.Unknown) {
            return;
        }
        Optional<RefundRepository.RefundRow> refund = Optional.ofNullable(update.refundId())
                .or(() -> refunds.idByReference(tenant, update.providerReference()))
                .flatMap(id -> refunds.find(tenant, id))
                .filter(row -> row.gateway().equals(gatewayName));
        if (refund.isEmpty()) {
            log.info("{} event {} is about no refund of this shop; ignored", gatewayName, eventId);
            return;
        }
        PaymentRow payment = payments.lock(tenant, refund.get().paymentId()).orElseThrow();
        recorder.recordRefund(payment, refunds.lock(tenant, refund.get().id()).orElseThrow(), update.result());
    }
}
