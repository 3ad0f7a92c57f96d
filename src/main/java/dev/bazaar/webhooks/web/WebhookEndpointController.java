package dev.bazaar.webhooks.web;

import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import dev.bazaar.webhooks.delivery.WebhookEndpointService;
import dev.bazaar.webhooks.delivery.WebhookQueries;
import dev.bazaar.webhooks.delivery.WebhookQueries.DeliveryDetails;
import dev.bazaar.webhooks.delivery.WebhookQueries.EndpointDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A shop's webhook endpoints: registration, secrets, and what was delivered to them (docs/WEBHOOKS.md). */
@RestController
@Tag(name = "Webhooks", description = "Signed event deliveries to the shop's endpoints")
class WebhookEndpointController {

    private final WebhookEndpointService endpoints;
    private final WebhookQueries reads;

    WebhookEndpointController(WebhookEndpointService endpoints, WebhookQueries reads) {
        this.endpoints = endpoints;
        this.reads = reads;
    }

    record CreateEndpointRequest(@NotBlank @Size(max = 2048) String url, @Nullable @Size(max = 500) String description,
                                 @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 100) String> events,
                                 @Nullable Boolean enabled) {}

    record UpdateEndpointRequest(@Nullable @Size(min = 1, max = 2048) String url, @Nullable @Size(max = 500) String description,
                                 @Nullable @Size(min = 1, max = 100) List<@NotBlank @Size(max = 100) String> events,
                                 @Nullable Boolean enabled) {}

    record ReplayRequest(@NotNull Instant from, @NotNull Instant to) {}

    record ReplayResponse(int enqueued) {}

    @GetMapping("/api/v1/shops/{shop}/webhook-endpoints")
    @RequiresPermission(Permission.WEBHOOKS_READ)
    @Operation(summary = "List webhook endpoints", description = "Newest first; secrets are never shown.")
    ResponseEntity<Page<EndpointDetails>> list(@PathVariable String shop, @RequestParam(required = false) @Nullable Integer limit,
                                               @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(reads.listEndpoints(PageRequest.of(limit, after)));
    }

    @PostMapping("/api/v1/shops/{shop}/webhook-endpoints")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Register a webhook endpoint", description = "`events` holds event names, groups (`product.*`, "
            + "`order.*`) or `*` (every event but `ping`). The answer carries the signing `secret` (`whsec_…`), shown only "
            + "here. 422 `webhook_url_forbidden` for a URL webhooks may not reach (not https, credentials, a private or "
            + "loopback address), 422 `webhook_endpoint_limit_reached` beyond the plan's endpoints.")
    ResponseEntity<EndpointDetails> create(@PathVariable String shop, @Valid @RequestBody CreateEndpointRequest request) {
        EndpointDetails details = endpoints.create(new WebhookEndpointService.CreateEndpoint(request.url(),
                request.description(), request.events(), request.enabled()));
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/webhook-endpoints/"
                + details.id())).cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @GetMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}")
    @RequiresPermission(Permission.WEBHOOKS_READ)
    @Operation(summary = "Read a webhook endpoint", description = "Without its secret.")
    ResponseEntity<EndpointDetails> get(@PathVariable String shop, @PathVariable String endpoint) {
        EndpointDetails details = reads.getEndpoint(endpoint);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @PatchMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Change a webhook endpoint", description = "JSON merge; `\"enabled\": true` re-enables one "
            + "Bazaar disabled. An empty `description` clears it. 412 on a stale If-Match.")
    ResponseEntity<EndpointDetails> update(@PathVariable String shop, @PathVariable String endpoint,
                                           @Valid @RequestBody UpdateEndpointRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        EndpointDetails details = endpoints.update(endpoint, new WebhookEndpointService.UpdateEndpoint(request.url(),
                request.description(), request.events(), request.enabled()), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @DeleteMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Delete a webhook endpoint", description = "With its deliveries. 412 on a stale If-Match.")
    ResponseEntity<Void> delete(@PathVariable String shop, @PathVariable String endpoint,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        endpoints.delete(endpoint, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}/rotate-secret")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Rotate the signing secret", description = "Answers with the new `secret` (shown only here). "
            + "The old one keeps signing beside it for `bazaar.webhooks.secret-rotation-overlap` (24 h by default): "
            + "`webhook-signature` then carries both signatures.")
    ResponseEntity<EndpointDetails> rotateSecret(@PathVariable String shop, @PathVariable String endpoint) {
        EndpointDetails details = endpoints.rotateSecret(endpoint);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(details.version())).body(details);
    }

    @PostMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}/test")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send a test ping", description = "Delivers a `ping` event to this endpoint only, once "
            + "(no retries); answers 202 with the delivery. 422 `webhook_endpoint_disabled` while it is disabled.")
    ResponseEntity<DeliveryDetails> test(@PathVariable String shop, @PathVariable String endpoint) {
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(endpoints.test(endpoint));
    }

    @PostMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}/replay")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Replay a window of events", description = "Enqueues every event in [`from`, `to`) the endpoint "
            + "subscribes to, at most 7 days within the events' retention and 10,000 events; one already delivered is "
            + "sent again under the same `webhook-id`. 422 `webhook_replay_window_invalid` otherwise.")
    ResponseEntity<ReplayResponse> replay(@PathVariable String shop, @PathVariable String endpoint,
                                          @Valid @RequestBody ReplayRequest request) {
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore())
                .body(new ReplayResponse(endpoints.replay(endpoint, request.from(), request.to())));
    }

    @GetMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}/deliveries")
    @RequiresPermission(Permission.WEBHOOKS_READ)
    @Operation(summary = "List deliveries", description = "Newest first, each with the event, status, next retry and its "
            + "latest 20 attempts (time, status code or error, latency, the first 1 KB of the response). "
            + "`status` filters by pending, succeeded or failed.")
    ResponseEntity<Page<DeliveryDetails>> deliveries(@PathVariable String shop, @PathVariable String endpoint,
                                                     @RequestParam(required = false) @Nullable String status,
                                                     @RequestParam(required = false) @Nullable Integer limit,
                                                     @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(reads.listDeliveries(endpoint, status, PageRequest.of(limit, after)));
    }

    @PostMapping("/api/v1/shops/{shop}/webhook-endpoints/{endpoint}/deliveries/{delivery}/redeliver")
    @RequiresPermission(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Redeliver", description = "Sends the delivery again now with a fresh retry schedule and the "
            + "same `webhook-id`; answers 202 with the delivery.")
    ResponseEntity<DeliveryDetails> redeliver(@PathVariable String shop, @PathVariable String endpoint,
                                              @PathVariable String delivery) {
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(endpoints.redeliver(endpoint, delivery));
    }
}
