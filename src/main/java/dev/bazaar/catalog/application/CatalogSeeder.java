package dev.bazaar.catalog.application;

import dev.bazaar.catalog.application.ProductService.CreateProduct;
import dev.bazaar.catalog.application.ProductService.VariantInput;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.inventory.StockLocationService;
import dev.bazaar.inventory.StockLocationService.LocationSpec;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.TenantScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a shop's catalog with products, variants and stock through the same services the API uses (so the data obeys
 * every rule and is audited as the system's): the demo shop's small curated catalog, and generated catalogs of any
 * size for benchmarks and demos ({@code bin/bazaar seed-catalog}). Works in batches, one transaction each.
 */
@Component
public class CatalogSeeder {

    static final String LOCATION = "Main warehouse";
    private static final int BATCH = 100;

    private static final String[] ADJECTIVES = {"Organic", "Classic", "Vintage", "Everyday", "Premium", "Recycled",
            "Lightweight", "Heavy", "Soft", "Slim", "Relaxed", "Waterproof", "Handmade", "Minimal", "Bold", "Warm"};
    private static final String[] MATERIALS = {"Cotton", "Linen", "Wool", "Denim", "Leather", "Bamboo", "Canvas",
            "Silk", "Fleece", "Hemp", "Cashmere", "Nylon"};
    private static final String[] NOUNS = {"Tee", "Shirt", "Hoodie", "Jacket", "Scarf", "Cap", "Bag", "Socks",
            "Sweater", "Shorts", "Trousers", "Dress", "Apron", "Blanket", "Towel", "Tote"};
    private static final String[] VENDORS = {"Acme", "Northwind", "Lumen", "Fjord", "Atlas", "Juniper", "Oakley & Co",
            "Basalt", "Meridian", "Cobalt"};
    private static final String[] TAGS = {"summer", "winter", "sale", "new", "eco", "gift", "bestseller", "limited",
            "unisex", "kids", "outdoor", "home"};
    private static final String[] SIZES = {"S", "M", "L"};

    private final ProductService products;
    private final ProductQueries reads;
    private final AttributeService attributes;
    private final CategoryService categories;
    private final CollectionService collections;
    private final StockLocationService locations;
    private final InventoryService inventory;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;

    CatalogSeeder(ProductService products, ProductQueries reads, AttributeService attributes, CategoryService categories,
                  CollectionService collections, StockLocationService locations, InventoryService inventory,
                  TenantScope tenantScope, TransactionTemplate transactions) {
        this.products = products;
        this.reads = reads;
        this.attributes = attributes;
        this.categories = categories;
        this.collections = collections;
        this.locations = locations;
        this.inventory = inventory;
        this.tenantScope = tenantScope;
        this.transactions = transactions;
    }

    /**
     * A product to seed: one variant per size when {@code sizes} is set, else one; optionally in a category (by handle)
     * and with a material (the demo's choice attribute).
     */
    record Seed(String title, String vendor, String type, List<String> tags, String description, long price, int sizes,
                @Nullable String category, @Nullable String material) {

        Seed(String title, String vendor, String type, List<String> tags, String description, long price, int sizes) {
            this(title, vendor, type, tags, description, price, sizes, null, null);
        }
    }

    /**
     * The demo shop's catalog: a dozen products with sizes, prices and stock, a material attribute, a small category
     * tree, a hand-picked collection and two automatic ones.
     */
    public int seedDemo(UUID tenant, String currency) {
        Map<String, String> tree = tenantScope.call(tenant, () -> transactions.execute(status -> demoStructure()));
        List<Seed> seeds = List.of(
                new Seed("Organic Cotton Tee", "Acme", "Tee", List.of("summer", "eco", "bestseller"),
                        "<p>Soft, breathable <strong>organic cotton</strong>.</p>", 1999, 3, tree.get("tops"), "cotton"),
                new Seed("Linen Shirt", "Fjord", "Shirt", List.of("summer"), "<p>Light linen for warm days.</p>", 4900, 3,
                        tree.get("tops"), "linen"),
                new Seed("Merino Wool Sweater", "Northwind", "Sweater", List.of("winter", "bestseller"),
                        "<p>Warm without the itch.</p>", 8900, 3, tree.get("tops"), "wool"),
                new Seed("Waxed Canvas Jacket", "Atlas", "Jacket", List.of("outdoor", "winter"),
                        "<p>Rain-ready waxed canvas.</p>", 14900, 3, tree.get("outerwear"), "canvas"),
                new Seed("Recycled Denim Tote", "Acme", "Bag", List.of("eco", "gift"), "<p>Made from old jeans.</p>", 2900, 0,
                        tree.get("accessories"), "denim"),
                new Seed("Crème Brûlée Candle", "Lumen", "Candle", List.of("home", "gift"),
                        "<p>Smells of vanilla and caramel.</p>", 2500, 0, tree.get("home"), null),
                new Seed("Bamboo Socks (3 pairs)", "Juniper", "Socks", List.of("eco", "unisex"), "<p>Soft and durable.</p>", 1500, 3,
                        tree.get("accessories"), "bamboo"),
                new Seed("Wool Beanie", "Northwind", "Cap", List.of("winter", "unisex"), "<p>One size fits most.</p>", 2400, 0,
                        tree.get("accessories"), "wool"),
                new Seed("Linen Apron", "Fjord", "Apron", List.of("home"), "<p>For the kitchen and the workshop.</p>", 3400, 0,
                        tree.get("home"), "linen"),
                new Seed("Cotton Hoodie", "Acme", "Hoodie", List.of("new", "unisex"), "<p>Brushed fleece inside.</p>", 5900, 3,
                        tree.get("tops"), "cotton"),
                new Seed("Silk Scarf", "Meridian", "Scarf", List.of("gift", "limited"), "<p>Hand-rolled edges.</p>", 7900, 0,
                        tree.get("accessories"), "silk"),
                new Seed("Gift Card", "Acme", "Gift card", List.of("gift"), "<p>For anything in the shop.</p>", 5000, 0));
        int seeded = seed(tenant, currency, seeds, 25, null);
        tenantScope.run(tenant, () -> transactions.executeWithoutResult(status -> demoCollections()));
        return seeded;
    }

