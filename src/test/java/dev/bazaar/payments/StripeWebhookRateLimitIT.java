package dev.bazaar.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.ProblemDetails;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Stripe's webhook route has its own limits, per shop and per sending address, in place of the anonymous per-address
 * one (set lower here than the webhooks sent, so that a webhook counted against it would be refused first).
 */
@IntegrationTest(properties = {"bazaar.rate-limit.anonymous.capacity=20", "bazaar.rate-limit.anonymous.period=1h",
        "bazaar.payments.webhooks.shop-capacity=25", "bazaar.payments.webhooks.shop-period=1h",
        "bazaar.payments.webhooks.address-capacity=40", "bazaar.payments.webhooks.address-period=1h"})
class StripeWebhookRateLimitIT extends TenancyHttpTest {

    @Test
    void eachShopsWebhooksHaveTheirOwnBucketAndEachAddressALargerOne() {
        Shop busy = api.createShop(api.person("hooks-a"), "hooks-a");
        Shop quiet = api.createShop(api.person("hooks-b"), "hooks-b");
        for (int i = 0; i < 25; i++) {
            // Unsigned: the limit is checked before the signature, and every one of these costs a token.
            ProblemDetails.problem(webhook(busy), 400, "invalid_signature");
        }
        HttpResponse<String> refused = webhook(busy);
        ProblemDetails.problem(refused, 429, "rate_limited");
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"stripe-webhooks\";q=25;w=3600");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);

        // Another shop's webhooks still pass, until the address's own budget is spent.
        HttpResponse<String> other = webhook(quiet);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(400);
        int passed = 1;
        HttpResponse<String> last = other;
        while (last.statusCode() != 429 && passed < 41) {
            last = webhook(quiet);
            passed += last.statusCode() == 429 ? 0 : 1;
        }
        ProblemDetails.problem(last, 429, "rate_limited");
        assertThat(last.headers().firstValue("RateLimit-Policy")).hasValue("\"stripe-webhook-addresses\";q=40;w=3600");
        assertThat(passed).as("what the address had left after the first shop's 25 (and its refused one)").isBetween(14, 15);
    }

    private HttpResponse<String> webhook(Shop shop) {
        return api.call("POST", "/api/v1/payment-webhooks/stripe/" + shop.handle(), "{}", null);
    }
}
