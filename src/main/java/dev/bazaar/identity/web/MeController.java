package dev.bazaar.identity.web;

import dev.bazaar.identity.application.AccountService;
import dev.bazaar.identity.application.IdentityQueries;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.CarriesSecrets;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.Secret;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The signed-in account: profile, password, deactivation and its own security activity. */
@RestController
@Tag(name = "Me", description = "The signed-in account")
@SecurityRequirement(name = "bearer")
class MeController {

    private static final Set<String> PATCHABLE = Set.of("name", "locale");

    private final AccountService accounts;
    private final IdentityQueries queries;

    MeController(AccountService accounts, IdentityQueries queries) {
        this.accounts = accounts;
        this.queries = queries;
    }

    record ProfileResponse(UUID id, String email, @Nullable String name, String locale, boolean emailVerified,
                           boolean mfaEnabled, int recoveryCodesLeft, Set<String> platformRoles, Instant createdAt) {}

    record PasswordChange(@NotNull @Size(max = TokenController.MAX_SECRET_INPUT) String currentPassword,
                          @NotNull @Size(max = TokenController.MAX_SECRET_INPUT) String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[" + Secret.REDACTED + "]";
        }
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "Read the signed-in account", description = "With an ETag for PATCH's If-Match.")
    ResponseEntity<ProfileResponse> me() {
        return profile(CurrentActor.require());
    }

    @PatchMapping(path = "/api/v1/me", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Update name and locale", description = "JSON merge semantics: fields left out stay as they "
            + "are, `\"name\": null` removes the name. `If-Match` with the ETag of GET answers 412 if the account changed.")
    ResponseEntity<ProfileResponse> update(@RequestBody JsonNode patch,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        Actor actor = CurrentActor.require();
        if (!patch.isObject()) {
            throw new ApplicationException(PlatformErrorCode.VALIDATION_FAILED, "The body must be a JSON object");
        }
        List<FieldViolation> violations = new ArrayList<>();
        patch.propertyNames().forEach(field -> {
            if (!PATCHABLE.contains(field)) {
                violations.add(new FieldViolation(field, "unknown_field", "is not a field that can be changed"));
            }
        });
        boolean nameGiven = patch.has("name");
        String name = null;
        if (nameGiven && !patch.get("name").isNull()) {
            if (!patch.get("name").isString() || patch.get("name").asString().length() > 200) {
                violations.add(new FieldViolation("name", "invalid_length", "must be text of at most 200 characters or null"));
            } else {
                name = AccountController.blankToNull(patch.get("name").asString());
            }
        }
        String locale = null;
        if (patch.has("locale")) {
            JsonNode value = patch.get("locale");
            if (!value.isString() || !LanguageTag.Validator.isValidTag(value.asString())) {
                violations.add(new FieldViolation("locale", "language_tag", "must be a language tag such as en or de-CH"));
            } else {
                locale = LanguageTag.Validator.canonical(value.asString());
            }
        }
        if (!violations.isEmpty()) {
            throw new ApplicationException(violations.stream().allMatch(v -> v.code().equals("unknown_field"))
                    ? PlatformErrorCode.UNKNOWN_FIELD : PlatformErrorCode.VALIDATION_FAILED,
                    violations.size() == 1 ? "1 field is not valid" : violations.size() + " fields are not valid",
                    violations, Map.of());
        }
        accounts.updateProfile(actor, ifMatch, nameGiven, name, locale);
        return profile(actor);
    }

    @PostMapping("/api/v1/me/password")
    @CarriesSecrets
    @Operation(summary = "Change the password", description = "Needs the current password; signs out every other session.")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange change) {
        accounts.changePassword(CurrentActor.require(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/me")
    @Operation(summary = "Deactivate the account", description = "Anonymises the account, signs out every session and "
            + "leaves every shop. Needs a sign-in within the last 10 minutes (403 `reauthentication_required` otherwise). "
            + "Refused with 422 `last_owner` while the account is the last owner of a shop.")
    ResponseEntity<Void> deactivate() {
        accounts.deactivate(CurrentActor.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/me/security-events")
    @Operation(summary = "List the account's security activity", description = "Newest first; cursor pagination.")
    ResponseEntity<Page<IdentityQueries.EventView>> securityEvents(@RequestParam(required = false) @Nullable Integer limit,
                                                                   @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(queries.securityEvents(CurrentActor.require(), PageRequest.of(limit, after)));
    }

    private ResponseEntity<ProfileResponse> profile(Actor actor) {
        IdentityQueries.Profile profile = queries.profile(actor);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(profile.version()))
                .body(new ProfileResponse(profile.id(), profile.email(), profile.name(), profile.locale(),
                        profile.emailVerified(), profile.mfaEnabled(), profile.recoveryCodesLeft(), profile.platformRoles(),
                        profile.createdAt()));
    }
}
