package dev.bazaar.ordering.web;

import dev.bazaar.ordering.CheckoutSettingsService;
import dev.bazaar.ordering.CheckoutSettingsService.CheckoutSettings;
import dev.bazaar.ordering.TaxRateService;
import dev.bazaar.ordering.TaxRateService.TaxRateSpec;
import dev.bazaar.ordering.TaxRateService.TaxRateView;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Tax rates by country and region, and the shop's setting whether its prices include tax. */
@RestController
@Tag(name = "Shipping and tax", description = "Shipping zones and rates, tax rates, and whether prices include tax")
class TaxRateController {

    private final TaxRateService rates;
    private final CheckoutSettingsService settings;

    TaxRateController(TaxRateService rates, CheckoutSettingsService settings) {
        this.rates = rates;
        this.settings = settings;
    }

    record TaxRateRequest(@Nullable @Size(max = 120) String name, @Nullable @Size(max = 2) String country,
                          @Nullable @Size(max = 6) String region, @Nullable @Size(max = 9) String rate) {
        TaxRateSpec spec() {
            return new TaxRateSpec(name, country, region, rate);
        }
    }

    record CheckoutSettingsRequest(@Nullable Boolean pricesIncludeTax, @Nullable Boolean taxShipping) {}

    @GetMapping("/api/v1/shops/{shop}/tax-rates")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "List tax rates", description = "By country, then region (at most 500, the most a shop may have).")
    ResponseEntity<Map<String, List<TaxRateView>>> listTaxRates(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", rates.list()));
    }

    @PostMapping("/api/v1/shops/{shop}/tax-rates")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Create a tax rate", description = "`country` ISO 3166-1 alpha-2, optional `region` ISO 3166-2 "
            + "of it (wins over the country's rate); `rate` a percentage as a decimal string with at most 4 fraction "
            + "digits, 0 to 100 (`\"19.0000\"`). One rate per country and region (409 `tax_rate_taken`).")
    ResponseEntity<TaxRateView> createTaxRate(@PathVariable String shop, @Valid @RequestBody TaxRateRequest request) {
        TaxRateView rate = rates.create(request.spec());
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/tax-rates/"
                + rate.id())).cacheControl(CacheControl.noStore()).eTag(ETags.of(rate.version())).body(rate);
    }

    @GetMapping("/api/v1/shops/{shop}/tax-rates/{rate}")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "Read a tax rate")
    ResponseEntity<TaxRateView> getTaxRate(@PathVariable String shop, @PathVariable UUID rate) {
        TaxRateView view = rates.get(rate);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/api/v1/shops/{shop}/tax-rates/{rate}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Change a tax rate", description = "A blank `region` makes it country-wide. 412 on a stale If-Match.")
    ResponseEntity<TaxRateView> updateTaxRate(@PathVariable String shop, @PathVariable UUID rate,
                                       @Valid @RequestBody TaxRateRequest request,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        TaxRateView view = rates.update(rate, request.spec(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/api/v1/shops/{shop}/tax-rates/{rate}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Delete a tax rate", description = "412 on a stale If-Match.")
    ResponseEntity<Void> deleteTaxRate(@PathVariable String shop, @PathVariable UUID rate,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        rates.delete(rate, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/shops/{shop}/checkout-settings")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "Read the checkout settings", description = "`prices_include_tax` and `tax_shipping` are "
            + "false until changed.")
    ResponseEntity<CheckoutSettings> getCheckoutSettings(@PathVariable String shop) {
        CheckoutSettings view = settings.get();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/api/v1/shops/{shop}/checkout-settings")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Change the checkout settings", description = "`prices_include_tax`: whether catalog prices "
            + "include tax (tax is then taken out of each line) or exclude it (added to each line). `tax_shipping`: "
            + "whether shipping is taxed too, at the destination's rate, in the same way (like Shopify's \"Charge tax on "
            + "shipping rates\"; EU VAT needs it on). Absent fields stay as they are. 412 on a stale If-Match.")
    ResponseEntity<CheckoutSettings> updateCheckoutSettings(@PathVariable String shop, @Valid @RequestBody CheckoutSettingsRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        CheckoutSettings view = settings.update(request.pricesIncludeTax(), request.taxShipping(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }
}
