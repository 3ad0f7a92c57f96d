package dev.bazaar.ordering.web;

import dev.bazaar.ordering.Address;
import dev.bazaar.ordering.CartService;
import dev.bazaar.ordering.CartService.CartSpec;
import dev.bazaar.ordering.CartService.CartView;
import dev.bazaar.ordering.CartService.Created;
import dev.bazaar.ordering.CheckoutService;
import dev.bazaar.ordering.CheckoutService.Checkout;
import dev.bazaar.ordering.CheckoutService.PaymentChoice;
import dev.bazaar.ordering.CheckoutService.Placed;
import dev.bazaar.ordering.OrderQueries.OrderView;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.RequiresIdempotencyKey;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.PublicShopAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Carts and checkout, for storefronts: anonymous with the cart's token, or a signed-in customer's. */
@RestController
@Tag(name = "Carts", description = "Carts with server-side totals, and checkout into exactly one order")
class CartController {

    static final String TOKEN = "Cart-Token";

    private final CartService carts;
    private final CheckoutService checkout;

    CartController(CartService carts, CheckoutService checkout) {
        this.carts = carts;
        this.checkout = checkout;
    }

    record CreateCartRequest(@Nullable @Size(max = 254) String email) {}

    record UpdateCartRequest(@Nullable @Size(max = 254) String email, @Nullable Address shippingAddress,
                             @Nullable UUID shippingRateId) {}

    record LineRequest(@NotNull UUID variantId, @NotNull Long quantity) {}

    record QuantityRequest(@NotNull Long quantity) {}

    record DiscountCodeRequest(@Nullable @Size(max = 40) String code) {}

    record PaymentRequest(@Nullable @Size(max = 40) String gateway, @Nullable @Size(max = 255) String paymentMethod) {}

    record CheckoutRequest(@Nullable @Valid PaymentRequest payment, @Nullable Money expectedTotal) {}

