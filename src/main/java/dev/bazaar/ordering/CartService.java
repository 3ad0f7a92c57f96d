package dev.bazaar.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bazaar.catalog.ProductSnapshots;
import dev.bazaar.catalog.ProductSnapshots.PurchasableVariant;
import dev.bazaar.ordering.CartPricing.Priced;
import dev.bazaar.ordering.DiscountService.DiscountView;
import dev.bazaar.ordering.domain.CartRepository;
import dev.bazaar.ordering.domain.CartRepository.CartRow;
import dev.bazaar.ordering.domain.CartRepository.LineRow;
import dev.bazaar.ordering.domain.CartTotals;
import dev.bazaar.ordering.domain.Discounts;
import dev.bazaar.ordering.domain.ShippingRates;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.tenancy.ShopQueries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carts: anonymous (reached with the cart token shown once, at creation) or a signed-in customer's (one active cart
 * each, reached with their credential). Every change locks the cart, refreshes every line's price and names from the
 * catalog, and answers the cart with its totals computed here ({@link CartPricing}); a guest cart merges into the
 * customer's when they claim it after signing in. Another shop's cart, or a cart without its token, is 404.
 */
@Service
public class CartService {

    public static final int MAX_LINES = 100;
    public static final long MAX_QUANTITY = 10_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CartRepository carts;
    private final CartPricing pricing;
    private final CustomerService customers;
    private final DiscountService discounts;
    private final ProductSnapshots catalog;
    private final ShopQueries shops;
    private final JsonMapper json;
    private final Clock clock;

    CartService(CartRepository carts, CartPricing pricing, CustomerService customers, DiscountService discounts,
                ProductSnapshots catalog, ShopQueries shops, JsonMapper json, Clock clock) {
        this.carts = carts;
        this.pricing = pricing;
        this.customers = customers;
        this.discounts = discounts;
        this.catalog = catalog;
        this.shops = shops;
        this.json = json;
        this.clock = clock;
    }

    public record LineView(UUID variantId, UUID productId, String productTitle, String variantTitle, @Nullable String sku,
                           long quantity, Money unitPrice, Money subtotal, Money discount, Money tax, Money total,
                           boolean available) {}

    /** The discount on the cart: {@code applies} false with {@code refusal} saying why it takes nothing now. */
    public record DiscountApplied(UUID id, @Nullable String code, String name, boolean applies, @Nullable String refusal,
                                  Money amount) {}

    public record RateOffer(UUID id, String name, Money price) {}

    /**
     * {@code tax} is included in {@code total} either way: inside the prices when they include tax, added otherwise.
     * It is the lines' taxes plus {@code shippingTax}, the tax on shipping (0 unless the shop taxes shipping).
     */
    public record Totals(Money subtotal, Money discount, Money shipping, Money shippingTax, Money tax, Money total) {}

    /** {@code token} only in the answer that created an anonymous cart. */
    public record CartView(UUID id, @Nullable String token, String status, @Nullable UUID customerId, String currency,
                           @Nullable String email, @Nullable Address shippingAddress, List<LineView> lines,
                           @Nullable DiscountApplied discount, List<RateOffer> shippingRates,
                           @Nullable RateOffer shippingRate, Totals totals, boolean pricesIncludeTax,
                           @Nullable String taxRate, @Nullable UUID mergedInto, Instant createdAt, Instant updatedAt,
                           @JsonIgnore long version) {}

    /** Absent (null) fields stay as they are. */
    public record CartSpec(@Nullable String email, @Nullable Address shippingAddress, @Nullable UUID shippingRateId) {}

    /** The answer of {@link #create}: {@code created} false when a signed-in customer's active cart was returned. */
    public record Created(CartView cart, boolean created) {}

