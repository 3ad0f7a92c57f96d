package dev.bazaar.tenancy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.AccountQueries;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.application.ShopService;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class DemoShopIT {

    @Autowired
    DemoShop demoShop;

    @Autowired
    AccountService accountService;

    @Autowired
    AccountQueries accounts;

    @Autowired
    ShopService shops;

    @Test
    void createsTheDemoShopForTheDemoOwnerOnceEvenBesideSimilarHandles() {
        accountService.createOrGrant("someone@example.com", "Someone", "correct horse battery staple 9", null);
        var someone = accounts.findByEmail("someone@example.com").orElseThrow();
        // A shop whose handle starts like the demo's, created first: it must not hide the demo shop's absence.
        shops.create(new Actor(someone.id().value(), Set.of(), Actor.AuthenticationMethod.PASSWORD, null, Instant.now()),
                new ShopService.CreateShop("Demo Two", "demo-two", "EUR", "Europe/Berlin", "en"));
        accountService.createOrGrant(DemoShop.OWNER_EMAIL, "Demo Shop Owner", "correct horse battery staple 9", null);

        demoShop.createOnFirstStart();
        demoShop.createOnFirstStart();

        assertThat(shops.exists(DemoShop.HANDLE)).isTrue();
        assertThat(shops.adminGet(DemoShop.HANDLE).createdBy())
                .isEqualTo(accounts.findByEmail(DemoShop.OWNER_EMAIL).orElseThrow().id().value());
    }
}
