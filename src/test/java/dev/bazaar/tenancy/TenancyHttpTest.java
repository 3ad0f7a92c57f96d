package dev.bazaar.tenancy;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of tenancy's HTTP tests (annotate the subclass with {@code @IntegrationTest}). */
public abstract class TenancyHttpTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected AccountService accounts;

    protected TenancyClient api;

    @BeforeEach
    void setUpClient() {
        api = new TenancyClient(new IdentityClient(new TestHttp(port), accounts));
    }
}