    /**
     * Creates a cart in the shop's currency. A signed-in person gets their customer cart (the active one if they have
     * one, {@code created} false); anyone else an anonymous cart whose token is in this answer only.
     */
    @Transactional
    public Created create(@Nullable String email) {
        UUID tenant = TenantContext.requireTenantId();
        String checkedEmail = email == null ? null : email(email);
        UUID customer = dev.bazaar.platform.security.CurrentActor.find().filter(actor -> !actor.isApiKey()).isPresent()
                ? customers.currentCustomerId() : null;
        if (customer != null) {
            CartRow active = carts.activeOf(tenant, customer).orElse(null);
            if (active != null) {
                return new Created(view(tenant, active, null), false);
            }
        }
        Instant now = clock.instant();
        String token = "bzc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        CartRow cart = new CartRow(Ids.newId(), 0, now, now, hash(token), customer, "active", null,
                shops.current().currency(), checkedEmail, null, null, null);
        carts.insert(tenant, cart);
        return new Created(view(tenant, carts.find(tenant, cart.id()).orElseThrow(), customer == null ? token : null), true);
    }

    @Transactional(readOnly = true)
    public CartView get(UUID cartId, @Nullable String token) {
        UUID tenant = TenantContext.requireTenantId();
        return view(tenant, access(carts.find(tenant, cartId), token), null);
    }

    /** Adds {@code quantity} of the variant (to its line if it has one). */
    @Transactional
    public CartView addLine(UUID cartId, @Nullable String token, UUID variantId, long quantity) {
        UUID tenant = TenantContext.requireTenantId();
        CartRow cart = active(access(carts.lock(tenant, cartId), token));
        requireQuantity(quantity, 1);
        List<LineRow> lines = carts.lines(tenant, cartId);
        long existing = lines.stream().filter(line -> line.variantId().equals(variantId)).mapToLong(LineRow::quantity)
                .findFirst().orElse(0);
        if (existing == 0 && lines.size() >= MAX_LINES) {
            throw new ApplicationException(OrderingErrorCode.CART_FULL, "A cart has at most " + MAX_LINES + " lines");
        }
        return change(tenant, cart, variantId, Math.min(MAX_QUANTITY, existing + quantity), lines);
    }

    /** Sets the variant's quantity; 0 removes the line. 404 {@code cart_line_not_found} when the cart has none. */
    @Transactional
    public CartView setQuantity(UUID cartId, @Nullable String token, UUID variantId, long quantity) {
        UUID tenant = TenantContext.requireTenantId();
        CartRow cart = active(access(carts.lock(tenant, cartId), token));
        requireQuantity(quantity, 0);
        List<LineRow> lines = carts.lines(tenant, cartId);
        if (lines.stream().noneMatch(line -> line.variantId().equals(variantId))) {
            throw lineNotFound();
        }
        return change(tenant, cart, variantId, quantity, lines);
    }

    @Transactional
    public CartView removeLine(UUID cartId, @Nullable String token, UUID variantId) {
        return setQuantity(cartId, token, variantId, 0);
    }

    /**
     * Sets the email, the shipping address (which clears a chosen rate no longer offered for it) and the shipping rate
     * (one of those offered: 422 {@code shipping_rate_unavailable} otherwise).
     */
    @Transactional
    public CartView update(UUID cartId, @Nullable String token, CartSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        CartRow cart = active(access(carts.lock(tenant, cartId), token));
        String email = spec.email() == null ? cart.email() : email(spec.email());
        String address = spec.shippingAddress() == null ? cart.shippingAddress()
                : json.writeValueAsString(Address.checked("shipping_address", spec.shippingAddress()));
        CartRow changed = with(cart, cart.customerId(), email, address,
                spec.shippingRateId() != null ? spec.shippingRateId() : cart.shippingRateId(), cart.discountCode());
        Fresh fresh = refresh(tenant, cart.id(), carts.lines(tenant, cart.id()));
        Priced priced = pricing.price(changed, fresh.lines(), fresh.variants());
        if (spec.shippingRateId() != null && (priced.rate() == null)) {
            throw new ApplicationException(OrderingErrorCode.SHIPPING_RATE_UNAVAILABLE,
                    "The shipping rate is not one of those offered for this cart and address", List.of(),
                    Map.of("offered", priced.offers().stream().map(offer -> offer.rateId().toString()).toList()));
        }
        if (priced.rate() == null) {
            changed = with(changed, changed.customerId(), email, address, null, changed.discountCode());
        }
        carts.update(tenant, changed, clock.instant());
        // Priced with what was just written (the chosen rate only dropped when it was not offered), so not again.
        return view(carts.find(tenant, cartId).orElseThrow(), priced, fresh.variants(), null);
    }

    /**
     * Puts a discount code on the cart (replacing another): 422 {@code discount_code_invalid} when no discount has
     * it. A code whose discount does not apply right now stays on the cart and shows why ({@code refusal}).
     */
    @Transactional
    public CartView applyDiscount(UUID cartId, @Nullable String token, @Nullable String code) {
        UUID tenant = TenantContext.requireTenantId();
        CartRow cart = active(access(carts.lock(tenant, cartId), token));
        if (code == null || code.isBlank()) {
            throw ApplicationException.invalidField("code", "required", "is required");
        }
        DiscountView discount = discounts.findByCode(code).orElseThrow(() -> new ApplicationException(
                OrderingErrorCode.DISCOUNT_CODE_INVALID, "No discount of this shop has the code " + code.strip()));
        carts.update(tenant, with(cart, cart.customerId(), cart.email(), cart.shippingAddress(), cart.shippingRateId(),
                discount.code()), clock.instant());
        return view(tenant, carts.find(tenant, cartId).orElseThrow(), null);
    }

    @Transactional
    public CartView removeDiscount(UUID cartId, @Nullable String token) {
        UUID tenant = TenantContext.requireTenantId();
        CartRow cart = active(access(carts.lock(tenant, cartId), token));
        carts.update(tenant, with(cart, cart.customerId(), cart.email(), cart.shippingAddress(), cart.shippingRateId(), null),
                clock.instant());
        return view(tenant, carts.find(tenant, cartId).orElseThrow(), null);
    }

    /**
     * The signed-in customer claims an anonymous cart (whose token they present) after signing in. Without an active
     * cart of their own, the cart becomes theirs; otherwise its lines are added to theirs (quantities summed, at most
     * {@link #MAX_QUANTITY}), along with its email, address and code where theirs has none, and it is marked merged.
     * Returns the customer's cart.
     */
    @Transactional
    public CartView claim(UUID cartId, @Nullable String token) {
        UUID tenant = TenantContext.requireTenantId();
        UUID customer = customers.currentCustomerId();
        CartRow peek = carts.find(tenant, cartId).orElseThrow(CartService::notFound);
        if (peek.customerId() != null) {
            // Already someone's: their own claims it again (nothing to do); another customer's is not there for them.
            if (peek.customerId().equals(customer) && peek.status().equals("active")) {
                return view(tenant, peek, null);
            }
            throw notFound();
        }
        CartRow mine = carts.activeOf(tenant, customer).orElse(null);
        // Both carts locked in id order, as every claim locks them.
        CartRow guest;
        if (mine != null && mine.id().compareTo(cartId) < 0) {
            mine = carts.lock(tenant, mine.id()).orElseThrow();
            guest = active(requireToken(carts.lock(tenant, cartId).orElseThrow(CartService::notFound), token));
        } else {
            guest = active(requireToken(carts.lock(tenant, cartId).orElseThrow(CartService::notFound), token));
            mine = mine == null ? null : carts.lock(tenant, mine.id()).orElseThrow();
        }
        Instant now = clock.instant();
        if (mine == null || !mine.status().equals("active")) {
            carts.update(tenant, with(guest, customer, guest.email(), guest.shippingAddress(), guest.shippingRateId(),
                    guest.discountCode()), now);
            return view(tenant, carts.find(tenant, cartId).orElseThrow(), null);
        }
        Map<UUID, LineRow> merged = new java.util.LinkedHashMap<>();
        for (LineRow line : carts.lines(tenant, mine.id())) {
            merged.put(line.variantId(), line);
        }
        for (LineRow line : carts.lines(tenant, guest.id())) {
            LineRow had = merged.get(line.variantId());
            if (had == null && merged.size() >= MAX_LINES) {
                continue;
            }
            merged.put(line.variantId(), had == null ? line : new LineRow(had.variantId(), had.productId(), had.addedAt(),
                    Math.min(MAX_QUANTITY, had.quantity() + line.quantity()), had.unitPrice(), had.productTitle(),
                    had.variantTitle(), had.sku(), had.weightGrams()));
        }
        for (LineRow line : merged.values()) {
            carts.upsertLine(tenant, mine.id(), line);
        }
        Fresh fresh = refresh(tenant, mine.id(), carts.lines(tenant, mine.id()));
        carts.update(tenant, with(mine, customer, mine.email() != null ? mine.email() : guest.email(),
                mine.shippingAddress() != null ? mine.shippingAddress() : guest.shippingAddress(),
                mine.shippingAddress() != null ? mine.shippingRateId() : guest.shippingRateId(),
                mine.discountCode() != null ? mine.discountCode() : guest.discountCode()), now);
        carts.update(tenant, new CartRow(guest.id(), guest.version(), guest.createdAt(), now, guest.tokenHash(),
                guest.customerId(), "merged", mine.id(), guest.currency(), guest.email(), guest.shippingAddress(),
                guest.shippingRateId(), guest.discountCode()), now);
        return view(carts.find(tenant, mine.id()).orElseThrow(), fresh);
    }

    /** The cart, if the caller may reach it: its customer, or anyone with its token when it is anonymous. */
    CartRow access(java.util.Optional<CartRow> found, @Nullable String token) {
        CartRow cart = found.orElseThrow(CartService::notFound);
        if (cart.customerId() == null) {
            return requireToken(cart, token);
        }
        UUID customer = customers.findCurrentCustomerId();
        if (!cart.customerId().equals(customer)) {
            throw notFound();
        }
        return cart;
    }

    CartRow active(CartRow cart) {
        if (!cart.status().equals("active")) {
            throw new ApplicationException(OrderingErrorCode.CART_NOT_ACTIVE, "The cart is " + cart.status(), List.of(),
                    cart.mergedInto() == null ? Map.of() : Map.of("merged_into", cart.mergedInto().toString()));
        }
        return cart;
    }

    /** A cart's lines as {@link #refresh} left them, and the catalog's variants it read for them (the only read). */
    record Fresh(List<LineRow> lines, Map<UUID, PurchasableVariant> variants) {}

    /**
     * Refreshes every line's snapshot from the catalog: price, names, weight. A line whose variant no longer exists
     * is dropped (nothing is left to sell or price).
     */
    Fresh refresh(UUID tenant, UUID cartId, List<LineRow> lines) {
        return refresh(tenant, cartId, lines, catalog.purchasable(variants(lines)));
    }

    /** {@link #refresh} from variants already read ({@code found} holds at least every line's variant that exists). */
    private Fresh refresh(UUID tenant, UUID cartId, List<LineRow> lines, Map<UUID, PurchasableVariant> found) {
        List<LineRow> fresh = new ArrayList<>(lines.size());
        for (LineRow line : lines) {
            PurchasableVariant variant = found.get(line.variantId());
            if (variant == null) {
                carts.deleteLine(tenant, cartId, line.variantId());
                continue;
            }
            LineRow now = snapshot(line.variantId(), variant, line.addedAt(), line.quantity());
            if (!now.equals(line)) {
                carts.upsertLine(tenant, cartId, now);
            }
            fresh.add(now);
        }
        return new Fresh(fresh, found);
    }

    /** The cart as its lines' snapshots stand (no refresh): one catalog read, one pricing. */
    CartView view(UUID tenant, CartRow cart, @Nullable String token) {
        List<LineRow> lines = carts.lines(tenant, cart.id());
        Map<UUID, PurchasableVariant> found = catalog.purchasable(variants(lines));
        return view(cart, pricing.price(cart, lines, found), found, token);
    }

    private CartView view(CartRow cart, Fresh fresh) {
        return view(cart, pricing.price(cart, fresh.lines(), fresh.variants()), fresh.variants(), null);
    }

    CartView view(CartRow cart, Priced priced, Map<UUID, PurchasableVariant> found, @Nullable String token) {
        String currency = cart.currency();
        List<LineView> lines = new ArrayList<>();
        for (int i = 0; i < priced.lines().size(); i++) {
            LineRow line = priced.lines().get(i);
            CartTotals.LineTotals totals = priced.totals().lines().get(i);
            PurchasableVariant variant = found.get(line.variantId());
            lines.add(new LineView(line.variantId(), line.productId(), line.productTitle(), line.variantTitle(), line.sku(),
                    line.quantity(), new Money(line.unitPrice(), currency), new Money(totals.subtotal(), currency),
                    new Money(totals.discount(), currency), new Money(totals.tax(), currency),
                    new Money(totals.total(), currency), variant != null && variant.active()));
        }
        DiscountApplied discount = null;
        if (priced.discount() != null && priced.totals().discount() != null) {
            Discounts.Result result = priced.totals().discount();
            discount = new DiscountApplied(priced.discount().id(), priced.discount().code(), priced.discount().name(),
                    result.applies(), result.refusal() == null ? null : result.refusal().name().toLowerCase(Locale.ROOT),
                    new Money(priced.totals().discountTotal(), currency));
        }
        CartTotals.Totals t = priced.totals();
        return new CartView(cart.id(), token, cart.status(), cart.customerId(), currency, cart.email(), priced.address(),
                lines, discount, priced.offers().stream().map(offer -> offer(offer, currency)).toList(),
                priced.rate() == null ? null : offer(priced.rate(), currency),
                new Totals(new Money(t.subtotal(), currency), new Money(t.discountTotal(), currency),
                        new Money(t.shipping(), currency), new Money(t.shippingTax(), currency), new Money(t.tax(), currency),
                        new Money(t.total(), currency)),
                priced.pricesIncludeTax(), priced.address() == null ? null : priced.taxRate().setScale(4).toPlainString(),
                cart.mergedInto(), cart.createdAt(), cart.updatedAt(), cart.version());
    }

    static List<UUID> variants(List<LineRow> lines) {
        return lines.stream().map(LineRow::variantId).toList();
    }

    static LineRow snapshot(UUID variantId, PurchasableVariant variant, Instant addedAt, long quantity) {
        String variantTitle = variant.optionValues().isEmpty() ? "Default" : String.join(" / ", variant.optionValues());
        return new LineRow(variantId, variant.productId(), addedAt, quantity, variant.priceAmount(), variant.productTitle(),
                variantTitle, variant.sku(), variant.weightGrams());
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApplicationException notFound() {
        return new ApplicationException(OrderingErrorCode.CART_NOT_FOUND,
                "No cart with this id that you can reach (an anonymous cart needs its Cart-Token header)");
    }

    private CartView change(UUID tenant, CartRow cart, UUID variantId, long quantity, List<LineRow> lines) {
        Instant now = clock.instant();
        // One catalog read for the changed variant and every line's refresh.
        List<UUID> wanted = new ArrayList<>(variants(lines));
        if (!wanted.contains(variantId)) {
            wanted.add(variantId);
        }
        Map<UUID, PurchasableVariant> found = catalog.purchasable(wanted);
        if (quantity == 0) {
            carts.deleteLine(tenant, cart.id(), variantId);
        } else {
            PurchasableVariant variant = found.get(variantId);
            if (variant == null) {
                throw new ApplicationException(OrderingErrorCode.VARIANT_NOT_FOUND, "No variant " + variantId + " in this shop");
            }
            if (!variant.active()) {
                throw new ApplicationException(OrderingErrorCode.VARIANT_UNAVAILABLE, "The variant's product is not active");
            }
            if (!variant.currency().equals(cart.currency())) {
                throw new ApplicationException(OrderingErrorCode.CURRENCY_MISMATCH, "The variant is priced in "
                        + variant.currency() + "; the cart is in " + cart.currency());
            }
            Instant addedAt = lines.stream().filter(line -> line.variantId().equals(variantId)).map(LineRow::addedAt)
                    .findFirst().orElse(now);
            carts.upsertLine(tenant, cart.id(), snapshot(variantId, variant, addedAt, quantity));
        }
        Fresh fresh = refresh(tenant, cart.id(), carts.lines(tenant, cart.id()), found);
        carts.touch(tenant, cart.id(), now);
        return view(carts.find(tenant, cart.id()).orElseThrow(), fresh);
    }

    private static CartRow with(CartRow cart, @Nullable UUID customerId, @Nullable String email, @Nullable String address,
                                @Nullable UUID rate, @Nullable String code) {
        return new CartRow(cart.id(), cart.version(), cart.createdAt(), cart.updatedAt(), cart.tokenHash(), customerId,
                cart.status(), cart.mergedInto(), cart.currency(), email, address, rate, code);
    }

    private static CartRow requireToken(CartRow cart, @Nullable String token) {
        if (token == null || !MessageDigest.isEqual(hash(token), cart.tokenHash())) {
            throw notFound();
        }
        return cart;
    }

    private static void requireQuantity(long quantity, long min) {
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw ApplicationException.invalidField("quantity", "out_of_range", "must be " + min + " to " + MAX_QUANTITY);
        }
    }

    private static String email(String email) {
        String stripped = email.strip();
        if (stripped.length() > 254 || !EMAIL.matcher(stripped).matches()) {
            throw ApplicationException.invalidField("email", "invalid_email", "must be an email address");
        }
        return stripped.toLowerCase(Locale.ROOT);
    }

    private static RateOffer offer(ShippingRates.Offer offer, String currency) {
        return new RateOffer(offer.rateId(), offer.name(), new Money(offer.price(), currency));
    }

    private static ApplicationException lineNotFound() {
        return new ApplicationException(OrderingErrorCode.CART_LINE_NOT_FOUND, "The cart has no line for this variant");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
