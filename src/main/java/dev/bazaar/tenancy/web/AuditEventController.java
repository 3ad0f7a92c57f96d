package dev.bazaar.tenancy.web;

import dev.bazaar.platform.AuditLog;
import dev.bazaar.tenancy.application.AuditQueries;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's audit log. */
@RestController
@Tag(name = "Audit log", description = "Every state-changing action by staff and API keys in a shop")
@SecurityRequirement(name = "bearer")
class AuditEventController {

    private final AuditQueries audit;

    AuditEventController(AuditQueries audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/shops/{shop}/audit-events")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "List audit events", description = "Newest first; filter by `action`, `target_type`, `target_id`, "
            + "`actor_id`, `occurred_after`, `occurred_before` (RFC 3339).")
    ResponseEntity<Page<AuditLog.AuditEvent>> list(@PathVariable String shop,
                                                   @RequestParam(required = false) @Nullable String action,
                                                   @RequestParam(name = "target_type", required = false) @Nullable String targetType,
                                                   @RequestParam(name = "target_id", required = false) @Nullable String targetId,
                                                   @RequestParam(name = "actor_id", required = false) @Nullable UUID actorId,
                                                   @RequestParam(name = "occurred_after", required = false) @Nullable Instant occurredAfter,
                                                   @RequestParam(name = "occurred_before", required = false) @Nullable Instant occurredBefore,
                                                   @RequestParam(required = false) @Nullable Integer limit,
                                                   @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(audit.list(
                new AuditLog.Filter(action, targetType, targetId, actorId, occurredAfter, occurredBefore), PageRequest.of(limit, after)));
    }
}
