package dev.bazaar.notifications.web;

import dev.bazaar.notifications.application.NotificationQueries;
import dev.bazaar.notifications.application.NotificationService;
import dev.bazaar.notifications.application.NotificationView;
import dev.bazaar.notifications.application.PreferenceService;
import dev.bazaar.notifications.application.PreferenceService.TypePreferences;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.AnyShopMember;
import dev.bazaar.platform.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own notifications and preferences in a shop: every member has them, for themselves only; API keys
 * have none (403). Someone else's notification is 404.
 */
@RestController
@Tag(name = "Notifications", description = "The caller's in-app feed and notification preferences")
class NotificationController {

    private final NotificationQueries queries;
    private final NotificationService notifications;
    private final PreferenceService preferences;

    NotificationController(NotificationQueries queries, NotificationService notifications, PreferenceService preferences) {
        this.queries = queries;
        this.notifications = notifications;
        this.preferences = preferences;
    }

    record UnreadCount(long unreadCount) {}

    @GetMapping("/api/v1/shops/{shop}/notifications")
    @AnyShopMember(apiKeys = false)
    @Operation(summary = "The caller's notifications", description = "Newest first; `unread=true` for unread ones only; "
            + "cursor pagination.")
    ResponseEntity<Page<NotificationView>> list(@PathVariable String shop,
                                                @RequestParam(required = false) @Nullable Boolean unread,
                                                @RequestParam(required = false) @Nullable Integer limit,
                                                @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(queries.list(account(), Boolean.TRUE.equals(unread), PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/notifications/unread-count")
    @AnyShopMember(apiKeys = false)
    @Operation(summary = "How many of the caller's notifications are unread")
    ResponseEntity<UnreadCount> unreadCount(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new UnreadCount(queries.unreadCount(account())));
    }

    @PostMapping("/api/v1/shops/{shop}/notifications/{notification}/read")
    @AnyShopMember(apiKeys = false)
    @Operation(summary = "Mark a notification read", description = "Idempotent: a second call keeps the first `read_at`. "
            + "404 `notification_not_found` unless it is the caller's.")
    ResponseEntity<NotificationView> markRead(@PathVariable String shop, @PathVariable UUID notification) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(notifications.markRead(account(), notification));
    }

    @PostMapping("/api/v1/shops/{shop}/notifications/read-all")
    @AnyShopMember(apiKeys = false)
    @Operation(summary = "Mark every notification read", description = "Up to 5,000 at a time, oldest first; "
            + "`unread_count` says how many remain (call again while it is not 0). Idempotent.")
    ResponseEntity<NotificationService.ReadAll> markAllRead(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(notifications.markAllRead(account()));
    }

    @GetMapping("/api/v1/shops/{shop}/notification-preferences")
    @AnyShopMember(apiKeys = false)
    @Operation(summary = "The caller's notification preferences", description = "Every notification type with, per "
            + "channel (`in_app`, `email`), whether it is on for the caller, whether it is by default, and whether it "
            + "can be switched off.")
    ResponseEntity<Map<String, List<TypePreferences>>> preferences(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", preferences.list(account())));
    }

    @PatchMapping("/api/v1/shops/{shop}/notification-preferences")
    @AnyShopMember(apiKeys = false)
    @Operation(summary = "Change the caller's notification preferences", description = "JSON merge patch "
            + "`{\"inventory.low_stock\": {\"email\": false, \"in_app\": null}}`: `true`/`false` choose, `null` goes back "
            + "to the default. 400 for an unknown type or channel, 422 `notification_channel_required` for switching "
            + "off a channel the type always uses. Answers with every type, as GET does.")
    ResponseEntity<Map<String, List<TypePreferences>>> updatePreferences(
            @PathVariable String shop, @RequestBody Map<String, @Nullable Map<String, @Nullable Boolean>> changes) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("data", preferences.update(account(), changes)));
    }

    private static UUID account() {
        return CurrentActor.require().accountId();
    }
}
