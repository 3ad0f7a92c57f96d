package dev.bazaar.catalog.web;

import dev.bazaar.catalog.application.CollectionQueries;
import dev.bazaar.catalog.application.CollectionQueries.CollectionDetails;
import dev.bazaar.catalog.application.CollectionService;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.PublicShopAccess;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** Collections: public reads, staff writes; their products are listed by {@code GET …/products?collection=}. */
@RestController
@Tag(name = "Catalog", description = "Products with variants and media")
class CollectionController {

    private final CollectionService collections;
    private final CollectionQueries reads;

    CollectionController(CollectionService collections, CollectionQueries reads) {
        this.collections = collections;
        this.reads = reads;
    }

    record RuleRequest(@NotBlank String field, @NotBlank String relation, @NotNull @Size(max = 255) String value,
                       @Nullable String attribute) {
        CollectionService.RuleInput input() {
            return new CollectionService.RuleInput(field, relation, value, attribute);
        }
    }

    record CreateCollectionRequest(@NotBlank @Size(max = 255) String title, @Nullable @Size(max = 120) String handle,
                                   @Nullable @Size(max = 200_000) String descriptionHtml, @NotBlank String kind,
                                   @Nullable String match, @Nullable @Size(max = 20) List<@NotNull @Valid RuleRequest> rules) {}

    record UpdateCollectionRequest(@Nullable @Size(max = 255) String title, @Nullable @Size(max = 120) String handle,
                                   @Nullable @Size(max = 200_000) String descriptionHtml, @Nullable String match,
                                   @Nullable @Size(max = 20) List<@NotNull @Valid RuleRequest> rules) {}

    record CollectionProductsRequest(@NotNull @Size(max = 5_000) List<@NotNull UUID> productIds) {}

    @GetMapping("/api/v1/shops/{shop}/collections")
    @PublicShopAccess
    @Operation(summary = "List collections", description = "By handle; cursor pagination.")
    ResponseEntity<Page<CollectionQueries.CollectionSummary>> list(@PathVariable String shop,
                                                                  @RequestParam(required = false) @Nullable Integer limit,
                                                                  @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(StorefrontCaching.cacheControl()).body(reads.list(PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/collections/{collection}")
    @PublicShopAccess
    @Operation(summary = "Read a collection", description = "By id or handle; a manual collection lists its product ids in order.")
    ResponseEntity<CollectionDetails> get(@PathVariable String shop, @PathVariable String collection, WebRequest request) {
        CollectionDetails details = reads.get(collection);
        // The products too: deleting or publishing one changes the list without a new version of the collection.
        String etag = ETags.of(details.version(), Integer.toHexString(java.util.Objects.hashCode(details.productIds())));
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().cacheControl(StorefrontCaching.cacheControl()).eTag(etag).body(details);
    }

    @PostMapping("/api/v1/shops/{shop}/collections")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Create a collection", description = "`kind`: `manual` (products set by hand, in order) or "
            + "`automatic` (1 to 20 `rules`, `match` `all` (default) or `any`). A rule has a `field` (`tag`, `vendor`, "
            + "`product_type`, `title`, `price` in minor units of any variant, `attribute` with the attribute's handle in "
            + "`attribute`), a `relation` (`equals`, `not_equals`; `contains`, `starts_with` for text fields; "
            + "`greater_than`, `less_than` for price and number attributes) and a `value`. Text compares ignoring case.")
    ResponseEntity<CollectionDetails> create(@PathVariable String shop, @Valid @RequestBody CreateCollectionRequest request) {
        CollectionDetails details = collections.create(new CollectionService.CreateCollection(request.title(),
                request.handle(), request.descriptionHtml(), request.kind(), request.match(),
                request.rules() == null ? null : request.rules().stream().map(RuleRequest::input).toList()));
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/collections/"
                + details.id())).cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @PatchMapping("/api/v1/shops/{shop}/collections/{collection}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Change a collection", description = "`rules` replaces the rules of an automatic collection. "
            + "The kind cannot change. 412 on a stale If-Match.")
    ResponseEntity<CollectionDetails> update(@PathVariable String shop, @PathVariable String collection,
                                             @Valid @RequestBody UpdateCollectionRequest request,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        CollectionDetails details = collections.update(collection, new CollectionService.UpdateCollection(request.title(),
                request.handle(), request.descriptionHtml(), request.match(),
                request.rules() == null ? null : request.rules().stream().map(RuleRequest::input).toList()),
                ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @PutMapping("/api/v1/shops/{shop}/collections/{collection}/products")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Set a manual collection's products", description = "Replaces the list with `product_ids` in "
            + "that order (at most 5,000, each once). 422 `collection_not_manual` for an automatic collection.")
    ResponseEntity<CollectionDetails> setProducts(@PathVariable String shop, @PathVariable String collection,
                                                  @Valid @RequestBody CollectionProductsRequest request,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        CollectionDetails details = collections.setProducts(collection, request.productIds(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @DeleteMapping("/api/v1/shops/{shop}/collections/{collection}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Delete a collection", description = "Its products stay. 412 on a stale If-Match.")
    ResponseEntity<Void> delete(@PathVariable String shop, @PathVariable String collection,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        collections.delete(collection, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
