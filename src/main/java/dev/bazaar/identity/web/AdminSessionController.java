package dev.bazaar.identity.web;

import dev.bazaar.identity.application.SessionService;
import dev.bazaar.platform.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Platform administrators end another account's sessions (a compromised account, a departing employee). */
@RestController
@Tag(name = "Administration", description = "Operating the installation (platform administrators only)")
@SecurityRequirement(name = "bearer")
class AdminSessionController {

    private final SessionService sessions;

    AdminSessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @DeleteMapping("/api/v1/admin/accounts/{id}/sessions")
    @Operation(summary = "Sign an account out everywhere", description = "Ends every session of the account; its "
            + "refresh and access tokens stop working at once. 403 for callers who are not platform administrators.")
    ResponseEntity<Void> revokeAll(@PathVariable UUID id) {
        sessions.revokeAllOf(CurrentActor.require(), id);
        return ResponseEntity.noContent().build();
    }
}
