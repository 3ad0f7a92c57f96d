package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.ProductEvent;
import dev.bazaar.catalog.domain.MediaRepository;
import dev.bazaar.catalog.domain.MediaRepository.MediaRow;
import dev.bazaar.catalog.domain.ProductRepository;
import dev.bazaar.catalog.domain.ProductRepository.ProductRow;
import dev.bazaar.catalog.domain.VariantRepository;
import dev.bazaar.catalog.domain.VariantRepository.VariantRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import dev.bazaar.tenancy.PlanLimits;
import dev.bazaar.tenancy.ShopQueries;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes to the catalog: products with their variants and media. A product always has at least one variant; every
 * variant has one value per option name of its product (up to three), and no two variants of a product share all
 * values. SKUs are unique in the shop, handles too (made from the title when not given). Prices are in the shop's
 * currency. Every change is audited, publishes a {@link ProductEvent}, and changes the product's version (its ETag).
 */
@Service
public class ProductService {

    static final int MAX_VARIANTS = 100;
    static final int MAX_MEDIA = 50;

    private final ProductRepository products;
    private final VariantRepository variants;
    private final MediaRepository media;
    private final ProductQueries reads;
    private final AttributeService attributes;
    private final CategoryQueries categories;
    private final StockFlags stockFlags;
    private final ShopQueries shops;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProductService(ProductRepository products, VariantRepository variants, MediaRepository media, ProductQueries reads,
                   AttributeService attributes, CategoryQueries categories, StockFlags stockFlags, ShopQueries shops,
                   AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.products = products;
        this.variants = variants;
        this.media = media;
        this.reads = reads;
        this.attributes = attributes;
        this.categories = categories;
        this.stockFlags = stockFlags;
        this.shops = shops;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public record VariantInput(@Nullable List<String> optionValues, @Nullable String sku, @Nullable String barcode,
                               @Nullable Money price, @Nullable Money compareAtPrice, @Nullable Integer weightGrams,
                               @Nullable Boolean trackInventory, @Nullable Integer position) {}

    public record MediaInput(String url, @Nullable String alt, @Nullable UUID variantId) {}

    public record CreateProduct(String title, @Nullable String handle, @Nullable String descriptionHtml,
                                @Nullable String status, @Nullable String vendor, @Nullable String productType,
                                @Nullable List<String> tags, @Nullable String seoTitle, @Nullable String seoDescription,
                                @Nullable List<String> optionNames, List<VariantInput> variants,
                                @Nullable List<MediaInput> media, @Nullable Map<String, @Nullable Object> attributes,
                                @Nullable String categoryId) {}

    /**
     * Absent (null) fields stay as they are; an empty string clears an optional text field (and {@code categoryId});
     * {@code attributes} are merged, a null value removing that attribute.
     */
    public record UpdateProduct(@Nullable String title, @Nullable String handle, @Nullable String descriptionHtml,
                                @Nullable String status, @Nullable String vendor, @Nullable String productType,
                                @Nullable List<String> tags, @Nullable String seoTitle, @Nullable String seoDescription,
                                @Nullable List<String> optionNames, @Nullable List<MediaInput> media,
                                @Nullable Map<String, @Nullable Object> attributes, @Nullable String categoryId) {}

    @Transactional
    public ProductDetails create(CreateProduct command) {
        UUID tenant = TenantContext.requireTenantId();
        String currency = shops.current().currency();
        products.lockCreation(tenant);
        PlanLimits limits = shops.limits();
        if (products.count(tenant) >= limits.products()) {
            throw limits.reached("products", limits.products(), "The '" + limits.plan() + "' plan allows "
                    + limits.products() + " products");
        }
        List<String> optionNames = optionNames(command.optionNames());
        if (command.variants().isEmpty() || command.variants().size() > MAX_VARIANTS) {
            throw ApplicationException.invalidField("variants", "invalid_length",
                    "a product needs 1 to " + MAX_VARIANTS + " variants");
        }
        String handle = Handles.chosenOrFree(command.handle(), command.title(), base -> products.handlesLike(tenant, base));
        Instant now = clock.instant();
        UUID id = Ids.newId();
        List<VariantRow> newVariants = new ArrayList<>();
        for (int i = 0; i < command.variants().size(); i++) {
            newVariants.add(newVariant("variants[" + i + "]", id, optionNames, command.variants().get(i), i, currency, now));
        }
        assertDistinctOptions(newVariants);
        ProductRow product = new ProductRow(id, 0, now, now, handle, Text.line("title", command.title(), 255),
                RichText.description(command.descriptionHtml()), status(command.status(), "draft"), optional("vendor", command.vendor(), 120),
                optional("product_type", command.productType(), 120), tags(command.tags()),
                optional("seo_title", command.seoTitle(), 120), optional("seo_description", command.seoDescription(), 320),
                optionNames, newVariants.stream().mapToLong(VariantRow::priceAmount).min().orElseThrow(), currency,
                attributes.values(tenant, Map.of(), command.attributes()), category(tenant, command.categoryId(), null),
                // New variants have no stock yet: only an untracked one can be sold.
                newVariants.stream().anyMatch(variant -> !variant.trackInventory()));
        try {
            products.insert(tenant, product);
            for (VariantRow variant : newVariants) {
                variants.insert(tenant, variant);
            }
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        if (command.media() != null) {
            media.replace(tenant, id, mediaRows(id, command.media(), Set.of()), now);
        }
        audit.record("product.created", "product", id, Map.of(), auditFields(product));
        events.publishEvent(new ProductEvent.ProductCreated(tenant, id, handle, now));
        return reload(tenant, id);
    }

    @Transactional
    public ProductDetails update(String reference, UpdateProduct command, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ProductRow before = reads.find(tenant, reference).orElseThrow(() -> ProductQueries.notFound(reference));
        List<String> optionNames = before.optionNames();
        if (command.optionNames() != null) {
            optionNames = optionNames(command.optionNames());
            if (optionNames.size() != before.optionNames().size()) {
                throw ApplicationException.invalidField("option_names", "option_count_changed",
                        "may rename options but not add or remove them (the variants have " + before.optionNames().size() + ")");
            }
        }
        ProductRow after = new ProductRow(before.id(), before.version(), before.createdAt(), before.updatedAt(),
                command.handle() != null ? Handles.require(command.handle()) : before.handle(),
                command.title() != null ? Text.line("title", command.title(), 255) : before.title(),
                command.descriptionHtml() != null ? RichText.description(command.descriptionHtml()) : before.descriptionHtml(),
                command.status() != null ? status(command.status(), before.status()) : before.status(),
                command.vendor() != null ? optional("vendor", command.vendor(), 120) : before.vendor(),
                command.productType() != null ? optional("product_type", command.productType(), 120) : before.productType(),
                command.tags() != null ? tags(command.tags()) : before.tags(),
                command.seoTitle() != null ? optional("seo_title", command.seoTitle(), 120) : before.seoTitle(),
                command.seoDescription() != null ? optional("seo_description", command.seoDescription(), 320) : before.seoDescription(),
                optionNames, before.priceMin(), before.currency(),
                attributes.values(tenant, before.attributes(), command.attributes()),
                category(tenant, command.categoryId(), before.categoryId()), before.inStock());
        Instant now = clock.instant();
        try {
            if (!products.update(tenant, after, expectedVersion != null ? expectedVersion : before.version(), now)) {
                throw stale();
            }
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        if (command.media() != null) {
            Set<UUID> variantIds = new HashSet<>();
            variants.listFor(tenant, List.of(before.id())).forEach(variant -> variantIds.add(variant.id()));
            media.replace(tenant, before.id(), mediaRows(before.id(), command.media(), variantIds), now);
        }
        audit.record("product.updated", "product", before.id(), auditFields(before), auditFields(after));
        events.publishEvent(new ProductEvent.ProductUpdated(tenant, before.id(), after.handle(), now));
        return reload(tenant, before.id());
    }

    @Transactional
    public void delete(String reference, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ProductRow product = reads.find(tenant, reference).orElseThrow(() -> ProductQueries.notFound(reference));
        if (!products.delete(tenant, product.id(), expectedVersion != null ? expectedVersion : product.version())) {
            throw stale();
        }
        audit.record("product.deleted", "product", product.id(), auditFields(product), Map.of());
        events.publishEvent(new ProductEvent.ProductDeleted(tenant, product.id(), product.handle(), clock.instant()));
    }

    @Transactional
    public ProductDetails addVariant(String reference, VariantInput input, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ProductRow product = reads.find(tenant, reference).orElseThrow(() -> ProductQueries.notFound(reference));
        List<VariantRow> existing = variants.listFor(tenant, List.of(product.id()));
        if (existing.size() >= MAX_VARIANTS) {
            throw ApplicationException.invalidField("variants", "too_many", "a product has at most " + MAX_VARIANTS + " variants");
        }
        Instant now = clock.instant();
        VariantRow variant = newVariant("", product.id(), product.optionNames(), input,
                input.position() != null ? input.position() : existing.size(), product.currency(), now);
        try {
            variants.insert(tenant, variant);
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        touch(tenant, product, expectedVersion, now);
        stockFlags.refresh(tenant, List.of(product.id()));
        audit.record("product.variant_created", "variant", variant.id(), Map.of(), variantFields(variant));
        events.publishEvent(new ProductEvent.ProductUpdated(tenant, product.id(), product.handle(), now));
        return reload(tenant, product.id());
    }

    @Transactional
    public ProductDetails updateVariant(String reference, UUID variantId, VariantInput input, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ProductRow product = reads.find(tenant, reference).orElseThrow(() -> ProductQueries.notFound(reference));
        VariantRow before = variants.find(tenant, product.id(), variantId).orElseThrow(ProductService::variantNotFound);
        List<String> optionValues = input.optionValues() != null
                ? optionValues("option_values", product.optionNames(), input.optionValues()) : before.optionValues();
        Money price = input.price() != null ? Money.price("price", input.price().amount(), input.price().currency(), product.currency())
                : new Money(before.priceAmount(), before.currency());
        VariantRow after = new VariantRow(before.id(), before.productId(), before.createdAt(), before.updatedAt(), optionValues,
                input.sku() != null ? optional("sku", input.sku(), 100) : before.sku(),
                input.barcode() != null ? optional("barcode", input.barcode(), 100) : before.barcode(),
                price.amount(), input.compareAtPrice() != null ? compareAt(input.compareAtPrice(), product.currency())
                        : before.compareAtAmount(), before.currency(),
                input.weightGrams() != null ? weight(input.weightGrams()) : before.weightGrams(),
                input.trackInventory() != null ? input.trackInventory() : before.trackInventory(),
                input.position() != null ? position(input.position()) : before.position());
        Instant now = clock.instant();
        try {
            variants.update(tenant, after, now);
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        touch(tenant, product, expectedVersion, now);
        stockFlags.refresh(tenant, List.of(product.id()));
        audit.record("product.variant_updated", "variant", variantId, variantFields(before), variantFields(after));
        events.publishEvent(new ProductEvent.ProductUpdated(tenant, product.id(), product.handle(), now));
        return reload(tenant, product.id());
    }

    @Transactional
    public ProductDetails deleteVariant(String reference, UUID variantId, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ProductRow product = reads.find(tenant, reference).orElseThrow(() -> ProductQueries.notFound(reference));
        VariantRow variant = variants.find(tenant, product.id(), variantId).orElseThrow(ProductService::variantNotFound);
        Instant now = clock.instant();
        variants.delete(tenant, variantId);
        // The version check (a row lock on the product) serialises concurrent deletes of its last two variants.
        touch(tenant, product, expectedVersion, now);
        if (variants.count(tenant, product.id()) == 0) {
            throw new ApplicationException(CatalogErrorCode.LAST_VARIANT,
                    "A product needs at least one variant; add another first, or delete the product");
        }
        stockFlags.refresh(tenant, List.of(product.id()));
        audit.record("product.variant_deleted", "variant", variantId, variantFields(variant), Map.of());
        events.publishEvent(new ProductEvent.ProductUpdated(tenant, product.id(), product.handle(), now));
        return reload(tenant, product.id());
    }

    /** The category named by {@code reference} (an id; empty for none), or {@code current} when absent. */
    private @Nullable UUID category(UUID tenant, @Nullable String reference, @Nullable UUID current) {
        if (reference == null) {
            return current;
        }
        if (reference.isBlank()) {
            return null;
        }
        return categories.resolve("category_id", reference.strip());
    }

    private ProductDetails reload(UUID tenant, UUID id) {
        return reads.assemble(tenant, List.of(products.find(tenant, id).orElseThrow())).getFirst();
    }

    /**
     * A new version for the product (its ETag) and its lowest price again, if it still has {@code expectedVersion};
     * 412 otherwise (rolling back the change made before it).
     */
    private void touch(UUID tenant, ProductRow product, @Nullable Long expectedVersion, Instant now) {
        if (!products.touch(tenant, product.id(), expectedVersion != null ? expectedVersion : product.version(), now)) {
            throw stale();
        }
    }

    private VariantRow newVariant(String path, UUID productId, List<String> optionNames, VariantInput input, int position,
                                  String currency, Instant now) {
        String prefix = path.isEmpty() ? "" : path + ".";
        if (input.price() == null) {
            throw ApplicationException.invalidField(prefix + "price", "required", "is required");
        }
        Money price = Money.price(prefix + "price", input.price().amount(), input.price().currency(), currency);
        return new VariantRow(Ids.newId(), productId, now, now,
                optionValues(prefix + "option_values", optionNames, input.optionValues() == null ? List.of() : input.optionValues()),
                optional(prefix + "sku", input.sku(), 100), optional(prefix + "barcode", input.barcode(), 100),
                price.amount(), input.compareAtPrice() == null ? null : compareAt(input.compareAtPrice(), currency), currency,
                input.weightGrams() == null ? null : weight(input.weightGrams()),
                input.trackInventory() == null || input.trackInventory(), position(position));
    }

    private static List<String> optionNames(@Nullable List<String> names) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > 3) {
            throw ApplicationException.invalidField("option_names", "too_many", "a product has at most 3 options");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String name : names) {
            if (!distinct.add(Text.line("option_names", name, 60).toLowerCase(Locale.ROOT))) {
                throw ApplicationException.invalidField("option_names", "duplicate", "option names must differ");
            }
        }
        return names.stream().map(String::strip).toList();
    }

    private static List<String> optionValues(String field, List<String> optionNames, List<String> values) {
        if (values.size() != optionNames.size()) {
            throw ApplicationException.invalidField(field, "option_count_mismatch", optionNames.isEmpty()
                    ? "must be empty: the product has no options"
                    : "needs one value for each option (" + String.join(", ", optionNames) + ")");
        }
        return values.stream().map(value -> Text.line(field, value, 100)).toList();
    }

    private static void assertDistinctOptions(List<VariantRow> rows) {
        Set<List<String>> seen = new HashSet<>();
        for (VariantRow row : rows) {
            if (!seen.add(row.optionValues())) {
                throw new ApplicationException(CatalogErrorCode.OPTIONS_TAKEN,
                        "Two variants have the same option values " + row.optionValues());
            }
        }
    }

    /** Optional text: absent or an empty string is none. */
    private static @Nullable String optional(String field, @Nullable String value, int max) {
        return value == null || value.isBlank() ? null : Text.line(field, value, max);
    }


    private static String status(@Nullable String status, String fallback) {
        String value = status == null ? fallback : status.strip().toLowerCase(Locale.ROOT);
        if (!ProductQueries.STATUSES.contains(value)) {
            throw ApplicationException.invalidField("status", "unknown_status", "must be draft, active or archived");
        }
        return value;
    }

    private static List<String> tags(@Nullable List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > 250) {
            throw ApplicationException.invalidField("tags", "too_many", "a product has at most 250 tags");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String tag : tags) {
            distinct.add(Text.line("tags", tag, 60).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(distinct);
    }

    private static Long compareAt(Money money, String currency) {
        return Money.price("compare_at_price", money.amount(), money.currency(), currency).amount();
    }

    private static Integer weight(int grams) {
        if (grams < 0) {
            throw ApplicationException.invalidField("weight_grams", "must_not_be_negative", "must be 0 or more");
        }
        return grams;
    }

    private static int position(int position) {
        if (position < 0) {
            throw ApplicationException.invalidField("position", "must_not_be_negative", "must be 0 or more");
        }
        return position;
    }

    private static List<MediaRow> mediaRows(UUID productId, List<MediaInput> inputs, Set<UUID> variantIds) {
        if (inputs.size() > MAX_MEDIA) {
            throw ApplicationException.invalidField("media", "too_many", "a product has at most " + MAX_MEDIA + " media");
        }
        List<MediaRow> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            MediaInput input = inputs.get(i);
            String field = "media[" + i + "]";
            URI uri;
            try {
                uri = URI.create(input.url().strip());
            } catch (IllegalArgumentException e) {
                throw ApplicationException.invalidField(field + ".url", "invalid_url", "is not a URL");
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getUserInfo() != null || uri.toString().length() > 2000) {
                throw ApplicationException.invalidField(field + ".url", "invalid_url",
                        "must be an http(s) URL with a host and no credentials, at most 2,000 characters");
            }
            if (input.variantId() != null && !variantIds.contains(input.variantId())) {
                throw ApplicationException.invalidField(field + ".variant_id", "unknown_variant", "is not a variant of this product");
            }
            rows.add(new MediaRow(Ids.newId(), productId, input.variantId(), uri.toString(),
                    input.alt() == null || input.alt().isBlank() ? null : Text.line(field + ".alt", input.alt(), 500), i));
        }
        return rows;
    }

    private static ApplicationException duplicate(DuplicateKeyException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("product_variants_sku_key")) {
            return new ApplicationException(CatalogErrorCode.SKU_TAKEN, "Another variant in this shop has this SKU");
        }
        if (message.contains("option_values")) {
            return new ApplicationException(CatalogErrorCode.OPTIONS_TAKEN, "Another variant of this product has these option values");
        }
        return new ApplicationException(CatalogErrorCode.HANDLE_TAKEN, "Another product in this shop has this handle");
    }

    private static ApplicationException stale() {
        return new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED,
                "The product has changed since you read it (If-Match does not match its ETag); read it again");
    }

    private static ApplicationException variantNotFound() {
        return new ApplicationException(CatalogErrorCode.VARIANT_NOT_FOUND, "No such variant of this product");
    }

    private static Map<String, Object> auditFields(ProductRow product) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("handle", product.handle());
        fields.put("title", product.title());
        fields.put("status", product.status());
        fields.put("vendor", product.vendor());
        fields.put("product_type", product.productType());
        fields.put("tags", product.tags());
        fields.put("option_names", product.optionNames());
        fields.put("attributes", product.attributes());
        fields.put("category_id", product.categoryId());
        return fields;
    }

    private static Map<String, Object> variantFields(VariantRow variant) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sku", variant.sku());
        fields.put("option_values", variant.optionValues());
        fields.put("price", variant.priceAmount());
        fields.put("compare_at_price", variant.compareAtAmount());
        fields.put("track_inventory", variant.trackInventory());
        return fields;
    }
}
