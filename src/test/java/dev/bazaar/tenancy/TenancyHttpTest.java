package dev.bazaar.tenancy;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of tenancy's HTTP tests (annotate the subclass with {@code @IntegrationTest}). */
abstract class TenancyHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    TenancyClient api;

    @BeforeEach
    void setUpClient() {
        api = new TenancyClient(new IdentityClient(new TestHttp(port), accounts));
    }
}
