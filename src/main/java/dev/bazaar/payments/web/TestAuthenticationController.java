package dev.bazaar.payments.web;

import dev.bazaar.payments.PaymentQueries;
import dev.bazaar.payments.PaymentView;
import dev.bazaar.payments.gateway.test.TestAuthenticationService;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.security.PublicShopAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The test gateway's stand-in for 3-D Secure. */
@RestController
@Tag(name = "Payments")
class TestAuthenticationController {

    private final TestAuthenticationService authentication;
    private final PaymentQueries queries;

    TestAuthenticationController(TestAuthenticationService authentication, PaymentQueries queries) {
        this.authentication = authentication;
        this.queries = queries;
    }

    record TestAuthenticationRequest(@Nullable @Size(max = 16) String outcome) {}

    @PostMapping("/api/v1/shops/{shop}/payments/{payment}/test-authentication")
    @PublicShopAccess
    @Operation(summary = "Complete a test payment's authentication", description = "Only for payments of the test "
            + "gateway that require action (`pm_card_authenticationRequired`; 404 for any other payment, 422 "
            + "`payment_not_awaiting_authentication` when it does not wait): `outcome` `succeed` or `fail`.")
    ResponseEntity<PaymentView> completeTestAuthentication(@PathVariable String shop, @PathVariable UUID payment,
                                                           @Valid @RequestBody TestAuthenticationRequest request) {
        if (!"succeed".equals(request.outcome()) && !"fail".equals(request.outcome())) {
            throw ApplicationException.invalidField("outcome", "invalid_outcome", "must be succeed or fail");
        }
        authentication.complete(payment, request.outcome().equals("succeed"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.get(payment));
    }
}
