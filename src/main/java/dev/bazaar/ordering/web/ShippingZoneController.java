package dev.bazaar.ordering.web;

import dev.bazaar.ordering.ShippingZoneService;
import dev.bazaar.ordering.ShippingZoneService.CountrySpec;
import dev.bazaar.ordering.ShippingZoneService.RateSpec;
import dev.bazaar.ordering.ShippingZoneService.ZoneSpec;
import dev.bazaar.ordering.ShippingZoneService.ZoneView;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Money;
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

/** Shipping zones: the countries and regions a shop ships to, with the rates offered in each. */
@RestController
@Tag(name = "Shipping and tax", description = "Shipping zones and rates, tax rates, and whether prices include tax")
class ShippingZoneController {

    private final ShippingZoneService zones;

    ShippingZoneController(ShippingZoneService zones) {
        this.zones = zones;
    }

    record CountryRequest(@Nullable @Size(max = 2) String code, @Nullable @Size(max = 100) List<String> regions) {
        CountrySpec spec() {
            return new CountrySpec(code, regions);
        }
    }

    record RateRequest(@Nullable UUID id, @Nullable @Size(max = 120) String name, @Nullable String kind,
                       @Nullable Money price, @Nullable Long min, @Nullable Long max, @Nullable Money freeAbove) {
        RateSpec spec() {
            return new RateSpec(id, name, kind, price, min, max, freeAbove);
        }
    }

    record ZoneRequest(@Nullable @Size(max = 120) String name, @Nullable List<@Valid CountryRequest> countries,
                       @Nullable List<@Valid RateRequest> rates) {
        ZoneSpec spec() {
            return new ZoneSpec(name, countries == null ? null : countries.stream().map(CountryRequest::spec).toList(),
                    rates == null ? null : rates.stream().map(RateRequest::spec).toList());
        }
    }

    @GetMapping("/api/v1/shops/{shop}/shipping-zones")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "List shipping zones", description = "By name (at most 200, the most a shop may have).")
    ResponseEntity<Map<String, List<ZoneView>>> listShippingZones(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", zones.list()));
    }

    @PostMapping("/api/v1/shops/{shop}/shipping-zones")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Create a shipping zone", description = "`countries`: ISO 3166-1 alpha-2 `code`s, each with "
            + "optional ISO 3166-2 `regions` (then only those regions). A country or region belongs to at most one zone "
            + "(409 `shipping_area_taken`); at checkout a region's zone wins over its country's. `rates`: `kind` flat, "
            + "weight (`min`/`max` in grams) or subtotal (`min`/`max` in minor units), covering `min <= value < max`; "
            + "`price` and `free_above` in the shop's currency; the rate is free when the subtotal reaches `free_above`.")
    ResponseEntity<ZoneView> createShippingZone(@PathVariable String shop, @Valid @RequestBody ZoneRequest request) {
        ZoneView zone = zones.create(request.spec());
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/shipping-zones/"
                + zone.id())).cacheControl(CacheControl.noStore()).eTag(ETags.of(zone.version())).body(zone);
    }

    @GetMapping("/api/v1/shops/{shop}/shipping-zones/{zone}")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "Read a shipping zone")
    ResponseEntity<ZoneView> getShippingZone(@PathVariable String shop, @PathVariable UUID zone) {
        ZoneView view = zones.get(zone);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/api/v1/shops/{shop}/shipping-zones/{zone}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Change a shipping zone", description = "`countries` and `rates`, when sent, replace the "
            + "zone's whole lists. A rate with the `id` of one of the zone's rates replaces it in place and keeps its id "
            + "(carts that chose it keep it); one without `id` is new; the zone's rates not sent are deleted. An `id` "
            + "that is not one of the zone's rates is 400 `unknown_rate`. 412 on a stale If-Match.")
    ResponseEntity<ZoneView> updateShippingZone(@PathVariable String shop, @PathVariable UUID zone,
                                    @Valid @RequestBody ZoneRequest request,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        ZoneView view = zones.update(zone, request.spec(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/api/v1/shops/{shop}/shipping-zones/{zone}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Delete a shipping zone", description = "With its rates. 412 on a stale If-Match.")
    ResponseEntity<Void> deleteShippingZone(@PathVariable String shop, @PathVariable UUID zone,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        zones.delete(zone, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
