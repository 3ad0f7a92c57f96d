package dev.bazaar.payments.web;

import dev.bazaar.payments.PaymentQueries;
import dev.bazaar.payments.gateway.stripe.StripeSettingsService;
import dev.bazaar.payments.gateway.stripe.StripeSettingsService.StripeSettingsView;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.CarriesSecrets;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.PublicShopAccess;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The payment gateways a shop offers, and its Stripe configuration. */
@RestController
@Tag(name = "Payments", description = "Payment gateways, their configuration, and the test gateway")
class PaymentGatewayController {

    private final PaymentQueries queries;
    private final StripeSettingsService stripe;

    PaymentGatewayController(PaymentQueries queries, StripeSettingsService stripe) {
        this.queries = queries;
        this.stripe = stripe;
    }

    record Gateway(String name) {}

    record StripeSettingsRequest(@Nullable @Size(max = 255) String secretKey, @Nullable @Size(max = 256) String webhookSecret,
                                 @Nullable @Size(max = 16) String captureMethod) {}

    @GetMapping("/api/v1/shops/{shop}/payment-gateways")
    @PublicShopAccess
    @Operation(summary = "List the shop's payment gateways", description = "The gateways a storefront can pay through: "
            + "`test` where the test gateway is enabled (never in production), `stripe` once configured.")
    ResponseEntity<Map<String, List<Gateway>>> listPaymentGateways(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("data", queries.availableGateways().stream().map(Gateway::new).toList()));
    }

    @GetMapping("/api/v1/shops/{shop}/payment-gateways/stripe")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "Read the Stripe configuration", description = "Never the secrets: the API key's last four "
            + "characters and mode, the capture method, and the URL to register as the Stripe webhook endpoint.")
    ResponseEntity<StripeSettingsView> getStripeSettings(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(stripe.get(CurrentShop.require().handle()));
    }

    @PutMapping("/api/v1/shops/{shop}/payment-gateways/stripe")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @CarriesSecrets
    @Operation(summary = "Configure Stripe", description = "`secret_key` `sk_test_…`, `sk_live_…` or a restricted "
            + "`rk_…` key; `webhook_secret` the `whsec_…` signing secret of the endpoint registered at `webhook_url`; "
            + "`capture_method` `automatic` (default) or `manual`. The secrets are stored encrypted and never returned.")
    ResponseEntity<StripeSettingsView> putStripeSettings(@PathVariable String shop, @Valid @RequestBody StripeSettingsRequest request) {
        if (request.secretKey() == null) {
            throw ApplicationException.invalidField("secret_key", "required", "is required");
        }
        if (request.webhookSecret() == null) {
            throw ApplicationException.invalidField("webhook_secret", "required", "is required");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(stripe.put(CurrentShop.require().handle(),
                request.secretKey(), request.webhookSecret(), request.captureMethod()));
    }

    @DeleteMapping("/api/v1/shops/{shop}/payment-gateways/stripe")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Remove the Stripe configuration", description = "Stripe is no longer offered; payments under "
            + "way keep their state.")
    ResponseEntity<Void> deleteStripeSettings(@PathVariable String shop) {
        stripe.delete(CurrentShop.require().handle());
        return ResponseEntity.noContent().build();
    }
}
