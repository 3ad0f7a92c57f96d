package dev.bazaar.catalog.web;

import dev.bazaar.catalog.application.CategoryQueries;
import dev.bazaar.catalog.application.CategoryQueries.CategoryDetails;
import dev.bazaar.catalog.application.CategoryService;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.PublicShopAccess;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The category tree: public reads, staff writes (create, rename, move, reorder, delete). */
@RestController
@Tag(name = "Catalog", description = "Products with variants and media")
class CategoryController {

    private final CategoryService categories;
    private final CategoryQueries reads;

    CategoryController(CategoryService categories, CategoryQueries reads) {
        this.categories = categories;
        this.reads = reads;
    }

    record CreateCategoryRequest(@NotBlank @Size(max = 255) String name, @Nullable @Size(max = 120) String handle,
                                 @Nullable @Size(max = 200_000) String descriptionHtml, @Nullable UUID parentId,
                                 @Nullable Integer position) {}

    record UpdateCategoryRequest(@Nullable @Size(max = 255) String name, @Nullable @Size(max = 120) String handle,
                                 @Nullable @Size(max = 200_000) String descriptionHtml, @Nullable @Size(max = 36) String parentId,
                                 @Nullable Integer position) {}

    @GetMapping("/api/v1/shops/{shop}/categories")
    @PublicShopAccess
    @Operation(summary = "The category tree", description = "Every category (at most 5,000), nested, siblings by position.")
    ResponseEntity<CategoryQueries.CategoryTree> tree(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(StorefrontCaching.cacheControl()).body(reads.tree());
    }

    @GetMapping("/api/v1/shops/{shop}/categories/{category}")
    @PublicShopAccess
    @Operation(summary = "Read a category", description = "By id or handle, with its path from the top and its children.")
    ResponseEntity<CategoryDetails> get(@PathVariable String shop, @PathVariable String category, WebRequest request) {
        CategoryDetails details = reads.get(category);
        String etag = ETags.of(details.version(), Integer.toHexString(details.path().hashCode() * 31 + details.children().hashCode()));
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().cacheControl(StorefrontCaching.cacheControl()).eTag(etag).body(details);
    }

    @PostMapping("/api/v1/shops/{shop}/categories")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Create a category", description = "Under `parent_id` (the top level when absent) at `position` "
            + "(the end when absent or beyond it; later siblings move down). The handle is made from the name when absent. "
            + "At most 10 levels deep.")
    ResponseEntity<CategoryDetails> create(@PathVariable String shop, @Valid @RequestBody CreateCategoryRequest request) {
        CategoryDetails details = categories.create(new CategoryService.CreateCategory(request.name(), request.handle(),
                request.descriptionHtml(), request.parentId(), request.position()));
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/categories/"
                + details.id())).cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @PatchMapping("/api/v1/shops/{shop}/categories/{category}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Change, move or reorder a category", description = "`parent_id` moves it (an empty string: to "
            + "the top level) and `position` places it among its siblings; the siblings it leaves and joins close and "
            + "open up. 422 `category_cycle` below itself, `category_too_deep` beyond 10 levels. 412 on a stale If-Match.")
    ResponseEntity<CategoryDetails> update(@PathVariable String shop, @PathVariable String category,
                                           @Valid @RequestBody UpdateCategoryRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        CategoryDetails details = categories.update(category, new CategoryService.UpdateCategory(request.name(),
                request.handle(), request.descriptionHtml(), request.parentId(), request.position()), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @DeleteMapping("/api/v1/shops/{shop}/categories/{category}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Delete a category", description = "409 `category_not_empty` while it has subcategories; its "
            + "products keep no category. 412 on a stale If-Match.")
    ResponseEntity<Void> delete(@PathVariable String shop, @PathVariable String category,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        categories.delete(category, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
