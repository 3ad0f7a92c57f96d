package dev.bazaar.tenancy.config;

import dev.bazaar.identity.AccountQueries;
import dev.bazaar.platform.Terminal;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.tenancy.ShopEvent;
import dev.bazaar.tenancy.application.ShopService;
import java.time.Instant;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded default's demo shop: on first start, once the demo owner account exists, the shop {@code demo} is
 * created for it, and {@link ShopEvent.DemoShopCreated} lets other modules add their demo data (the catalog does). Only on the embedded database, outside {@code prod} and outside the management CLI.
 */
@Component
class DemoShop {

    static final String OWNER_EMAIL = "owner@demo.bazaar.localhost";
    static final String HANDLE = "demo";

    private final ShopService shops;
    private final AccountQueries accounts;
    private final TenancyProperties properties;
    private final Environment environment;
    private final ApplicationEventPublisher events;

    DemoShop(ShopService shops, AccountQueries accounts, TenancyProperties properties, Environment environment,
             ApplicationEventPublisher events) {
        this.shops = shops;
        this.accounts = accounts;
        this.properties = properties;
        this.environment = environment;
        this.events = events;
    }

    /** After the demo accounts (which are created on the same event). */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady() {
        boolean applies = properties.demoShop()
                && "embedded".equals(environment.getProperty("bazaar.database.mode"))
                && !environment.matchesProfiles("prod")
                && !environment.getProperty("bazaar.cli", Boolean.class, false);
        if (applies) {
            createOnFirstStart();
        }
    }

    void createOnFirstStart() {
        accounts.findByEmail(OWNER_EMAIL).filter(owner -> "active".equals(owner.status())).ifPresent(owner -> {
            if (shops.exists(HANDLE)) {
                return;
            }
            Actor actor = new Actor(owner.id().value(), Set.of(), Actor.AuthenticationMethod.PASSWORD, null, Instant.now());
            var shop = shops.create(actor, new ShopService.CreateShop("Demo Shop", HANDLE, "EUR", "Europe/Berlin", "en"));
            Terminal.out().println("  Demo shop: /api/v1/shops/" + HANDLE + " (owner " + OWNER_EMAIL + ")");
            events.publishEvent(new ShopEvent.DemoShopCreated(shop.id(), shop.handle(), shop.currency(), Instant.now()));
        });
    }
}
