package dev.bazaar.catalog.web;

import dev.bazaar.catalog.application.ProductBulkService;
import dev.bazaar.catalog.application.ProductDetails;
import dev.bazaar.catalog.application.ProductQueries;
import dev.bazaar.catalog.application.ProductService;
import dev.bazaar.catalog.application.Rendered;
import dev.bazaar.catalog.application.ProductService.MediaInput;
import dev.bazaar.catalog.application.ProductService.VariantInput;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.PublicShopAccess;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** Products and their variants: storefront reads (anonymous allowed) and staff writes. */
@RestController
@Tag(name = "Catalog", description = "Products with variants and media")
class ProductController {

    private final ProductService products;
    private final ProductQueries reads;
    private final ProductBulkService bulk;

    ProductController(ProductService products, ProductQueries reads, ProductBulkService bulk) {
        this.products = products;
        this.reads = reads;
        this.bulk = bulk;
    }

    record VariantRequest(@Nullable @Size(max = 3) List<@NotNull String> optionValues, @Nullable String sku,
                          @Nullable String barcode, @Nullable @Valid MoneyRequest price,
                          @Nullable @Valid MoneyRequest compareAtPrice, @Nullable Integer weightGrams,
                          @Nullable Boolean trackInventory, @Nullable Integer position) {
        VariantInput input() {
            return new VariantInput(optionValues, sku, barcode, price == null ? null : price.money(),
                    compareAtPrice == null ? null : compareAtPrice.money(), weightGrams, trackInventory, position);
        }
    }

    record MoneyRequest(@NotNull Long amount, @NotBlank @Size(max = 3) String currency) {
        Money money() {
            return new Money(amount, currency);
        }
    }

    record MediaRequest(@NotBlank String url, @Nullable String alt, @Nullable UUID variantId) {
        MediaInput input() {
            return new MediaInput(url, alt, variantId);
        }
    }

    record CreateProductRequest(@NotBlank @Size(max = 255) String title, @Nullable @Size(max = 120) String handle,
                                @Nullable @Size(max = 200_000) String descriptionHtml, @Nullable String status,
                                @Nullable String vendor, @Nullable String productType,
                                @Nullable @Size(max = 250) List<@NotNull String> tags, @Nullable String seoTitle,
                                @Nullable String seoDescription, @Nullable @Size(max = 3) List<@NotNull String> optionNames,
                                @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid VariantRequest> variants,
                                @Nullable @Size(max = 50) List<@NotNull @Valid MediaRequest> media,
                                @Nullable @Size(max = 200) Map<String, @Nullable Object> attributes,
                                @Nullable String categoryId) {

        ProductService.CreateProduct command() {
            return new ProductService.CreateProduct(title, handle, descriptionHtml, status, vendor, productType, tags,
                    seoTitle, seoDescription, optionNames, variants.stream().map(VariantRequest::input).toList(),
                    media == null ? null : media.stream().map(MediaRequest::input).toList(), attributes, categoryId);
        }
    }

    record UpdateProductRequest(@Nullable @Size(max = 255) String title, @Nullable @Size(max = 120) String handle,
                                @Nullable @Size(max = 200_000) String descriptionHtml, @Nullable String status,
                                @Nullable String vendor, @Nullable String productType,
                                @Nullable @Size(max = 250) List<@NotNull String> tags, @Nullable String seoTitle,
                                @Nullable String seoDescription, @Nullable @Size(max = 3) List<@NotNull String> optionNames,
                                @Nullable @Size(max = 50) List<@NotNull @Valid MediaRequest> media,
                                @Nullable @Size(max = 200) Map<String, @Nullable Object> attributes,
                                @Nullable String categoryId) {

        ProductService.UpdateProduct command() {
            return new ProductService.UpdateProduct(title, handle, descriptionHtml, status, vendor, productType, tags,
                    seoTitle, seoDescription, optionNames,
                    media == null ? null : media.stream().map(MediaRequest::input).toList(), attributes, categoryId);
        }
    }

