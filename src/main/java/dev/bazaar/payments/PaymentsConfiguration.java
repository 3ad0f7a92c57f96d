package dev.bazaar.payments;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.payments.gateway.PaymentsProperties;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.ClientAddress;
import dev.bazaar.platform.ProductionCheck;
import dev.bazaar.platform.RateLimitPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payments settings, the fallback jobs of payments and refunds, the reconciliation, and the production check. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsProperties.class)
class PaymentsConfiguration {

    @Bean
    Task<?> paymentProcessTask(Jobs jobs, PaymentService payments) {
        return jobs.handler(PaymentService.PROCESS, job -> payments.process(job.paymentId()));
    }

    @Bean
    Task<?> refundProcessTask(Jobs jobs, PaymentService payments) {
        return jobs.handler(PaymentService.PROCESS_REFUND, job -> payments.processRefund(job.refundId()));
    }

    /** Every minute: payments and refunds left unresolved are taken up again (docs/PAYMENTS.md, Reconciliation). */
    @Bean
    Task<?> paymentReconciliationTask(Jobs jobs, PaymentService payments) {
        return jobs.recurring("payments.reconcile", "0 * * * * *", payments::reconcile);
    }

    /**
     * Each shop's Stripe webhook URL has its own generous bucket ({@code bazaar.payments.webhooks.shop-*}), keyed by
     * the shop as the URL names it (handle or id), checked before the signature is.
     */
    @Bean
    RateLimitPolicy stripeWebhookShopRateLimit(PaymentsProperties properties) {
        PaymentsProperties.Webhooks limits = properties.webhooks();
        return webhookPolicy(request -> stripeWebhookShop(request).map(shop -> bucket("stripe-webhooks", shop,
                limits.shopCapacity(), limits.shopPeriod())));
    }

    /**
     * Every sending address has a larger one ({@code bazaar.payments.webhooks.address-*}), instead of the anonymous
     * per-address limit: Stripe's few addresses deliver every shop's events.
     */
    @Bean
    RateLimitPolicy stripeWebhookAddressRateLimit(PaymentsProperties properties) {
        PaymentsProperties.Webhooks limits = properties.webhooks();
        return webhookPolicy(request -> stripeWebhookShop(request).map(shop -> bucket("stripe-webhook-addresses",
                ClientAddress.bucket(request.getRemoteAddr()), limits.addressCapacity(), limits.addressPeriod())));
    }

    private static final Pattern STRIPE_WEBHOOK = Pattern.compile("/api/v1/payment-webhooks/stripe/([^/]+)/?");

    private static Optional<String> stripeWebhookShop(HttpServletRequest request) {
        Matcher matcher = STRIPE_WEBHOOK.matcher(request.getRequestURI());
        return "POST".equals(request.getMethod()) && matcher.matches()
                ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** A token bucket refilled continuously: {@code capacity} per {@code period}. */
    private static RateLimitPolicy.Rule bucket(String name, String key, long capacity, Duration period) {
        return new RateLimitPolicy.Rule(name, key, capacity, capacity, period, true, false);
    }

    private static RateLimitPolicy webhookPolicy(RateLimitPolicy resolve) {
        return new RateLimitPolicy() {
            @Override
            public Optional<Rule> resolve(HttpServletRequest request) {
                return resolve.resolve(request);
            }

            @Override
            public boolean replacesAnonymousLimit() {
                return true;
            }
        };
    }

    @Bean
    ProductionCheck paymentsProductionCheck(PaymentsProperties properties) {
        return () -> properties.testGatewayEnabled()
                ? List.of("bazaar.payments.test-gateway-enabled is on (BAZAAR_PAYMENTS_TEST_GATEWAY_ENABLED), so shops "
                        + "could take orders paid by the test gateway, which moves no money; it is for development only")
                : List.of();
    }
}
