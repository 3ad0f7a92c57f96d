package dev.bazaar.ordering.web;

import dev.bazaar.ordering.Address;
import dev.bazaar.ordering.CustomerService;
import dev.bazaar.ordering.CustomerService.AddressSpec;
import dev.bazaar.ordering.CustomerService.AddressView;
import dev.bazaar.ordering.CustomerService.CustomerView;
import dev.bazaar.ordering.OrderQueries;
import dev.bazaar.ordering.OrderQueries.OrderSummary;
import dev.bazaar.ordering.OrderQueries.OrderView;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.PublicShopAccess;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A shop's customers for staff, and a signed-in customer's own address book and orders. */
@RestController
@Tag(name = "Customers", description = "Customers, their addresses and their own orders")
class CustomerController {

    private final CustomerService customers;
    private final OrderQueries orders;

    CustomerController(CustomerService customers, OrderQueries orders) {
        this.customers = customers;
        this.orders = orders;
    }

    record AddressRequest(@Nullable Address address, @Nullable Boolean isDefault) {}

    @GetMapping("/api/v1/shops/{shop}/customers")
    @RequiresPermission(Permission.CUSTOMERS_READ)
    @Operation(summary = "List customers", description = "Newest first, with their order count (orders not canceled) "
            + "and total spent (captured less refunded). `email` matches from the start of the email.")
    ResponseEntity<Page<CustomerView>> listCustomers(@PathVariable String shop,
                                                     @RequestParam(required = false) @Nullable @Size(max = 254) String email,
                                                     @RequestParam(required = false) @Nullable Integer limit,
                                                     @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(customers.list(email, PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/customers/{customer}")
    @RequiresPermission(Permission.CUSTOMERS_READ)
    @Operation(summary = "Get a customer")
    ResponseEntity<CustomerView> getCustomer(@PathVariable String shop, @PathVariable UUID customer) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(customers.get(customer));
    }

    @GetMapping("/api/v1/shops/{shop}/me/addresses")
    @PublicShopAccess
    @Operation(summary = "List my addresses", description = "Signed in (401 otherwise): the caller's address book in "
            + "this shop.")
    ResponseEntity<Map<String, List<AddressView>>> listMyAddresses(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", customers.myAddresses()));
    }

    @PostMapping("/api/v1/shops/{shop}/me/addresses")
    @PublicShopAccess
    @Operation(summary = "Add an address", description = "At most 20. The first is the default; `is_default` makes "
            + "another the default.")
    ResponseEntity<AddressView> addMyAddress(@PathVariable String shop, @Valid @RequestBody AddressRequest request) {
        AddressView address = customers.addAddress(new AddressSpec(request.address(), request.isDefault()));
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/me/addresses/"
                + address.id())).cacheControl(CacheControl.noStore()).eTag(ETags.of(address.version())).body(address);
    }

    @PatchMapping("/api/v1/shops/{shop}/me/addresses/{address}")
    @PublicShopAccess
    @Operation(summary = "Change an address", description = "`If-Match` optional (412).")
    ResponseEntity<AddressView> updateMyAddress(@PathVariable String shop, @PathVariable UUID address,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                                @Valid @RequestBody AddressRequest request) {
        AddressView view = customers.updateAddress(address, new AddressSpec(request.address(), request.isDefault()),
                ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/api/v1/shops/{shop}/me/addresses/{address}")
    @PublicShopAccess
    @Operation(summary = "Delete an address")
    ResponseEntity<Void> deleteMyAddress(@PathVariable String shop, @PathVariable UUID address,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        customers.deleteAddress(address, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/shops/{shop}/me/orders")
    @PublicShopAccess
    @Operation(summary = "List my orders", description = "Signed in: the caller's orders in this shop, newest first.")
    ResponseEntity<Page<OrderSummary>> listMyOrders(@PathVariable String shop,
                                                    @RequestParam(required = false) @Nullable Integer limit,
                                                    @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(orders.mine(PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/me/orders/{order}")
    @PublicShopAccess
    @Operation(summary = "Get one of my orders", description = "Another customer's order is 404.")
    ResponseEntity<OrderView> getMyOrder(@PathVariable String shop, @PathVariable UUID order) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(orders.mine(order));
    }
}
