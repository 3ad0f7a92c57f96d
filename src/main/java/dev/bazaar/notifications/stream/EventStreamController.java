package dev.bazaar.notifications.stream;

import dev.bazaar.platform.CarriesSecrets;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.AnyShopMember;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.PublicShopAccess;
import dev.bazaar.platform.security.ShopAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's real-time stream (docs/STREAM.md) and the tickets that open it. */
@RestController
class EventStreamController {

    private final StreamTicketService tickets;
    private final EventStreams streams;

    EventStreamController(StreamTicketService tickets, EventStreams streams) {
        this.tickets = tickets;
        this.streams = streams;
    }

    record TicketResponse(String ticket, Instant expiresAt) {}

    @PostMapping("/api/v1/shops/{shop}/events/stream-tickets")
    @AnyShopMember
    @CarriesSecrets
    @Operation(summary = "Get a stream ticket", description = "A short-lived (`bazaar.stream.ticket-ttl`, 30 s), single-use "
            + "ticket that opens `GET …/events/stream?ticket=…` once, for this shop, as the caller, with the permissions the "
            + "caller holds now. Lets a browser's `EventSource` connect without putting the access token in a URL.")
    ResponseEntity<TicketResponse> ticket(@PathVariable String shop) {
        Actor actor = CurrentActor.require();
        ShopAccess access = CurrentShop.require();
        StreamTicketService.Issued issued = actor.isApiKey() ? tickets.issue(null, actor.id(), access.permissions())
                : tickets.issue(actor.accountId(), null, access.permissions());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new TicketResponse(issued.ticket(), issued.expiresAt()));
    }

    @GetMapping("/api/v1/shops/{shop}/events/stream")
    @PublicShopAccess
    @Operation(summary = "Open the real-time stream", description = "Server-Sent Events: the shop's events the subscriber's "
            + "permissions allow (`id:` = position, `event:` = event type, `data:` = the event as webhooks send it) and the "
            + "subscriber's own notifications (`event: notification`), heartbeats as comments. Authenticate with `?ticket=` "
            + "(from `POST …/events/stream-tickets`) or as a member with `Authorization: Bearer`; anything else is 401 at once. "
            + "Resume with `Last-Event-ID` (or `?last_event_id=`); a gap larger than the replay limit sends `event: reset`. "
            + "A browser's `Origin` must be allowed (`bazaar.stream.allowed-origins`), else 403.",
            responses = @ApiResponse(responseCode = "200", description = "The stream",
                    content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string"))))
    void stream(@PathVariable String shop, @RequestParam(required = false) @Nullable String ticket,
                @RequestParam(name = "last_event_id", required = false) @Nullable String lastEventIdParameter,
                @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
                @RequestHeader(name = HttpHeaders.ORIGIN, required = false) @Nullable String origin,
                HttpServletResponse response) throws IOException {
        Subscriber subscriber = streams.authenticate(CurrentShop.require(), CurrentActor.find().orElse(null), ticket, origin);
        streams.serve(subscriber, lastEventId != null ? lastEventId : lastEventIdParameter, response);
    }
}
