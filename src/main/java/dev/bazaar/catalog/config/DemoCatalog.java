package dev.bazaar.catalog.config;

import dev.bazaar.catalog.application.CatalogSeeder;
import dev.bazaar.platform.Terminal;
import dev.bazaar.tenancy.ShopEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The demo shop's catalog: when the embedded default creates the demo shop, it gets a dozen products with stock. */
@Component
class DemoCatalog {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private final CatalogSeeder seeder;

    DemoCatalog(CatalogSeeder seeder) {
        this.seeder = seeder;
    }

    @EventListener
    void onDemoShop(ShopEvent.DemoShopCreated event) {
        try {
            int seeded = seeder.seedDemo(event.tenantId(), event.currency());
            Terminal.out().println("  Demo catalog: " + seeded + " products with stock (GET /api/v1/shops/" + event.handle()
                    + "/products)");
        } catch (RuntimeException e) {
            // The demo shop is usable without its catalog; say so rather than stop the start.
            log.error("Could not seed the demo catalog", e);
        }
    }
}
