package dev.bazaar.payments.web;

import dev.bazaar.payments.domain.InboundWebhooks;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.security.ShopAccess;
import dev.bazaar.platform.security.ShopDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks from payment providers, one URL per shop. No credential: the provider's signature over the body, checked
 * against the shop's signing secret, is what authenticates it.
 */
@RestController
@Tag(name = "Payments")
class PaymentWebhookController {

    /** Stripe's events are a few kilobytes; anything far larger is not one. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final InboundWebhooks webhooks;
    private final ShopDirectory shops;
    private final TenantScope tenantScope;

    PaymentWebhookController(InboundWebhooks webhooks, ShopDirectory shops, TenantScope tenantScope) {
        this.webhooks = webhooks;
        this.shops = shops;
        this.tenantScope = tenantScope;
    }

    @PostMapping("/api/v1/payment-webhooks/stripe/{shop}")
    @Operation(summary = "Receive a Stripe webhook", description = "Register this URL (with the shop's handle or id) "
            + "as the Stripe webhook endpoint. The `Stripe-Signature` header must verify against the shop's webhook "
            + "secret, signed at most 300 s ago (400 `invalid_signature` otherwise); an event id seen before is "
            + "answered 200 and changes nothing.")
    ResponseEntity<Map<String, Boolean>> receiveStripeWebhook(@PathVariable String shop,
            @RequestBody(required = false) @Nullable String payload,
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
        String body = payload == null ? "" : payload;
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ApplicationException(PlatformErrorCode.PAYLOAD_TOO_LARGE, "A webhook body is at most " + MAX_BODY_BYTES + " bytes");
        }
        ShopAccess access = shops.resolve(shop, null).filter(found -> !found.suspended())
                .orElseThrow(() -> new ApplicationException(PlatformErrorCode.SHOP_NOT_FOUND, "There is no shop '" + shop + "'"));
        Map<String, String> headers = new HashMap<>();
        if (signature != null) {
            headers.put("Stripe-Signature", signature);
        }
        tenantScope.run(access.tenantId(), () -> webhooks.receive("stripe", body, headers));
        return ResponseEntity.ok(Map.of("received", true));
    }
}
