package dev.bazaar.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.platform.Ids;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import dev.bazaar.webhooks.EventType;
import dev.bazaar.webhooks.RecordedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * The real-time stream on one instance: tickets (single use, expiry, other shops), bearer headers, origins, filtering
 * by permission, own notifications only, resume with Last-Event-ID, heartbeats, slow consumers cut off while others
 * keep receiving, and shops never seeing each other's events.
 */
@IntegrationTest(properties = {"bazaar.stream.heartbeat=300ms", "bazaar.stream.queue-capacity=16",
        "bazaar.stream.replay-limit=5", "bazaar.stream.allowed-origins=https://admin.example.com"})
class EventStreamIT extends TenancyHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    private String ticket(Shop shop, String bearer) {
        JsonNode body = api.ok(api.call("POST", shop.path("/events/stream-tickets"), null, bearer), 201);
        assertThat(body.get("ticket").asString()).matches("bzt_[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(body.get("expires_at").asString())).isBetween(Instant.now(), Instant.now().plusSeconds(31));
        return body.get("ticket").asString();
    }

    private SseClient open(Shop shop, String ticket, String... headers) {
        return SseClient.open(port, shop.path("/events/stream") + "?ticket=" + ticket, headers);
    }

    private String createProduct(Shop shop, Person owner, String title) {
        return api.ok(api.call("POST", shop.path("/products"), """
                {"title":"%s","status":"active","variants":[{"price":{"amount":100,"currency":"EUR"}}]}""".formatted(title),
                owner.bearer()), 201).get("id").asString();
    }

    private static void assertRefused(SseClient stream, int status, String code) {
        assertThat(stream.status()).as(stream.body()).isEqualTo(status);
        assertThat(IdentityClient.JSON.readTree(stream.body()).get("code").asString()).isEqualTo(code);
    }

    private String accountId(Person person) {
        return api.ok(api.call("GET", "/api/v1/me", null, person.bearer()), 200).get("id").asString();
    }

