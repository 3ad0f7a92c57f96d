package dev.bazaar.ordering.web;

import dev.bazaar.ordering.OrderQueries;
import dev.bazaar.ordering.OrderQueries.OrderFilter;
import dev.bazaar.ordering.OrderQueries.OrderSummary;
import dev.bazaar.ordering.OrderQueries.OrderView;
import dev.bazaar.ordering.OrderService;
import dev.bazaar.ordering.OrderService.FulfillmentSpec;
import dev.bazaar.ordering.OrderService.LineQuantity;
import dev.bazaar.ordering.OrderService.RefundSpec;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.RequiresIdempotencyKey;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders for staff: list and detail with the timeline, cancel, fulfil, refund, capture, notes. */
@RestController
@Tag(name = "Orders", description = "Orders, their payments, fulfillments, refunds and timeline")
class OrderController {

    private final OrderQueries queries;
    private final OrderService orders;

    OrderController(OrderQueries queries, OrderService orders) {
        this.queries = queries;
        this.orders = orders;
    }

    record CancelRequest(@Nullable @Size(max = 500) String reason) {}

    record LineQuantityRequest(@Nullable UUID lineId, @Nullable Long quantity) {}

    record FulfillmentRequest(@Nullable @Size(max = 100) List<@Valid LineQuantityRequest> lines,
                              @Nullable @Size(max = 100) String trackingNumber,
                              @Nullable @Size(max = 100) String trackingCompany,
                              @Nullable @Size(max = 2000) String trackingUrl) {}

    record RefundRequest(@Nullable @Size(max = 100) List<@Valid LineQuantityRequest> lines, @Nullable Money amount,
                         @Nullable Boolean restock, @Nullable @Size(max = 500) String reason) {}

    record NoteRequest(@Nullable @Size(max = 5000) String message) {}

    @GetMapping("/api/v1/shops/{shop}/orders")
    @RequiresPermission(Permission.ORDERS_READ)
    @Operation(summary = "List orders", description = "Newest first. Filters: `status`, `payment_status`, "
            + "`created_after` (inclusive) and `created_before` (exclusive) as RFC 3339, `customer_id`, and `q`: an "
            + "order number (`1001` or `#1001`) or the start of the email.")
    ResponseEntity<Page<OrderSummary>> listOrders(@PathVariable String shop,
                                                  @RequestParam(required = false) @Nullable String status,
                                                  @RequestParam(name = "payment_status", required = false) @Nullable String paymentStatus,
                                                  @RequestParam(name = "created_after", required = false) @Nullable Instant createdAfter,
                                                  @RequestParam(name = "created_before", required = false) @Nullable Instant createdBefore,
                                                  @RequestParam(name = "customer_id", required = false) @Nullable UUID customerId,
                                                  @RequestParam(required = false) @Nullable @Size(max = 254) String q,
                                                  @RequestParam(required = false) @Nullable Integer limit,
                                                  @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.list(new OrderFilter(status,
                paymentStatus, createdAfter, createdBefore, customerId, q), PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/orders/{order}")
    @RequiresPermission(Permission.ORDERS_READ)
    @Operation(summary = "Get an order", description = "With its lines, payments, fulfillments, refunds and timeline.")
    ResponseEntity<OrderView> getOrder(@PathVariable String shop, @PathVariable UUID order) {
        OrderView view = queries.get(order);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/api/v1/shops/{shop}/orders/{order}/cancel")
    @RequiresPermission(Permission.ORDERS_WRITE)
    @Operation(summary = "Cancel an order", description = "Until something ships. Unpaid: its stock is released and "
            + "its payment voided. Paid: its units go back to stock and what was captured is refunded (that needs "
            + "`orders:refund` too). 422 `order_not_cancelable`; `If-Match` optional (412).")
    ResponseEntity<OrderView> cancelOrder(@PathVariable String shop, @PathVariable UUID order,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                          @Valid @RequestBody(required = false) @Nullable CancelRequest request) {
        OrderView view = orders.cancel(order, request == null ? null : request.reason(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/api/v1/shops/{shop}/orders/{order}/fulfillments")
    @RequiresPermission(Permission.ORDERS_WRITE)
    @Operation(summary = "Fulfil an order", description = "Ships `lines` (`line_id`, `quantity`; default everything "
            + "left) with optional tracking. 422 `order_not_fulfillable` (unpaid, canceled, shipped), "
            + "`fulfillment_exceeds_order`.")
    ResponseEntity<OrderView> fulfilOrder(@PathVariable String shop, @PathVariable UUID order,
                                          @Valid @RequestBody(required = false) @Nullable FulfillmentRequest request) {
        FulfillmentRequest r = request == null ? new FulfillmentRequest(null, null, null, null) : request;
        OrderView view = orders.fulfil(order, new FulfillmentSpec(lines(r.lines()), r.trackingNumber(),
                r.trackingCompany(), r.trackingUrl()));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version()))
                .body(view);
    }

    @PostMapping("/api/v1/shops/{shop}/orders/{order}/refunds")
    @RequiresPermission(Permission.ORDERS_REFUND)
    @RequiresIdempotencyKey
    @Operation(summary = "Refund an order", description = "Requires `Idempotency-Key`. By `lines` (their share of "
            + "what they cost) or by `amount`; `restock` (default true) puts the lines' units back in stock once the "
            + "refund succeeds. Never more than captured less refunded: 422 `refund_exceeds_captured`.")
    ResponseEntity<OrderView> refundOrder(@PathVariable String shop, @PathVariable UUID order,
                                          @Valid @RequestBody RefundRequest request) {
        OrderView view = orders.refund(order, new RefundSpec(lines(request.lines()), request.amount(), request.restock(),
                request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version()))
                .body(view);
    }

    @PostMapping("/api/v1/shops/{shop}/orders/{order}/capture")
    @RequiresPermission(Permission.ORDERS_WRITE)
    @RequiresIdempotencyKey
    @Operation(summary = "Capture an authorized payment", description = "Requires `Idempotency-Key`. For shops that "
            + "capture manually; 422 `order_not_capturable`.")
    ResponseEntity<OrderView> captureOrder(@PathVariable String shop, @PathVariable UUID order) {
        OrderView view = orders.capture(order);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/api/v1/shops/{shop}/orders/{order}/notes")
    @RequiresPermission(Permission.ORDERS_WRITE)
    @Operation(summary = "Add a note to an order's timeline", description = "Staff only; customers never see notes.")
    ResponseEntity<OrderView> addOrderNote(@PathVariable String shop, @PathVariable UUID order,
                                           @Valid @RequestBody NoteRequest request) {
        OrderView view = orders.addNote(order, request.message());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version()))
                .body(view);
    }

    private static @Nullable List<LineQuantity> lines(@Nullable List<LineQuantityRequest> lines) {
        return lines == null ? null : lines.stream().map(l -> new LineQuantity(l.lineId(), l.quantity())).toList();
    }
}
