package dev.bazaar.identity.web;

import dev.bazaar.identity.application.IdentityQueries;
import dev.bazaar.identity.application.SessionService;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in account's sessions (one per sign-in, kept alive by refreshes). */
@RestController
@Tag(name = "Me", description = "The signed-in account")
@SecurityRequirement(name = "bearer")
class SessionController {

    private final SessionService sessions;
    private final IdentityQueries queries;

    SessionController(SessionService sessions, IdentityQueries queries) {
        this.sessions = sessions;
        this.queries = queries;
    }

    @GetMapping("/api/v1/me/sessions")
    @Operation(summary = "List live sessions", description = "Newest first, with user agent, address, created and last "
            + "used (the last refresh); `current` marks this request's session.")
    ResponseEntity<Page<IdentityQueries.SessionView>> list(@RequestParam(required = false) @Nullable Integer limit,
                                                           @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(queries.sessions(CurrentActor.require(), PageRequest.of(limit, after)));
    }

    @DeleteMapping("/api/v1/me/sessions/{id}")
    @Operation(summary = "Sign out one session", description = "Its refresh and access tokens stop working at once.")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        sessions.revoke(CurrentActor.require(), id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/me/sessions")
    @Operation(summary = "Sign out everywhere else", description = "Every session but the current one ends.")
    ResponseEntity<Void> revokeOthers() {
        sessions.revokeOthers(CurrentActor.require());
        return ResponseEntity.noContent().build();
    }
}
