package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.domain.MediaRepository;
import dev.bazaar.catalog.domain.MediaRepository.MediaRow;
import dev.bazaar.catalog.domain.ProductRepository;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.catalog.domain.AttributeRepository;
import dev.bazaar.catalog.domain.AttributeRepository.AttributeRow;
import dev.bazaar.catalog.domain.ProductRepository.AttributeFilter;
import dev.bazaar.catalog.domain.ProductRepository.CollectionFilter;
import dev.bazaar.catalog.domain.ProductRepository.FacetValue;
import dev.bazaar.catalog.domain.ProductRepository.Filter;
import dev.bazaar.catalog.domain.ProductRepository.ProductRow;
import dev.bazaar.catalog.domain.ProductRepository.Sort;
import dev.bazaar.catalog.domain.VariantRepository;
import dev.bazaar.catalog.domain.VariantRepository.VariantRow;
import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.Paged;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import dev.bazaar.platform.ETags;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Product reads for storefronts and staff. Callers whose role or key holds {@code products:read} see every status;
 * everyone else (the public, customers) sees active products only, and a draft is as unknown to them as a product
 * that does not exist. A page costs four queries whatever its size: products, their variants, their stock, their media.
 */
@Service
public class ProductQueries {

    static final Set<String> STATUSES = Set.of("draft", "active", "archived");

    private final ProductRepository products;
    private final VariantRepository variants;
    private final MediaRepository media;
    private final InventoryQueries inventory;
    private final CategoryQueries categories;
    private final CollectionQueries collections;
    private final AttributeRepository attributes;
    private final CatalogCache cache;
    private final JsonMapper json;
    private final TransactionTemplate readOnly;

    ProductQueries(ProductRepository products, VariantRepository variants, MediaRepository media, InventoryQueries inventory,
                   CategoryQueries categories, CollectionQueries collections, AttributeRepository attributes,
                   CatalogCache cache, JsonMapper json, PlatformTransactionManager transactions) {
        this.cache = cache;
        this.json = json;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.products = products;
        this.variants = variants;
        this.media = media;
        this.inventory = inventory;
        this.categories = categories;
        this.collections = collections;
        this.attributes = attributes;
    }

    static final Set<String> FACETS = Set.of("vendor", "product_type", "tag", "price", "category");
    private static final int MAX_ATTRIBUTE_VALUES = 50;
    private static final Pattern RANGE = Pattern.compile("(-?[0-9.]*)\\.\\.(-?[0-9.]*)");
    private static final Pattern TERM_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * A list request's filters, search, facets and order as the client sent them (validated here). {@code attributes}:
     * attribute handle → accepted values (any of them; for a number attribute also a range {@code min..max}).
     */
    public record ListQuery(@Nullable List<String> statuses, @Nullable String tag, @Nullable String vendor,
                            @Nullable String productType, @Nullable Long priceMin, @Nullable Long priceMax,
                            @Nullable String q, @Nullable List<String> facets, @Nullable String sort,
                            @Nullable String category, @Nullable String collection, Map<String, List<String>> attributes,
                            @Nullable Boolean inStock) {}

    /** A page of products, with the counts per facet value of the whole filtered set when facets were asked for. */
    public record ProductPage(List<ProductDetails> data, boolean hasMore, @Nullable String nextCursor,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, List<FacetValue>> facets)
            implements Paged {}

    /**
     * A page of products, rendered, with a weak tag over what it shows; what the public sees comes from the
     * {@link CatalogCache} when it has it.
     */
    public Rendered list(ListQuery query, PageRequest page) {
        UUID tenant = TenantContext.requireTenantId();
        Supplier<String> load = () -> {
            ProductPage loaded = readOnly.execute(status -> load(tenant, query, page));
            return new Rendered(listTag(loaded), json.writeValueAsString(loaded)).encode();
        };
        // The query as JSON: an unambiguous key (a value "red, blue" is not the two values red and blue).
        String key = "products|" + json.writeValueAsString(query) + "|" + page.limit() + "|" + page.after();
        return Rendered.decode(publicView() ? cache.read(tenant, key, load) : load.get());
    }