    record BulkProductRequest(@Nullable UUID id, @Nullable @Size(max = 255) String title, @Nullable @Size(max = 120) String handle,
                              @Nullable @Size(max = 200_000) String descriptionHtml, @Nullable String status,
                              @Nullable String vendor, @Nullable String productType,
                              @Nullable @Size(max = 250) List<@NotNull String> tags, @Nullable String seoTitle,
                              @Nullable String seoDescription, @Nullable @Size(max = 3) List<@NotNull String> optionNames,
                              @Nullable @Size(min = 1, max = 100) List<@NotNull @Valid VariantRequest> variants,
                              @Nullable @Size(max = 50) List<@NotNull @Valid MediaRequest> media,
                              @Nullable @Size(max = 200) Map<String, @Nullable Object> attributes,
                              @Nullable String categoryId) {

        ProductBulkService.BulkItem item() {
            List<ProductService.MediaInput> mediaInputs = media == null ? null : media.stream().map(MediaRequest::input).toList();
            ProductService.CreateProduct create = title == null || variants == null ? null
                    : new ProductService.CreateProduct(title, handle, descriptionHtml, status, vendor, productType, tags,
                    seoTitle, seoDescription, optionNames, variants.stream().map(VariantRequest::input).toList(), mediaInputs,
                    attributes, categoryId);
            return new ProductBulkService.BulkItem(id, new ProductService.UpdateProduct(title, handle, descriptionHtml,
                    status, vendor, productType, tags, seoTitle, seoDescription, optionNames, mediaInputs, attributes,
                    categoryId), create, variants != null);
        }
    }

    record BulkRequest(@NotNull @Size(min = 1, max = ProductBulkService.MAX_ITEMS) List<@NotNull @Valid BulkProductRequest> products) {}

