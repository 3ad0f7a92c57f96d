package dev.bazaar.catalog.cli;

import dev.bazaar.catalog.application.CatalogSeeder;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.ManagementCommand;
import dev.bazaar.tenancy.ShopQueries;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code bin/bazaar seed-catalog --shop <handle> [--products 10000] [--variants 3] [--stock 100]}: adds generated
 * products (each with that many size variants and that much stock of each in the "Main warehouse"), through the
 * catalog's and inventory's services, in batches. For benchmarks and demos; the shop's plan must allow the products.
 */
@Component
class SeedCatalogCommand implements ManagementCommand {

    private final CatalogSeeder seeder;
    private final ShopQueries shops;

    SeedCatalogCommand(CatalogSeeder seeder, ShopQueries shops) {
        this.seeder = seeder;
        this.shops = shops;
    }

    @Override
    public String name() {
        return "seed-catalog";
    }

    @Override
    public String summary() {
        return "add generated products with stock to a shop: --shop <handle> [--products 10000] [--variants 3] [--stock 100]";
    }

    @Override
    public int run(List<String> args, BufferedReader in, PrintStream out) {
        String handle = ManagementCommand.option(args, "--shop");
        if (handle == null) {
            out.println("seed-catalog: --shop <handle> is required");
            return 2;
        }
        int products;
        int variants;
        long stock;
        try {
            products = Integer.parseInt(orDefault(ManagementCommand.option(args, "--products"), "10000"));
            variants = Integer.parseInt(orDefault(ManagementCommand.option(args, "--variants"), "3"));
            stock = Long.parseLong(orDefault(ManagementCommand.option(args, "--stock"), "100"));
        } catch (NumberFormatException e) {
            out.println("seed-catalog: --products, --variants and --stock take whole numbers");
            return 2;
        }
        if (products < 1 || products > 1_000_000 || variants < 1 || variants > 3 || stock < 0) {
            out.println("seed-catalog: --products 1-1000000, --variants 1-3, --stock 0 or more");
            return 2;
        }
        var shop = shops.findByHandle(handle).orElse(null);
        if (shop == null) {
            out.println("seed-catalog: there is no shop '" + handle + "'");
            return 1;
        }
        long started = System.nanoTime();
        try {
            int seeded = seeder.seedGenerated(shop.id(), shop.currency(), products, variants, stock, done -> {
                if (done % 1000 == 0 || done == products) {
                    out.println("  " + done + " / " + products + " products");
                    out.flush();
                }
            });
            out.printf("Seeded %d products with %d variant(s) each into '%s' in %.1f s%n", seeded, variants, handle,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (ApplicationException e) {
            out.println("seed-catalog: " + e.getMessage());
            return 1;
        }
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }
}