    /** A weak tag over what the page shows: its products' versions and content, where it ends, its facets. */
    private static String listTag(ProductPage page) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ProductDetails product : page.data()) {
                digest.update((product.id() + ":" + product.version() + ":" + product.contentTag() + ";")
                        .getBytes(StandardCharsets.UTF_8));
            }
            digest.update(String.valueOf(page.nextCursor()).getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(page.facets()).getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProductPage load(UUID tenant, ListQuery query, PageRequest page) {
        String[] search = search(query.q());
        CollectionFilter collection = query.collection() == null || query.collection().isBlank() ? null
                : collections.filter(tenant, "collection", query.collection().strip());
        Sort sort = sort(query.sort(), search != null, collection);
        Map<String, AttributeRow> defined = new LinkedHashMap<>();
        if (!query.attributes().isEmpty() || query.facets() != null && query.facets().stream().anyMatch(f -> f.contains("attribute"))) {
            attributes.list(tenant).stream().filter(AttributeRow::filterable).forEach(row -> defined.put(row.handle(), row));
        }
        Filter filter = new Filter(statuses(query.statuses()), blankToNull(query.tag()), blankToNull(query.vendor()),
                blankToNull(query.productType()), amount("price_min", query.priceMin()), amount("price_max", query.priceMax()),
                search == null ? null : search[0], search == null ? null : search[1],
                query.category() == null || query.category().isBlank() ? null
                        : categories.resolve("category", query.category().strip()),
                collection, attributeFilters(defined, query.attributes()), query.inStock());
        Page<ProductRow> paged;
        Set<String> facetNames = facetNames(query.facets(), defined);
        Map<String, List<FacetValue>> facets = null;
        if (sort.byPosition()) {
            // Relevance is a float: pages go by position ("@40") instead of by keyset.
            long offset = offset(page);
            List<ProductRow> rows;
            if (sort == Sort.BEST_MATCH && facetNames != null && !facetNames.isEmpty()) {
                // A search with facets finds its matches once for both.
                ProductRepository.Matches matches = products.matches(tenant, filter, facetNames, offset, page.fetchSize());
                facets = matches.facets();
                rows = products.findAll(tenant, matches.page());
            } else {
                rows = products.list(tenant, filter, sort, null, offset, page.fetchSize());
            }
            boolean more = rows.size() > page.limit();
            List<ProductRow> data = more ? rows.subList(0, page.limit()) : rows;
            paged = new Page<>(data, more, more ? encode("@" + (offset + page.limit())) : null);
        } else {
            List<ProductRow> rows = products.list(tenant, filter, sort, cursor(page, sort), 0, page.fetchSize());
            paged = page.page(rows, row -> sort.cursorValue(row) + "|" + row.id());
        }
        if (facets == null && facetNames != null) {
            facets = facetNames.isEmpty() ? Map.of() : products.facets(tenant, filter, facetNames);
        }
        return new ProductPage(assemble(tenant, paged.data()), paged.hasMore(), paged.nextCursor(), facets);
    }

    /**
     * The facets asked for (null for none), validated: the fixed ones, {@code attribute.<handle>} for one filterable
     * attribute, {@code attributes} for all of them.
     */
    private static @Nullable Set<String> facetNames(@Nullable List<String> requested, Map<String, AttributeRow> defined) {
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : requested.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).toList()) {
            if (name.equals("attributes")) {
                defined.keySet().forEach(handle -> names.add("attribute." + handle));
            } else if (FACETS.contains(name) || name.startsWith("attribute.") && defined.containsKey(name.substring(10))) {
                names.add(name);
            } else {
                throw ApplicationException.invalidField("facets", "unknown_facet", "must be among vendor, product_type, tag, "
                        + "price, category, attributes and attribute.<handle> of a filterable attribute");
            }
        }
        return names;
    }

    private static List<AttributeFilter> attributeFilters(Map<String, AttributeRow> defined, Map<String, List<String>> requested) {
        List<AttributeFilter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : requested.entrySet()) {
            String field = "attr." + entry.getKey();
            AttributeRow attribute = defined.get(entry.getKey());
            if (attribute == null) {
                throw ApplicationException.invalidField(field, "unknown_attribute", "is not a filterable attribute of this shop");
            }
            if (entry.getValue().size() > MAX_ATTRIBUTE_VALUES) {
                throw ApplicationException.invalidField(field, "too_many", "takes at most " + MAX_ATTRIBUTE_VALUES + " values");
            }
            List<Object> values = new ArrayList<>();
            java.math.BigDecimal min = null;
            java.math.BigDecimal max = null;
            for (String raw : entry.getValue()) {
                String value = raw.strip();
                java.util.regex.Matcher range = RANGE.matcher(value);
                if (attribute.type().equals("number") && range.matches()) {
                    if (range.group(1).isEmpty() && range.group(2).isEmpty()) {
                        throw ApplicationException.invalidField(field, "invalid_range", "a range needs at least one end: min..max");
                    }
                    min = range.group(1).isEmpty() ? null : CatalogNumbers.parse(field, range.group(1));
                    max = range.group(2).isEmpty() ? null : CatalogNumbers.parse(field, range.group(2));
                    continue;
                }
                values.add(switch (attribute.type()) {
                    case "number" -> CatalogNumbers.json(CatalogNumbers.parse(field, value));
                    case "boolean" -> {
                        if (!value.equals("true") && !value.equals("false")) {
                            throw ApplicationException.invalidField(field, "invalid_type", "must be true or false");
                        }
                        yield Boolean.parseBoolean(value);
                    }
                    default -> value;
                });
            }
            filters.add(new AttributeFilter(attribute.handle(), values, min, max));
        }
        return filters;
    }



    /** {@code q} as prefix terms for full text and as typed for trigrams; null when it has no letters or digits. */
    private static String @Nullable [] search(@Nullable String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > 200) {
            throw ApplicationException.invalidField("q", "too_long", "must be at most 200 characters");
        }
        List<String> terms = TERM_SEPARATORS.splitAsStream(q.toLowerCase(Locale.ROOT)).filter(term -> !term.isEmpty())
                .limit(10).map(term -> term.length() > 50 ? term.substring(0, 50) : term).toList();
        if (terms.isEmpty()) {
            return null;
        }
        return new String[] {String.join(" & ", terms.stream().map(term -> term + ":*").toList()), q.strip()};
    }

    private static long offset(PageRequest page) {
        if (page.after() == null) {
            return 0;
        }
        try {
            long offset = page.after().startsWith("@") ? Long.parseLong(page.after().substring(1)) : -1;
            if (offset >= 0 && offset <= 10_000) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApplicationException.invalidField("after", "invalid_cursor", "is not a cursor returned by this list");
    }

    private static String encode(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * By id or handle; 404 {@code product_not_found} for an unknown product or one the caller may not see. What the
     * public sees comes from the {@link CatalogCache} when it has it.
     */
    public Rendered get(String reference) {
        UUID tenant = TenantContext.requireTenantId();
        Supplier<String> load = () -> {
            ProductDetails details = readOnly.execute(status -> find(tenant, reference)
                    .filter(row -> seesAllStatuses() || "active".equals(row.status()))
                    .map(row -> assemble(tenant, List.of(row)).getFirst())
                    .orElseThrow(() -> notFound(reference)));
            return new Rendered(ETags.of(details.version(), details.contentTag()), json.writeValueAsString(details)).encode();
        };
        return Rendered.decode(publicView() ? cache.read(tenant, "product|" + reference, load) : load.get());
    }

    /** The view of callers who see only active products and no stock quantities: the same for all of them. */
    private static boolean publicView() {
        return CurrentShop.find().map(access -> !access.has(Permission.PRODUCTS_READ) && !access.has(Permission.INVENTORY_READ))
                .orElse(true);
    }

    /** The id of the product with this id or handle, whatever its status (for writers). */
    public Optional<UUID> findId(String reference) {
        UUID tenant = TenantContext.requireTenantId();
        return readOnly.execute(status -> find(tenant, reference).map(ProductRow::id));
    }

    /** The id of the product with this handle (never read as an id), whatever its status. */
    public Optional<UUID> findIdByHandle(String handle) {
        UUID tenant = TenantContext.requireTenantId();
        return readOnly.execute(status -> products.findByHandle(tenant, handle).map(ProductRow::id));
    }

    Optional<ProductRow> find(UUID tenant, String reference) {
        Optional<UUID> id = Ids.parse(reference);
        return id.isPresent() ? products.find(tenant, id.get()) : products.findByHandle(tenant, reference);
    }

    static ApplicationException notFound(String reference) {
        return new ApplicationException(CatalogErrorCode.PRODUCT_NOT_FOUND, "No such product in this shop");
    }

    /** Whether the caller sees drafts and archived products ({@code products:read}). */
    static boolean seesAllStatuses() {
        return CurrentShop.find().map(access -> access.has(Permission.PRODUCTS_READ)).orElse(false);
    }

    private static List<String> statuses(@Nullable List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return seesAllStatuses() ? List.copyOf(STATUSES) : List.of("active");
        }
        Set<String> statuses = new LinkedHashSet<>();
        for (String status : requested) {
            String value = status.strip().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(value)) {
                throw ApplicationException.invalidField("status", "unknown_status", "must be draft, active or archived");
            }
            statuses.add(value);
        }
        if (!seesAllStatuses() && !statuses.equals(Set.of("active"))) {
            throw ApplicationException.invalidField("status", "not_allowed", "only active products are listed without products:read");
        }
        return List.copyOf(statuses);
    }

    private static Sort sort(@Nullable String sort, boolean searching, @Nullable CollectionFilter collection) {
        boolean manual = collection != null && collection.manual();
        String requested = sort == null || sort.isBlank()
                ? (searching ? "best_match" : manual ? "manual" : "-created_at") : sort.strip();
        if (requested.equals("best_match") && !searching) {
            throw ApplicationException.invalidField("sort", "needs_search", "best_match needs a search (q)");
        }
        if (requested.equals("manual") && !manual) {
            throw ApplicationException.invalidField("sort", "needs_collection", "manual needs a manual collection (collection)");
        }
        return switch (requested) {
            case "best_match" -> Sort.BEST_MATCH;
            case "manual" -> Sort.MANUAL;
            case "-created_at" -> Sort.NEWEST;
            case "created_at" -> Sort.OLDEST;
            case "title" -> Sort.TITLE;
            case "-title" -> Sort.TITLE_DESC;
            case "price" -> Sort.PRICE;
            case "-price" -> Sort.PRICE_DESC;
            default -> throw ApplicationException.invalidField("sort", "unknown_sort",
                    "must be one of created_at, -created_at, title, -title, price, -price, best_match, manual");
        };
    }

    /** The cursor of a keyset page; 400 when it is not one this order made (another order's, or forged). */
    private static ProductRepository.@Nullable Cursor cursor(PageRequest page, Sort sort) {
        if (page.after() == null) {
            return null;
        }
        int bar = page.after().lastIndexOf('|');
        Optional<UUID> id = bar < 0 ? Optional.empty() : Ids.parse(page.after().substring(bar + 1));
        boolean numeric = sort != Sort.TITLE && sort != Sort.TITLE_DESC;
        if (id.isEmpty() || numeric && !page.after().substring(0, bar).matches("-?[0-9]{1,19}")) {
            throw ApplicationException.invalidField("after", "invalid_cursor", "is not a cursor returned by this list");
        }
        return new ProductRepository.Cursor(page.after().substring(0, bar), id.get());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable Long amount(String field, @Nullable Long value) {
        if (value != null && value < 0) {
            throw ApplicationException.invalidField(field, "must_not_be_negative", "must be 0 or more (minor units)");
        }
        return value;
    }

    /**
     * Products with their variants, stock, media and category paths, in the products' order; five queries at most for
     * any number of products.
     */
    List<ProductDetails> assemble(UUID tenant, List<ProductRow> rows) {
        return assemble(tenant, rows, CurrentShop.find().map(access -> access.has(Permission.INVENTORY_READ)).orElse(false));
    }

    /**
     * The products as staff with {@code products:read} and {@code inventory:read} see them, whatever the caller, as
     * JSON by id (five queries per 200 products): the frozen payloads of events, read in the transaction that changed
     * them. Products that do not exist are absent.
     */
    public Map<UUID, String> staffViews(Collection<UUID> productIds) {
        UUID tenant = TenantContext.requireTenantId();
        Map<UUID, String> views = new LinkedHashMap<>();
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(productIds));
        for (int from = 0; from < ids.size(); from += 200) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
            readOnly.executeWithoutResult(status -> {
                for (ProductDetails details : assemble(tenant, products.findAll(tenant, chunk), true)) {
                    views.put(details.id(), json.writeValueAsString(details));
                }
            });
        }
        return views;
    }

    private List<ProductDetails> assemble(UUID tenant, List<ProductRow> rows, boolean quantities) {
        List<UUID> ids = rows.stream().map(ProductRow::id).toList();
        Map<UUID, List<VariantRow>> variantsByProduct = new LinkedHashMap<>();
        List<VariantRow> allVariants = variants.listFor(tenant, ids);
        for (VariantRow variant : allVariants) {
            variantsByProduct.computeIfAbsent(variant.productId(), id -> new ArrayList<>()).add(variant);
        }
        Map<UUID, Long> available = inventory.available(allVariants.stream().filter(VariantRow::trackInventory)
                .map(VariantRow::id).toList());
        Map<UUID, List<MediaRow>> mediaByProduct = new LinkedHashMap<>();
        for (MediaRow slot : media.listFor(tenant, ids)) {
            mediaByProduct.computeIfAbsent(slot.productId(), id -> new ArrayList<>()).add(slot);
        }
        Map<UUID, List<CategoryQueries.CategoryRef>> paths = categories.paths(tenant,
                rows.stream().map(ProductRow::categoryId).filter(java.util.Objects::nonNull).distinct().toList());
        return rows.stream().map(row -> details(row, variantsByProduct.getOrDefault(row.id(), List.of()),
                mediaByProduct.getOrDefault(row.id(), List.of()), available, quantities,
                row.categoryId() == null ? null : paths.get(row.categoryId()))).toList();
    }

    private static ProductDetails details(ProductRow product, List<VariantRow> variants, List<MediaRow> media,
                                          Map<UUID, Long> available, boolean quantities,
                                          @Nullable List<CategoryQueries.CategoryRef> path) {
        List<ProductDetails.Option> options = new ArrayList<>();
        for (int i = 0; i < product.optionNames().size(); i++) {
            Set<String> values = new LinkedHashSet<>();
            for (VariantRow variant : variants) {
                if (i < variant.optionValues().size()) {
                    values.add(variant.optionValues().get(i));
                }
            }
            options.add(new ProductDetails.Option(product.optionNames().get(i), List.copyOf(values)));
        }
        long min = variants.stream().mapToLong(VariantRow::priceAmount).min().orElse(0);
        long max = variants.stream().mapToLong(VariantRow::priceAmount).max().orElse(0);
        return new ProductDetails(product.id(), product.handle(), product.title(), product.descriptionHtml(), product.status(),
                product.vendor(), product.productType(), product.tags(), product.attributes(),
                path == null || path.isEmpty() ? null : new ProductDetails.Category(path.getLast().id(),
                        path.getLast().handle(), path.getLast().name(), path),
                new ProductDetails.Seo(product.seoTitle(), product.seoDescription()), options,
                new ProductDetails.PriceRange(new Money(min, product.currency()), new Money(max, product.currency())),
                variants.stream().map(variant -> variant(variant, available, quantities)).toList(),
                media.stream().map(slot -> new ProductDetails.Media(slot.id(), slot.url(), slot.alt(), slot.position(),
                        slot.variantId())).toList(),
                product.createdAt(), product.updatedAt(), product.version());
    }

    private static ProductDetails.Variant variant(VariantRow variant, Map<UUID, Long> available, boolean quantities) {
        String title = variant.optionValues().isEmpty() ? "Default" : String.join(" / ", variant.optionValues());
        long units = available.getOrDefault(variant.id(), 0L);
        return new ProductDetails.Variant(variant.id(), title, variant.optionValues(), variant.sku(), variant.barcode(),
                new Money(variant.priceAmount(), variant.currency()),
                variant.compareAtAmount() == null ? null : new Money(variant.compareAtAmount(), variant.currency()),
                variant.weightGrams(), variant.trackInventory(), variant.position(), !variant.trackInventory() || units > 0,
                quantities && variant.trackInventory() ? units : null);
    }
}
