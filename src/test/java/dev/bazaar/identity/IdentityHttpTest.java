package dev.bazaar.identity;

import dev.bazaar.identity.application.AccountService;
import dev.bazaar.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Base of identity's HTTP tests (annotate the subclass with {@code @IntegrationTest}): the server, a client, the database. */
abstract class IdentityHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    IdentityClient client;

    @BeforeEach
    void setUpClient() {
        client = new IdentityClient(new TestHttp(port), accounts);
    }
}