    @PostMapping("/api/v1/shops/{shop}/carts")
    @PublicShopAccess
    @Operation(summary = "Create a cart", description = "In the shop's currency. Anonymous: the answer (201) holds "
            + "`token`, shown only here; send it as the `Cart-Token` header on every request for the cart. Signed in: "
            + "the customer's cart (201 when new, 200 with their active cart if they have one); no token is needed.")
    ResponseEntity<CartView> createCart(@PathVariable String shop, @Valid @RequestBody(required = false)
                                        @Nullable CreateCartRequest request) {
        Created created = carts.create(request == null ? null : request.email());
        if (!created.created()) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(created.cart());
        }
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/carts/"
                + created.cart().id())).cacheControl(CacheControl.noStore()).body(created.cart());
    }

    @GetMapping("/api/v1/shops/{shop}/carts/{cart}")
    @PublicShopAccess
    @Operation(summary = "Get a cart", description = "With its lines, the shipping rates on offer for its address, "
            + "its discount and its totals, all computed here in minor units (docs/ORDERING.md, Totals).")
    ResponseEntity<CartView> getCart(@PathVariable String shop, @PathVariable UUID cart,
                                     @RequestHeader(name = TOKEN, required = false) @Nullable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(carts.get(cart, token));
    }

    @PatchMapping("/api/v1/shops/{shop}/carts/{cart}")
    @PublicShopAccess
    @Operation(summary = "Update a cart", description = "`email`, `shipping_address` and `shipping_rate_id` (one of "
            + "`shipping_rates`: 422 `shipping_rate_unavailable` otherwise); absent fields stay as they are. A new "
            + "address drops a chosen rate it is not offered for.")
    ResponseEntity<CartView> updateCart(@PathVariable String shop, @PathVariable UUID cart,
                                        @RequestHeader(name = TOKEN, required = false) @Nullable String token,
                                        @Valid @RequestBody UpdateCartRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(carts.update(cart, token,
                new CartSpec(request.email(), request.shippingAddress(), request.shippingRateId())));
    }

    @PostMapping("/api/v1/shops/{shop}/carts/{cart}/lines")
    @PublicShopAccess
    @Operation(summary = "Add to a cart", description = "Adds `quantity` (1 to 10,000) of the variant, to its line if "
            + "the cart has one. Every change refreshes the lines' prices from the catalog. 422 `variant_not_found`, "
            + "`variant_unavailable` (product not active), `cart_full` (100 lines).")
    ResponseEntity<CartView> addCartLine(@PathVariable String shop, @PathVariable UUID cart,
                                         @RequestHeader(name = TOKEN, required = false) @Nullable String token,
                                         @Valid @RequestBody LineRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(carts.addLine(cart, token, request.variantId(), request.quantity()));
    }

    @PatchMapping("/api/v1/shops/{shop}/carts/{cart}/lines/{variant}")
    @PublicShopAccess
    @Operation(summary = "Change a cart line's quantity", description = "0 removes the line.")
    ResponseEntity<CartView> updateCartLine(@PathVariable String shop, @PathVariable UUID cart, @PathVariable UUID variant,
                                            @RequestHeader(name = TOKEN, required = false) @Nullable String token,
                                            @Valid @RequestBody QuantityRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(carts.setQuantity(cart, token, variant, request.quantity()));
    }

    @DeleteMapping("/api/v1/shops/{shop}/carts/{cart}/lines/{variant}")
    @PublicShopAccess
    @Operation(summary = "Remove a cart line")
    ResponseEntity<Void> deleteCartLine(@PathVariable String shop, @PathVariable UUID cart, @PathVariable UUID variant,
                                        @RequestHeader(name = TOKEN, required = false) @Nullable String token) {
        carts.removeLine(cart, token, variant);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/shops/{shop}/carts/{cart}/discount-code")
    @PublicShopAccess
    @Operation(summary = "Apply a discount code", description = "Matched ignoring case; 422 `discount_code_invalid` "
            + "when no discount has it. A code that does not apply now stays, and `discount.refusal` says why.")
    ResponseEntity<CartView> applyDiscountCode(@PathVariable String shop, @PathVariable UUID cart,
                                               @RequestHeader(name = TOKEN, required = false) @Nullable String token,
                                               @Valid @RequestBody DiscountCodeRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(carts.applyDiscount(cart, token, request.code()));
    }

    @DeleteMapping("/api/v1/shops/{shop}/carts/{cart}/discount-code")
    @PublicShopAccess
    @Operation(summary = "Remove the discount code")
    ResponseEntity<Void> removeDiscountCode(@PathVariable String shop, @PathVariable UUID cart,
                                            @RequestHeader(name = TOKEN, required = false) @Nullable String token) {
        carts.removeDiscount(cart, token);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/shops/{shop}/carts/{cart}/claim")
    @PublicShopAccess
    @Operation(summary = "Claim a guest cart after signing in", description = "Signed in, with the guest cart's "
            + "`Cart-Token`: the cart becomes the customer's, or merges into their active cart (quantities summed). "
            + "Answers the customer's cart.")
    ResponseEntity<CartView> claimCart(@PathVariable String shop, @PathVariable UUID cart,
                                       @RequestHeader(name = TOKEN, required = false) @Nullable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(carts.claim(cart, token));
    }

    @PostMapping("/api/v1/shops/{shop}/carts/{cart}/checkout")
    @PublicShopAccess
    @RequiresIdempotencyKey
    @Operation(summary = "Check out", description = "Requires `Idempotency-Key`. `payment` names the gateway and the "
            + "payment method (`{\"gateway\":\"test\",\"payment_method\":\"pm_card_visa\"}`); `expected_total`, when "
            + "sent, must equal the cart's total (409 `total_changed`). Answers 201 with the order, whose "
            + "`payment_status` says how its payment went (`paid`, `requires_action` with the payment's `next_action`, "
            + "`failed`). Checking out a completed cart again answers its order (200); after a failed payment it starts "
            + "a new payment with the method sent. docs/ORDERING.md lists the refusals.")
    ResponseEntity<OrderView> checkoutCart(@PathVariable String shop, @PathVariable UUID cart,
                                           @RequestHeader(name = TOKEN, required = false) @Nullable String token,
                                           @Valid @RequestBody CheckoutRequest request) {
        PaymentRequest payment = request.payment();
        Placed placed = checkout.checkout(cart, token, new Checkout(payment == null ? null
                : new PaymentChoice(payment.gateway(), payment.paymentMethod()), request.expectedTotal()));
        if (!placed.created()) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(placed.order());
        }
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/carts/" + cart
                + "/order")).cacheControl(CacheControl.noStore()).body(placed.order());
    }

    @GetMapping("/api/v1/shops/{shop}/carts/{cart}/order")
    @PublicShopAccess
    @Operation(summary = "Get the order of a checked-out cart", description = "For its shopper (the cart's token or "
            + "customer); 404 until the cart is checked out.")
    ResponseEntity<OrderView> getCartOrder(@PathVariable String shop, @PathVariable UUID cart,
                                           @RequestHeader(name = TOKEN, required = false) @Nullable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(checkout.orderOf(cart, token));
    }
}