    /** The demo's attribute and categories; the category ids by handle. */
    private Map<String, String> demoStructure() {
        attributes.create(new AttributeService.CreateAttribute("material", "Material", "choice",
                List.of("bamboo", "canvas", "cotton", "denim", "linen", "silk", "wool"), true, 0));
        Map<String, String> tree = new LinkedHashMap<>();
        String clothing = categories.create(new CategoryService.CreateCategory("Clothing", null, null, null, null)).id().toString();
        tree.put("tops", categories.create(new CategoryService.CreateCategory("Tops", null, null, UUID.fromString(clothing),
                null)).id().toString());
        tree.put("outerwear", categories.create(new CategoryService.CreateCategory("Outerwear", null, null,
                UUID.fromString(clothing), null)).id().toString());
        tree.put("accessories", categories.create(new CategoryService.CreateCategory("Accessories", null, null, null, null))
                .id().toString());
        tree.put("home", categories.create(new CategoryService.CreateCategory("Home", null, null, null, null)).id().toString());
        return tree;
    }

    private void demoCollections() {
        CollectionQueries.CollectionDetails picks = collections.create(new CollectionService.CreateCollection("Staff picks",
                null, "<p>What we wear all week.</p>", "manual", null, null));
        List<UUID> picked = new ArrayList<>();
        for (String handle : List.of("waxed-canvas-jacket", "organic-cotton-tee", "silk-scarf")) {
            reads.findId(handle).ifPresent(picked::add);
        }
        collections.setProducts(picks.id().toString(), picked, null);
        collections.create(new CollectionService.CreateCollection("Gifts", null, null, "automatic", "any", List.of(
                new CollectionService.RuleInput("tag", "equals", "gift", null))));
        collections.create(new CollectionService.CreateCollection("Under 30", null, null, "automatic", "all", List.of(
                new CollectionService.RuleInput("price", "less_than", "3000", null))));
    }

    /** {@code count} generated products with {@code sizes} variants each (0 or 1: one), {@code stock} units of each. */
    public int seedGenerated(UUID tenant, String currency, int count, int sizes, long stock, @Nullable IntConsumer progress) {
        List<Seed> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String title = ADJECTIVES[i % ADJECTIVES.length] + " " + MATERIALS[(i / ADJECTIVES.length) % MATERIALS.length] + " "
                    + NOUNS[(i / 7) % NOUNS.length] + " " + (i + 1);
            List<String> tags = List.of(TAGS[i % TAGS.length], TAGS[(i * 7 + 3) % TAGS.length]);
            seeds.add(new Seed(title, VENDORS[(i * 3) % VENDORS.length], NOUNS[(i / 7) % NOUNS.length],
                    tags.get(0).equals(tags.get(1)) ? tags.subList(0, 1) : tags,
                    "<p>" + title + ", made to last. Seeded for benchmarks and demos.</p>", 500 + (i * 7919L) % 20000, sizes));
        }
        return seed(tenant, currency, seeds, stock, progress);
    }

    private int seed(UUID tenant, String currency, List<Seed> seeds, long stock, @Nullable IntConsumer progress) {
        UUID location = tenantScope.call(tenant, () -> transactions.execute(status -> locations.list().stream()
                .filter(existing -> existing.name().equals(LOCATION)).findFirst()
                .orElseGet(() -> locations.create(new LocationSpec(LOCATION, 100, true, null))).id()));
        int done = 0;
        for (int from = 0; from < seeds.size(); from += BATCH) {
            List<Seed> batch = seeds.subList(from, Math.min(seeds.size(), from + BATCH));
            tenantScope.run(tenant, () -> transactions.executeWithoutResult(status -> {
                for (Seed seed : batch) {
                    ProductDetails product = products.create(product(seed, currency));
                    for (ProductDetails.Variant variant : product.variants()) {
                        if (stock > 0) {
                            inventory.adjust(new InventoryService.Adjust(variant.id(), location, stock, null, "seeded"));
                        }
                    }
                }
            }));
            done += batch.size();
            if (progress != null) {
                progress.accept(done);
            }
        }
        return done;
    }

    private static CreateProduct product(Seed seed, String currency) {
        List<VariantInput> variants = new ArrayList<>();
        int count = Math.max(1, Math.min(seed.sizes(), SIZES.length));
        for (int i = 0; i < count; i++) {
            variants.add(new VariantInput(seed.sizes() > 1 ? List.of(SIZES[i]) : List.of(), null, null,
                    new Money(seed.price() + i * 200L, currency), null, 250, true, i));
        }
        return new CreateProduct(seed.title(), null, seed.description(), "active", seed.vendor(), seed.type(), seed.tags(),
                null, null, seed.sizes() > 1 ? List.of("Size") : List.of(), variants, null,
                seed.material() == null ? null : Map.<String, Object>of("material", seed.material()), seed.category());
    }
}
