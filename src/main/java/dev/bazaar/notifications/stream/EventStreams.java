package dev.bazaar.notifications.stream;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.ShopAccess;
import dev.bazaar.webhooks.EventQueries;
import dev.bazaar.webhooks.RecordedEvent;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Serves one stream on the request's own (virtual) thread: checks the origin and the credential, answers at once with
 * the SSE headers, replays what the client missed (from the recorded events), then writes live messages from the
 * stream's queue, a heartbeat comment whenever it has been quiet for {@code bazaar.stream.heartbeat}, and ends after
 * {@code bazaar.stream.max-lifetime} (the client reconnects with {@code Last-Event-ID}). Live messages that arrive
 * during the replay wait in the queue and are written after it, skipping events the replay already sent.
 */
@Component
class EventStreams {

    /** Unchanged for every shop and every refusal, so that it tells a caller nothing about a shop. */
    static final String SIGN_IN = "Open the stream with a ticket from POST /api/v1/shops/{shop}/events/stream-tickets "
            + "(?ticket=…), or as a member with 'Authorization: Bearer <token>'";
    private static final int DEDUPLICATION_WINDOW = 4096;

    private final StreamHub hub;
    private final StreamTicketService tickets;
    private final EventQueries events;
    private final StreamProperties properties;
    private final Set<String> allowedOrigins;
    private final Clock clock;

