package dev.bazaar.ordering;

import dev.bazaar.catalog.ProductSnapshots.PurchasableVariant;
import dev.bazaar.ordering.DiscountService.DiscountView;
import dev.bazaar.ordering.domain.CartRepository.CartRow;
import dev.bazaar.ordering.domain.CartRepository.LineRow;
import dev.bazaar.ordering.domain.CartTotals;
import dev.bazaar.ordering.domain.ShippingRates;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Prices a cart from its lines' snapshots and the shop's settings: the shipping rates offered for its address, the tax
 * rate of that address (none without one), its discount code or else the best automatic discount, and the totals
 * ({@link CartTotals}). Read in the caller's transaction.
 */
@Component
class CartPricing {

    private final ShippingZoneService zones;
    private final TaxRateService taxes;
    private final CheckoutSettingsService settings;
    private final DiscountService discounts;
    private final CustomerService customers;
    private final Clock clock;

    CartPricing(ShippingZoneService zones, TaxRateService taxes, CheckoutSettingsService settings,
                DiscountService discounts, CustomerService customers, Clock clock) {
        this.zones = zones;
        this.taxes = taxes;
        this.settings = settings;
        this.discounts = discounts;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * {@code rate} is the chosen rate when it is still offered; {@code discount} the code's discount (or the applying
     * automatic one) and {@code totals.discount()} its evaluation.
     */
    record Priced(List<LineRow> lines, CartTotals.Totals totals, @Nullable DiscountView discount,
                  List<ShippingRates.Offer> offers, ShippingRates.@Nullable Offer rate, BigDecimal taxRate,
                  boolean pricesIncludeTax, @Nullable Address address, Instant at) {}

    Priced price(CartRow cart, List<LineRow> lines, Map<UUID, PurchasableVariant> catalog) {
        Instant now = clock.instant();
        CheckoutSettingsService.CheckoutSettings shop = settings.get();
        boolean inclusive = shop.pricesIncludeTax();
        boolean taxShipping = shop.taxShipping();
        Address address = cart.shippingAddress() == null ? null : customers.read(cart.shippingAddress());
        List<CartTotals.Line> totalsLines = lines.stream().map(line -> new CartTotals.Line(line.productId(),
                Optional.ofNullable(catalog.get(line.variantId())).map(v -> Set.copyOf(v.collectionIds())).orElse(Set.of()),
                line.unitPrice(), line.quantity())).toList();
        long subtotal = 0;
        long weight = 0;
        for (LineRow line : lines) {
            subtotal = Math.addExact(subtotal, Math.multiplyExact(line.unitPrice(), line.quantity()));
            weight = Math.addExact(weight, Math.multiplyExact((long) line.weightGrams(), line.quantity()));
        }
        List<ShippingRates.Offer> offers = address == null || lines.isEmpty() ? List.of()
                : ShippingRates.offered(zones.rules(), address.country(), address.region(), subtotal, weight);
        ShippingRates.Offer rate = offers.stream().filter(offer -> offer.rateId().equals(cart.shippingRateId()))
                .findFirst().orElse(null);
        long shipping = rate == null ? 0 : rate.price();
        BigDecimal taxRate = address == null ? BigDecimal.ZERO
                : Optional.ofNullable(taxes.rateFor(address.country(), address.region())).orElse(BigDecimal.ZERO);
        DiscountView discount = null;
        CartTotals.Totals totals;
        if (cart.discountCode() != null) {
            discount = discounts.findByCode(cart.discountCode()).orElse(null);
            totals = CartTotals.compute(totalsLines, taxRate, inclusive, taxShipping, shipping,
                    discount == null ? null : DiscountService.definition(discount), now);
        } else {
            // The automatic discount that takes the most (then the oldest); none when none applies.
            totals = CartTotals.compute(totalsLines, taxRate, inclusive, taxShipping, shipping, null, now);
            for (DiscountView automatic : discounts.automatic()) {
                CartTotals.Totals candidate = CartTotals.compute(totalsLines, taxRate, inclusive, taxShipping, shipping,
                        DiscountService.definition(automatic), now);
                if (candidate.discount() != null && candidate.discount().applies()
                        && candidate.discountTotal() > totals.discountTotal()) {
                    totals = candidate;
                    discount = automatic;
                }
            }
        }
        return new Priced(lines, totals, discount, offers.stream()
                .sorted(Comparator.comparingLong(ShippingRates.Offer::price)).toList(), rate, taxRate, inclusive, address, now);
    }
}