    @Test
    void aTicketOpensTheStreamOnceAndTheStreamCarriesTheShopsEventsAsRecorded() {
        Person owner = api.person("stream-owner");
        Shop shop = api.createShop(owner, "stream");
        String ticket = ticket(shop, owner.bearer());
        try (SseClient stream = open(shop, ticket)) {
            assertThat(stream.status()).isEqualTo(200);
            String product = createProduct(shop, owner, "Streamed");
            SseClient.Frame frame = stream.awaitEvent("product.created", product, WAIT).orElseThrow();
            JsonNode body = IdentityClient.JSON.readTree(frame.data());
            assertThat(body.get("type").asString()).isEqualTo("product.created");
            assertThat(body.get("shop").get("id").asString()).isEqualTo(shop.id());
            assertThat(body.get("data").get("product").get("title").asString()).isEqualTo("Streamed");
            try (Connection connection = DriverManager.getConnection(databaseUrl);
                 var rs = connection.createStatement().executeQuery("select seq, body from events where id = '"
                         + body.get("id").asString() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(frame.id()).as("the SSE id is the event's position").isEqualTo(Long.toString(rs.getLong("seq")));
                assertThat(frame.data()).as("the body byte for byte").isEqualTo(rs.getString("body"));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            long start = System.nanoTime();
            assertRefused(open(shop, ticket), 401, "notifications.stream.ticket_invalid");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a used ticket is refused at once").isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void expiredTicketsTicketsOfAnotherShopAndMissingCredentialsAreRefused() throws Exception {
        Person owner = api.person("stream-refusals");
        Shop shop = api.createShop(owner, "stream-ref");
        Shop other = api.createShop(owner, "stream-oth");
        String expired = ticket(shop, owner.bearer());
        try (Connection connection = DriverManager.getConnection(databaseUrl)) {
            connection.createStatement().executeUpdate("update stream_tickets set expires_at = now() - interval '1 second'"
                    + " where tenant_id = '" + shop.id() + "'");
        }
        assertRefused(open(shop, expired), 401, "notifications.stream.ticket_invalid");
        assertRefused(open(other, ticket(shop, owner.bearer())), 401, "notifications.stream.ticket_invalid");
        assertRefused(open(shop, "bzt_guessed"), 401, "notifications.stream.ticket_invalid");
        assertRefused(SseClient.open(port, shop.path("/events/stream")), 401, "unauthenticated");
        Person stranger = api.person("stream-stranger");
        assertRefused(SseClient.open(port, shop.path("/events/stream"), "Authorization", stranger.bearer()), 401, "unauthenticated");
        try (Connection connection = DriverManager.getConnection(databaseUrl);
             var rs = connection.createStatement().executeQuery("select encode(token_hash, 'hex') from stream_tickets limit 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("stored as a SHA-256 hash").hasSize(64).doesNotContain("bzt_");
        }
    }

    @Test
    void aBearerHeaderOpensTheStreamAndBrowsersMustComeFromAnAllowedOrigin() {
        Person owner = api.person("stream-bearer");
        Shop shop = api.createShop(owner, "stream-bea");
        assertRefused(open(shop, ticket(shop, owner.bearer()), "Origin", "https://evil.example.com"), 403,
                "notifications.stream.origin_not_allowed");
        try (SseClient browser = open(shop, ticket(shop, owner.bearer()), "Origin", "https://admin.example.com");
             SseClient server = SseClient.open(port, shop.path("/events/stream"), "Authorization", owner.bearer())) {
            assertThat(browser.status()).isEqualTo(200);
            assertThat(server.status()).isEqualTo(200);
            String product = createProduct(shop, owner, "Both");
            assertThat(browser.awaitEvent("product.created", product, WAIT)).isPresent();
            assertThat(server.awaitEvent("product.created", product, WAIT)).isPresent();
        }
    }

    @Test
    void eventsReachOnlySubscribersWhosePermissionsAllowThem() {
        Person owner = api.person("stream-perm");
        Shop shop = api.createShop(owner, "stream-perm");
        Person viewer = api.person("stream-viewer");
        api.addMember(owner, shop, viewer, "viewer");
        String settingsOnly = api.apiKey(owner, shop, List.of("settings:read"));
        try (SseClient asViewer = open(shop, ticket(shop, viewer.bearer()));
             SseClient asKey = open(shop, ticket(shop, settingsOnly))) {
            String product = createProduct(shop, owner, "Viewed");
            api.ok(api.call("PATCH", shop.path(""), "{\"name\":\"Renamed shop\"}", owner.bearer()), 200);
            assertThat(asViewer.awaitEvent("product.created", product, WAIT)).as("a viewer reads products").isPresent();
            assertThat(asKey.awaitEvent("shop.updated", "Renamed shop", WAIT)).isPresent();
            assertThat(asKey.seen()).as("a key without products:read gets no product events")
                    .noneMatch(frame -> frame.event().startsWith("product."));
        }
    }

    @Test
    void aSubscriberGetsItsOwnNotificationsAndNobodyElses() {
        Person owner = api.person("stream-notes");
        Shop shop = api.createShop(owner, "stream-note");
        Person viewer = api.person("stream-notes-viewer");
        api.addMember(owner, shop, viewer, "viewer");
        try (SseClient ownerStream = open(shop, ticket(shop, owner.bearer()));
             SseClient viewerStream = open(shop, ticket(shop, viewer.bearer()))) {
            UUID tenant = UUID.fromString(shop.id());
            events.publishEvent(new NotificationCreated(tenant, UUID.fromString(accountId(owner)), Ids.newId(), "test",
                    "{\"title\":\"for the owner\"}", Instant.now()));
            events.publishEvent(new NotificationCreated(tenant, UUID.fromString(accountId(viewer)), Ids.newId(), "test",
                    "{\"title\":\"for the viewer\"}", Instant.now()));
            SseClient.Frame own = ownerStream.awaitEvent("notification", "for the owner", WAIT).orElseThrow();
            assertThat(own.id()).as("notifications do not move the resume position").isNull();
            assertThat(viewerStream.awaitEvent("notification", "for the viewer", WAIT)).isPresent();
            assertThat(viewerStream.seen()).noneMatch(frame -> frame.data().contains("for the owner"));
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysWhatWasMissedAndATooLargeGapAsksForAReset() {
        Person owner = api.person("stream-resume");
        Shop shop = api.createShop(owner, "stream-res");
        String last;
        try (SseClient stream = open(shop, ticket(shop, owner.bearer()))) {
            String first = createProduct(shop, owner, "Before");
            last = stream.awaitEvent("product.created", first, WAIT).orElseThrow().id();
        }
        String second = createProduct(shop, owner, "Missed one");
        String third = createProduct(shop, owner, "Missed two");
        try (SseClient resumed = open(shop, ticket(shop, owner.bearer()), "Last-Event-ID", last)) {
            SseClient.Frame two = resumed.awaitEvent("product.created", second, WAIT).orElseThrow();
            SseClient.Frame three = resumed.awaitEvent("product.created", third, WAIT).orElseThrow();
            assertThat(Long.parseLong(three.id())).isGreaterThan(Long.parseLong(two.id())).isGreaterThan(Long.parseLong(last));
            String live = createProduct(shop, owner, "Live after replay");
            assertThat(resumed.awaitEvent("product.created", live, WAIT)).isPresent();
            assertThat(resumed.seen().stream().filter(frame -> frame.data().contains(second)).count())
                    .as("replayed once per connection").isEqualTo(1);
        }
        for (int i = 0; i < 4; i++) {
            createProduct(shop, owner, "Filler " + i);
        }
        try (SseClient tooOld = SseClient.open(port, shop.path("/events/stream") + "?last_event_id=0&ticket="
                + ticket(shop, owner.bearer()))) {
            assertThat(tooOld.await(frame -> frame.event().equals("reset"), WAIT)).as("more than the replay limit missed").isPresent();
        }
    }

    @Test
    void aQuietStreamSendsHeartbeats() {
        Person owner = api.person("stream-beat");
        Shop shop = api.createShop(owner, "stream-beat");
        try (SseClient stream = open(shop, ticket(shop, owner.bearer()))) {
            assertThat(stream.await(frame -> frame.event().equals("comment") && frame.data().equals("heartbeat"), WAIT)).isPresent();
            assertThat(stream.await(frame -> frame.event().equals("comment") && frame.data().equals("heartbeat"), WAIT)).isPresent();
        }
    }

    @Test
    void aSlowConsumerIsCutOffWhileAFastOneKeepsReceiving() throws Exception {
        Person owner = api.person("stream-slow");
        Shop shop = api.createShop(owner, "stream-slow");
        UUID tenant = UUID.fromString(shop.id());
        String padding = "x".repeat(32 * 1024);
        double droppedBefore = dropped();
        try (Socket slow = new Socket(); SseClient fast = open(shop, ticket(shop, owner.bearer()))) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            slow.setSoTimeout(10_000);
            OutputStream request = slow.getOutputStream();
            request.write(("GET " + shop.path("/events/stream") + "?ticket=" + ticket(shop, owner.bearer())
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream slowIn = slow.getInputStream();
            byte[] head = new byte[512];
            assertThat(new String(head, 0, slowIn.read(head), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            // The slow client now reads nothing; the fast one takes each batch before the next is sent.
            int total = 0;
            for (int batch = 0; batch < 50; batch++) {
                for (int i = 0; i < 8; i++) {
                    total++;
                    events.publishEvent(new RecordedEvent(tenant, Ids.newId(), 1_000_000 + total, EventType.PRODUCT_UPDATED,
                            Instant.now(), "{\"n\":" + total + ",\"pad\":\"" + padding + "\"}"));
                }
                assertThat(fast.awaitEvent("product.updated", "{\"n\":" + total + ",", WAIT)).as("batch %d", batch).isPresent();
            }
            assertThat(fast.seen().stream().filter(frame -> frame.event().equals("product.updated")).count())
                    .as("the fast consumer got every message").isEqualTo(total);
            assertThat(dropped()).isGreaterThan(droppedBefore);
            // Reading again drains what the network buffered, then the stream's last words (the connection may stay open).
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && !tail(rest).contains("event: overflow")) {
                int n = slowIn.read(chunk);
                if (n < 0) {
                    break;
                }
                rest.write(chunk, 0, n);
            }
            String received = rest.toString(StandardCharsets.UTF_8);
            assertThat(received).as("the slow consumer is told and cut off").contains("event: overflow");
            assertThat(received).doesNotContain("{\"n\":" + total + ",");
        }
    }

    @Test
    void aShopsSubscriberNeverSeesAnotherShopsEvents() {
        Person ownerA = api.person("stream-iso-a");
        Shop a = api.createShop(ownerA, "stream-iso-a");
        Person ownerB = api.person("stream-iso-b");
        Shop b = api.createShop(ownerB, "stream-iso-b");
        api.addMember(ownerA, a, ownerB, "viewer");
        try (SseClient streamB = open(b, ticket(b, ownerB.bearer()))) {
            String inA = createProduct(a, ownerA, "Secret of A");
            String inB = createProduct(b, ownerB, "Of B");
            assertThat(streamB.awaitEvent("product.created", inB, WAIT)).isPresent();
            assertThat(streamB.seen()).as("B's stream, even for a member of A").noneMatch(frame -> frame.data().contains(inA)
                    || frame.data().contains(a.id()) || frame.data().contains("Secret of A"));
        }
    }

    private static String tail(ByteArrayOutputStream bytes) {
        byte[] all = bytes.toByteArray();
        int from = Math.max(0, all.length - 4096);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private double dropped() {
        var counter = meters.find("bazaar.stream.dropped").tag("reason", "overflow").counter();
        return counter == null ? 0 : counter.count();
    }
}