    @PostMapping("/api/v1/shops/{shop}/products/bulk")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Create and update products in bulk", description = "Up to 100 `products`, each applied on its "
            + "own and in order (not all-or-nothing): an item with an `id`, or with the `handle` of an existing product, "
            + "updates it (absent fields stay; `variants` are refused on an update); any other item creates a product "
            + "(`title` and `variants` needed). The answer is 200 with one result per item: `created` or `updated` with "
            + "the product, or `failed` with its problem (status, code, detail, field errors), and the counts. A "
            + "malformed request (bad JSON, a field of the wrong shape) is 400 and writes nothing. Send an "
            + "`Idempotency-Key` to retry safely.")
    ResponseEntity<ProductBulkService.BulkOutcome> bulk(@PathVariable String shop, @Valid @RequestBody BulkRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(bulk.apply(request.products().stream().map(BulkProductRequest::item).toList()));
    }

    @GetMapping("/api/v1/shops/{shop}/products")
    @PublicShopAccess
    @Operation(summary = "List and search products", description = "Storefront and staff list. Without `products:read` "
            + "only active products are listed. Filters: `status` (staff), `tag`, `vendor`, `product_type`, "
            + "`price_min`/`price_max` (minor units; any variant in range), `category` (id or handle; its subcategories "
            + "included), `collection` (id or handle), `in_stock` (true: some variant can be sold), and "
            + "`attr.<handle>=<value>` per filterable attribute (repeat for any of several values; a number attribute "
            + "also takes a range `min..max`, either end open). `q`: full-text search (title weighs most, then "
            + "tags, vendor and type, then the description; words match by prefix, accents do not matter, and titles "
            + "match despite small typos). `facets=vendor,product_type,tag,price,category,attributes` (or "
            + "`attribute.<handle>`): counts for the whole filtered set. `sort`: `-created_at` (default), `created_at`, "
            + "`title`, `-title`, `price`, `-price`, `best_match` (the default with `q`), `manual` (a manual collection's "
            + "order; its default). Cursor pagination. A weak ETag answers `If-None-Match` with 304.")
    ResponseEntity<ProductQueries.ProductPage> list(@PathVariable String shop,
                                              @RequestParam(required = false) @Nullable List<String> status,
                                              @RequestParam(required = false) @Nullable String tag,
                                              @RequestParam(required = false) @Nullable String vendor,
                                              @RequestParam(name = "product_type", required = false) @Nullable String productType,
                                              @RequestParam(name = "price_min", required = false) @Nullable Long priceMin,
                                              @RequestParam(name = "price_max", required = false) @Nullable Long priceMax,
                                              @RequestParam(required = false) @Nullable String q,
                                              @RequestParam(required = false) @Nullable List<String> facets,
                                              @RequestParam(required = false) @Nullable String sort,
                                              @RequestParam(required = false) @Nullable String category,
                                              @RequestParam(required = false) @Nullable String collection,
                                              @RequestParam(name = "in_stock", required = false) @Nullable Boolean inStock,
                                              @RequestParam(required = false) @Nullable Integer limit,
                                              @RequestParam(required = false) @Nullable String after,
                                              @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
                                              WebRequest request) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (name.startsWith("attr.")) {
                attributes.put(name.substring("attr.".length()), values);
            }
        });
        Rendered page = reads.list(new ProductQueries.ListQuery(status, tag, vendor, productType, priceMin,
                priceMax, q, facets, sort, category, collection, attributes, inStock), PageRequest.of(limit, after));
        return rendered(page, request);
    }

    @GetMapping("/api/v1/shops/{shop}/products/{product}")
    @PublicShopAccess
    @Operation(summary = "Read a product", description = "By id or handle, with its variants, options and media. Drafts "
            + "and archived products only with `products:read` (404 otherwise). `If-None-Match` with the ETag answers 304.")
    ResponseEntity<ProductDetails> get(@PathVariable String shop, @PathVariable String product, WebRequest request) {
        return rendered(reads.get(product), request);
    }

    @PostMapping("/api/v1/shops/{shop}/products")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Create a product", description = "With 1 to 100 variants (each with a `price` in the shop's "
            + "currency and one value per option name). The handle is made from the title when absent. The status "
            + "defaults to `draft`. `description_html` is sanitised. 403 `plan_limit_reached` beyond the plan's products.")
    ResponseEntity<ProductDetails> create(@PathVariable String shop, @Valid @RequestBody CreateProductRequest request) {
        ProductDetails product = products.create(request.command());
        return ResponseEntity.created(location(product)).cacheControl(CacheControl.noStore()).eTag(ETags.of(product.version()))
                .body(product);
    }

    @PatchMapping("/api/v1/shops/{shop}/products/{product}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Change a product", description = "Fields left out stay; an empty string clears an optional "
            + "text field; `media` replaces the list. Option names can be renamed, not added or removed. 412 on a stale If-Match.")
    ResponseEntity<ProductDetails> update(@PathVariable String shop, @PathVariable String product,
                                          @Valid @RequestBody UpdateProductRequest request,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        ProductDetails details = products.update(product, request.command(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @DeleteMapping("/api/v1/shops/{shop}/products/{product}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Delete a product", description = "With its variants and media. 412 on a stale If-Match.")
    ResponseEntity<Void> delete(@PathVariable String shop, @PathVariable String product,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        products.delete(product, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/shops/{shop}/products/{product}/variants")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Add a variant", description = "Answers with the whole product and its new ETag. If-Match names the product's ETag.")
    ResponseEntity<ProductDetails> addVariant(@PathVariable String shop, @PathVariable String product,
                                              @Valid @RequestBody VariantRequest request,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        ProductDetails details = products.addVariant(product, request.input(), ETags.versionOf(ifMatch));
        return ResponseEntity.status(HttpStatus.CREATED).location(location(details)).cacheControl(CacheControl.noStore())
                .eTag(ETags.of(details.version())).body(details);
    }

    @PatchMapping("/api/v1/shops/{shop}/products/{product}/variants/{variant}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Change a variant", description = "Fields left out stay. Answers with the whole product. If-Match names the product's ETag.")
    ResponseEntity<ProductDetails> updateVariant(@PathVariable String shop, @PathVariable String product,
                                                 @PathVariable UUID variant, @Valid @RequestBody VariantRequest request,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        ProductDetails details = products.updateVariant(product, variant, request.input(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @DeleteMapping("/api/v1/shops/{shop}/products/{product}/variants/{variant}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Delete a variant", description = "The last variant cannot be deleted (422 `last_variant`).")
    ResponseEntity<Void> deleteVariant(@PathVariable String shop, @PathVariable String product, @PathVariable UUID variant,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        products.deleteVariant(product, variant, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /**
     * A rendered read as the answer: 304 when the client has it, else its JSON (declared as {@code T} for the API
     * document; the body is the rendering of a {@code T}).
     */
    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<T> rendered(Rendered rendered, WebRequest request) {
        if (request.checkNotModified(rendered.etag())) {
            return null;
        }
        return (ResponseEntity<T>) (ResponseEntity<?>) ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(StorefrontCaching.cacheControl()).varyBy(HttpHeaders.AUTHORIZATION).eTag(rendered.etag())
                .body(rendered.json());
    }

    private static URI location(ProductDetails product) {
        return URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/products/" + product.id());
    }

}