    EventStreams(StreamHub hub, StreamTicketService tickets, EventQueries events, StreamProperties properties,
                 BazaarProperties bazaar, Clock clock) {
        this.hub = hub;
        this.tickets = tickets;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        // By default: Bazaar's own origin and every origin the API already allows (which can fetch the ticket).
        List<String> origins = !properties.allowedOrigins().isEmpty() ? properties.allowedOrigins()
                : Stream.concat(Stream.of(origin(bazaar.publicUrl())), bazaar.http().cors().allowedOrigins().stream()).toList();
        this.allowedOrigins = origins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    /**
     * Who the stream is for: the ticket's subscriber when a ticket is given (used up, even if the stream is then
     * refused), otherwise the bearer caller if it is a member of the shop. Refusals are 401 and never wait.
     */
    Subscriber authenticate(ShopAccess access, @Nullable Actor actor, @Nullable String ticket, @Nullable String origin) {
        if (origin != null && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            throw new ApplicationException(StreamErrorCode.ORIGIN_NOT_ALLOWED,
                    "Origin '" + origin + "' may not open this stream (bazaar.stream.allowed-origins)");
        }
        if (ticket != null) {
            return tickets.consume(ticket).orElseThrow(() -> new ApplicationException(StreamErrorCode.TICKET_INVALID,
                    "The ticket is unknown, used, expired or of another shop; ask for a new one"));
        }
        if (actor == null || !access.isMember()) {
            throw new ApplicationException(PlatformErrorCode.UNAUTHENTICATED, SIGN_IN);
        }
        return actor.isApiKey() ? new Subscriber(access.tenantId(), null, actor.id(), access.permissions())
                : new Subscriber(access.tenantId(), actor.accountId(), null, access.permissions());
    }

    /** Streams until the client leaves, the lifetime ends, the stream overflows or the server stops. */
    void serve(Subscriber subscriber, @Nullable String lastEventId, HttpServletResponse response) throws IOException {
        StreamConnection connection = hub.register(subscriber);
        try {
            response.setStatus(200);
            response.setContentType("text/event-stream;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Accel-Buffering", "no");
            ServletOutputStream out = response.getOutputStream();
            write(out, "retry: 2000\n: connected\n\n");
            out.flush();
            Map<UUID, Boolean> sent = new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > DEDUPLICATION_WINDOW;
                }
            };
            if (lastEventId != null && !lastEventId.isBlank()) {
                replay(connection, lastEventId.strip(), out, sent);
                out.flush();
            }
            live(connection, out, sent);
        } catch (IOException gone) {
            // The client left; nothing to tell anyone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unregister(connection);
        }
    }

    private void replay(StreamConnection connection, String lastEventId, ServletOutputStream out, Map<UUID, Boolean> sent)
            throws IOException {
        long lastSeq;
        try {
            lastSeq = Long.parseLong(lastEventId);
        } catch (NumberFormatException e) {
            write(out, "event: reset\ndata: {\"reason\":\"unknown_last_event_id\"}\n\n");
            return;
        }
        java.util.Set<dev.bazaar.webhooks.EventType> visible = connection.visibleTypes();
        List<RecordedEvent> missed = visible.isEmpty() ? List.of() : events.after(lastSeq, visible, properties.replayLimit() + 1);
        if (missed.size() > properties.replayLimit()) {
            write(out, "event: reset\ndata: {\"reason\":\"replay_limit_exceeded\"}\n\n");
            return;
        }
        // Positions are taken when events are recorded, not when they commit: an event recorded just before the
        // client's last one may have committed after it. Those of the last moments are sent again (at least once).
        Instant now = clock.instant();
        List<RecordedEvent> late = properties.resumeOverlap().isZero() ? List.of()
                : events.recordedBetween(now.minus(properties.resumeOverlap()), now.plus(Duration.ofMinutes(1)), visible,
                        properties.replayLimit())
                .stream().filter(event -> event.seq() <= lastSeq).toList();
        List<RecordedEvent> replayed = new ArrayList<>(Stream.concat(late.stream(), missed.stream()).toList());
        replayed.sort(Comparator.comparingLong(RecordedEvent::seq));
        for (RecordedEvent event : replayed) {
            StreamMessage message = StreamMessage.event(event.tenantId(), event.seq(), event.id(), event.type().eventName(), event.body());
            if (connection.wants(message) && sent.put(event.id(), Boolean.TRUE) == null) {
                write(out, format(message));
                hub.delivered();
            }
        }
    }

    private void live(StreamConnection connection, ServletOutputStream out, Map<UUID, Boolean> sent)
            throws IOException, InterruptedException {
        long heartbeat = properties.heartbeat().toMillis();
        long end = System.currentTimeMillis() + properties.maxLifetime().toMillis();
        long nextBeat = System.currentTimeMillis() + heartbeat;
        while (true) {
            long now = System.currentTimeMillis();
            if (connection.closed() != null) {
                String reason = connection.closed() == StreamConnection.Close.OVERFLOW ? "overflow" : "close";
                write(out, "event: " + reason + "\ndata: {\"reason\":\""
                        + (reason.equals("overflow") ? "slow_consumer" : "shutdown") + "\"}\n\n");
                out.flush();
                return;
            }
            if (now >= end) {
                write(out, "event: close\ndata: {\"reason\":\"max_lifetime\"}\n\n");
                out.flush();
                return;
            }
            StreamMessage message = connection.poll(Math.min(nextBeat, end) - now);
            if (message == null) {
                if (connection.closed() == null && System.currentTimeMillis() >= nextBeat) {
                    write(out, ": heartbeat\n\n");
                    out.flush();
                    nextBeat = System.currentTimeMillis() + heartbeat;
                }
                continue;
            }
            while (message != null) {
                if (message.kind() != StreamMessage.Kind.EVENT || sent.put(message.id(), Boolean.TRUE) == null) {
                    write(out, format(message));
                    hub.delivered();
                }
                message = connection.closed() == null ? connection.poll(0) : null;
            }
            out.flush();
            nextBeat = System.currentTimeMillis() + heartbeat;
        }
    }

    /** {@code id:} = seq (events only: notifications do not move the resume position), {@code event:}, {@code data:}. */
    static String format(StreamMessage message) {
        StringBuilder frame = new StringBuilder(message.body().length() + 64);
        if (message.kind() == StreamMessage.Kind.EVENT) {
            frame.append("id: ").append(message.seq()).append('\n');
        }
        frame.append("event: ").append(message.name()).append('\n');
        for (String line : message.body().split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    private static void write(ServletOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
