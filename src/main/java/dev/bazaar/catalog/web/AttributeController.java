package dev.bazaar.catalog.web;

import dev.bazaar.catalog.application.AttributeService;
import dev.bazaar.catalog.application.AttributeService.AttributeView;
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
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The shop's product attribute definitions. */
@RestController
@Tag(name = "Catalog", description = "Products with variants and media")
class AttributeController {

    private final AttributeService attributes;

    AttributeController(AttributeService attributes) {
        this.attributes = attributes;
    }

    record CreateAttributeRequest(@NotBlank @Size(max = 60) String handle, @NotBlank @Size(max = 120) String name,
                                  @NotBlank String type, @Nullable @Size(max = 200) List<@NotNull String> choices,
                                  @Nullable Boolean filterable, @Nullable Integer position) {}

    record UpdateAttributeRequest(@Nullable @Size(max = 120) String name, @Nullable @Size(max = 200) List<@NotNull String> choices,
                                  @Nullable Boolean filterable, @Nullable Integer position) {}

    @GetMapping("/api/v1/shops/{shop}/product-attributes")
    @PublicShopAccess
    @Operation(summary = "List product attributes", description = "All of them (at most 200), by position.")
    ResponseEntity<Map<String, List<AttributeView>>> list(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(StorefrontCaching.cacheControl()).body(Map.of("data", attributes.list()));
    }

    @PostMapping("/api/v1/shops/{shop}/product-attributes")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Define a product attribute", description = "`type`: `text`, `number`, `boolean` or `choice` (with "
            + "`choices`). Products set values under `attributes.<handle>`; `filterable` ones (the default) can be filtered "
            + "(`attr.<handle>=`) and faceted. The handle and the type cannot change later.")
    ResponseEntity<AttributeView> create(@PathVariable String shop, @Valid @RequestBody CreateAttributeRequest request) {
        AttributeView view = attributes.create(new AttributeService.CreateAttribute(request.handle(), request.name(),
                request.type(), request.choices(), request.filterable(), request.position()));
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/product-attributes/"
                + view.id())).cacheControl(CacheControl.noStore()).body(view);
    }

    @PatchMapping("/api/v1/shops/{shop}/product-attributes/{attribute}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Change a product attribute", description = "Choices can be added and reordered, not removed.")
    ResponseEntity<AttributeView> update(@PathVariable String shop, @PathVariable UUID attribute,
                                         @Valid @RequestBody UpdateAttributeRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(attributes.update(attribute,
                new AttributeService.UpdateAttribute(request.name(), request.choices(), request.filterable(), request.position())));
    }

    @DeleteMapping("/api/v1/shops/{shop}/product-attributes/{attribute}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Delete a product attribute", description = "Its values are removed from every product.")
    ResponseEntity<Void> delete(@PathVariable String shop, @PathVariable UUID attribute) {
        attributes.delete(attribute);
        return ResponseEntity.noContent().build();
    }
}
