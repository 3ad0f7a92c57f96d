package dev.bazaar.tenancy.web;

import dev.bazaar.platform.CarriesSecrets;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import dev.bazaar.tenancy.application.ApiKeyService;
import dev.bazaar.tenancy.application.ApiKeyService.ApiKeyView;
import dev.bazaar.tenancy.application.ApiKeyService.CreatedApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A shop's API keys for server-to-server apps. */
@RestController
@Tag(name = "API keys", description = "Keys for server-to-server apps, limited to one shop and their scopes")
@SecurityRequirement(name = "bearer")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    record CreateApiKeyRequest(@NotBlank @Size(max = 100) String name, @NotNull @Size(min = 1, max = 100) List<@NotBlank String> scopes,
                               @Nullable Instant expiresAt) {}

    @PostMapping("/api/v1/shops/{shop}/api-keys")
    @RequiresPermission(value = Permission.SETTINGS_MANAGE, apiKeys = false)
    @CarriesSecrets
    @Operation(summary = "Create an API key", description = "The secret (`bz_live_…`) is in this response only; Bazaar keeps "
            + "a hash. Scopes must be permissions the caller holds; a key acts with the scopes its creator still holds, "
            + "and is revoked when its creator leaves the shop. People only (keys cannot mint keys). Send it as "
            + "`Authorization: Bearer <key>`.")
    ResponseEntity<CreatedApiKey> create(@PathVariable String shop, @Valid @RequestBody CreateApiKeyRequest request) {
        CreatedApiKey key = keys.create(CurrentActor.require(), request.name(), request.scopes(), request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/api-keys/" + key.id()))
                .cacheControl(CacheControl.noStore()).body(key);
    }

    @GetMapping("/api/v1/shops/{shop}/api-keys")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "List API keys", description = "Prefix, name, scopes, created and last used; never the secret.")
    ResponseEntity<Page<ApiKeyView>> list(@PathVariable String shop, @RequestParam(required = false) @Nullable Integer limit,
                                          @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(keys.list(PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/api-keys/{key}")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "Read an API key")
    ResponseEntity<ApiKeyView> get(@PathVariable String shop, @PathVariable UUID key) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(keys.get(key));
    }

    @DeleteMapping("/api/v1/shops/{shop}/api-keys/{key}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Revoke an API key", description = "It stops working at once.")
    ResponseEntity<Void> revoke(@PathVariable String shop, @PathVariable UUID key) {
        keys.revoke(key);
        return ResponseEntity.noContent().build();
    }
}
