package dev.bazaar.payments;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.payments.gateway.PaymentsProperties;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.ProductionCheck;
import java.util.List;
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

    @Bean
    ProductionCheck paymentsProductionCheck(PaymentsProperties properties) {
        return () -> properties.testGatewayEnabled()
                ? List.of("bazaar.payments.test-gateway-enabled is on (BAZAAR_PAYMENTS_TEST_GATEWAY_ENABLED), so shops "
                        + "could take orders paid by the test gateway, which moves no money; it is for development only")
                : List.of();
    }
}
