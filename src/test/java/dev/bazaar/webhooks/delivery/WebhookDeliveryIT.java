package dev.bazaar.webhooks.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bazaar.catalog.ProductEvent;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import dev.bazaar.webhooks.ReferenceVerifier;
import dev.bazaar.webhooks.WebhookEndpointDisabled;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries to WireMock receivers: signed per Standard Webhooks, frozen bodies, retries after 5xx, timeouts and
 * resets, 410 and continuous failure disabling the endpoint, ping, redelivery, replay, rotation with both signatures,
 * the outbox's durability (rollback, a worker dying mid-flight), and one shop's slow endpoint not delaying another's.
 */
@IntegrationTest(properties = {"bazaar.webhooks.allow-insecure-targets=true", "bazaar.webhooks.retry-delays=200ms,200ms,200ms",
        "bazaar.webhooks.connect-timeout=1s", "bazaar.webhooks.response-timeout=1s", "bazaar.webhooks.disable-after=3s"})
class WebhookDeliveryIT extends TenancyHttpTest {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryIT.class);
    private static WireMockServer receiver;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TenantScope tenantScope;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    Dispatcher dispatcher;
    @Autowired
    Disabled disabled;

    static class Disabled {
        final List<WebhookEndpointDisabled> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(WebhookEndpointDisabled event) {
            events.add(event);
        }
    }

    @TestConfiguration
    static class Listening {
        @Bean
        Disabled disabledEndpoints() {
            return new Disabled();
        }
    }

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    record Endpoint(String id, String secret) {}

    private Endpoint endpoint(Person owner, Shop shop, String path, String events) {
        JsonNode created = api.ok(api.call("POST", shop.path("/webhook-endpoints"), """
                {"url":"http://127.0.0.1:%d%s","events":%s}""".formatted(receiver.port(), path, events), owner.bearer()), 201);
        return new Endpoint(created.get("id").asString(), created.get("secret").asString());
    }

    private String product(Person owner, Shop shop, String title) {
        return api.ok(api.call("POST", shop.path("/products"), """
                {"title":"%s","variants":[{"price":{"amount":100,"currency":"EUR"}}]}""".formatted(title), owner.bearer()), 201)
                .get("id").asString();
    }

    private List<LoggedRequest> received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private JsonNode deliveries(Person owner, Shop shop, Endpoint endpoint) {
        return api.ok(api.call("GET", shop.path("/webhook-endpoints/" + endpoint.id() + "/deliveries"), null, owner.bearer()), 200)
                .get("data");
    }

    /** Polls the database, not the API (which rate-limits a shop's callers): the endpoint's deliveries' statuses and attempts. */
    private List<String> stored(Shop shop, Endpoint endpoint) {
        UUID tenant = UUID.fromString(shop.id());
        return tenantScope.call(tenant, () -> transaction.execute(status -> jdbc
                .sql("select status || ':' || attempt_count from webhook_deliveries where tenant_id = ? and endpoint_id = ?")
                .param(tenant).param(UUID.fromString(endpoint.id())).query(String.class).list()));
    }

    private String eventBody(Shop shop, String eventId) {
        UUID tenant = UUID.fromString(shop.id());
        return tenantScope.call(tenant, () -> transaction.execute(status -> jdbc
                .sql("select body from events where tenant_id = ? and id = ?").param(tenant).param(UUID.fromString(eventId))
                .query(String.class).single()));
    }

    private static void verify(LoggedRequest request, String secret) {
        new ReferenceVerifier(secret).verify(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                request.getHeader("webhook-signature"), request.getBodyAsString());
    }

    @Test
    void deliversSignedFrozenEventsThatTheReferenceVerifierAccepts() {
        receiver.stubFor(post("/ok").willReturn(aResponse().withStatus(200).withBody("thanks")));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-ok");
        Endpoint endpoint = endpoint(owner, shop, "/ok", "[\"product.*\"]");
        long started = System.nanoTime();
        String product = product(owner, shop, "Lamp");
        await("the event arrives", Duration.ofSeconds(10), () -> received("/ok").stream()
                .anyMatch(r -> r.getBodyAsString().contains(product)));
        log.info("commit to receiver: about {} ms (request round trip included)", (System.nanoTime() - started) / 1_000_000);

        LoggedRequest request = received("/ok").stream().filter(r -> r.getBodyAsString().contains(product)).findFirst().orElseThrow();
        verify(request, endpoint.secret());
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        String id = request.getHeader("webhook-id");
        assertThat(request.getBodyAsString()).as("the frozen body, byte for byte").isEqualTo(eventBody(shop, id));
        assertThatThrownBy(() -> new ReferenceVerifier(endpoint.secret()).verify(id, request.getHeader("webhook-timestamp"),
                request.getHeader("webhook-signature"), request.getBodyAsString() + " "))
                .as("a changed body fails").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReferenceVerifier(endpoint.secret()).verify(id, request.getHeader("webhook-timestamp"),
                request.getHeader("webhook-signature"), request.getBodyAsString(), Instant.now().plusSeconds(600)))
                .as("an old delivery fails").isInstanceOf(IllegalArgumentException.class);

        await("the attempt is recorded", Duration.ofSeconds(5), () -> deliveries(owner, shop, endpoint).get(0).get("status")
                .asString().equals("succeeded"));
        JsonNode delivery = deliveries(owner, shop, endpoint).get(0);
        assertThat(delivery.get("event_id").asString()).isEqualTo(id);
        assertThat(delivery.get("event_type").asString()).isEqualTo("product.created");
        assertThat(delivery.get("attempts")).hasSize(1);
        assertThat(delivery.get("attempts").get(0).get("status_code").asInt()).isEqualTo(200);
        assertThat(delivery.get("attempts").get(0).get("response_body").asString()).isEqualTo("thanks");
        assertThat(delivery.get("attempts").get(0).has("latency_ms")).isTrue();
    }

    @Test
    void retriesAfter5xxTimeoutAndResetKeepingTheWebhookId() {
        for (String path : List.of("/flaky", "/slow", "/reset")) {
            var first = switch (path) {
                case "/flaky" -> aResponse().withStatus(503).withBody("busy");
                case "/slow" -> aResponse().withStatus(200).withFixedDelay(2500);
                default -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            };
            receiver.stubFor(post(path).inScenario(path).whenScenarioStateIs(Scenario.STARTED).willReturn(first)
                    .willSetStateTo("recovered"));
            receiver.stubFor(post(path).inScenario(path).whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(204)));
        }
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-retry");
        api.choosePlan(owner, shop, "basic");
        Endpoint flaky = endpoint(owner, shop, "/flaky", "[\"product.created\"]");
        Endpoint slow = endpoint(owner, shop, "/slow", "[\"*\"]");
        Endpoint reset = endpoint(owner, shop, "/reset", "[\"product.*\"]");
        product(owner, shop, "Cup");

        for (var pair : List.of(List.of("/flaky", flaky, "503"), List.of("/slow", slow, "timeout"), List.of("/reset", reset, "connection_reset"))) {
            String path = (String) pair.get(0);
            Endpoint endpoint = (Endpoint) pair.get(1);
            await(path + " succeeds", Duration.ofSeconds(15), () -> deliveries(owner, shop, endpoint).get(0).get("status")
                    .asString().equals("succeeded"));
            List<LoggedRequest> requests = received(path);
            assertThat(requests).as(path).hasSizeGreaterThanOrEqualTo(2);
            assertThat(requests.stream().map(r -> r.getHeader("webhook-id")).distinct()).as("one webhook-id").hasSize(1);
            requests.forEach(r -> verify(r, endpoint.secret()));
            JsonNode attempts = deliveries(owner, shop, endpoint).get(0).get("attempts");
            assertThat(attempts).hasSize(2);
            JsonNode failedAttempt = attempts.get(0);
            if (pair.get(2).equals("503")) {
                assertThat(failedAttempt.get("status_code").asInt()).isEqualTo(503);
                assertThat(failedAttempt.get("response_body").asString()).isEqualTo("busy");
            } else {
                assertThat(failedAttempt.get("error").asString()).isEqualTo(pair.get(2));
            }
            assertThat(attempts.get(1).get("status_code").asInt()).isEqualTo(204);
        }
    }

    @Test
    void goneDisablesTheEndpointAtOnceAndNotifies() {
        receiver.stubFor(post("/gone").willReturn(aResponse().withStatus(410)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-gone");
        Endpoint endpoint = endpoint(owner, shop, "/gone", "[\"product.created\"]");
        product(owner, shop, "Gone");
        await("the endpoint is disabled", Duration.ofSeconds(10), () -> !api.ok(api.call("GET",
                shop.path("/webhook-endpoints/" + endpoint.id()), null, owner.bearer()), 200).get("enabled").asBoolean());
        JsonNode details = api.ok(api.call("GET", shop.path("/webhook-endpoints/" + endpoint.id()), null, owner.bearer()), 200);
        assertThat(details.get("disabled_reason").asString()).isEqualTo("gone");
        assertThat(disabled.events).anySatisfy(event -> {
            assertThat(event.endpointId().toString()).isEqualTo(endpoint.id());
            assertThat(event.reason()).isEqualTo("gone");
        });
        assertThat(received("/gone")).hasSize(1);
        product(owner, shop, "Gone again");
        assertThat(deliveries(owner, shop, endpoint)).as("a disabled endpoint gets no new deliveries").hasSize(1);
        assertThat(api.call("POST", shop.path("/webhook-endpoints/" + endpoint.id() + "/test"), null, owner.bearer()).statusCode())
                .isEqualTo(422);
        api.ok(api.call("PATCH", shop.path("/webhook-endpoints/" + endpoint.id()), "{\"enabled\":true}", owner.bearer()), 200);
        assertThat(api.ok(api.call("GET", shop.path("/webhook-endpoints/" + endpoint.id()), null, owner.bearer()), 200)
                .get("disabled_reason").isNull()).isTrue();
    }

    @Test
    void anEndpointFailingLongerThanDisableAfterIsDisabled() throws InterruptedException {
        receiver.stubFor(post("/down").willReturn(aResponse().withStatus(500)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-down");
        Endpoint endpoint = endpoint(owner, shop, "/down", "[\"product.created\"]");
        product(owner, shop, "One");
        await("the first delivery gives up", Duration.ofSeconds(10), () -> deliveries(owner, shop, endpoint).get(0)
                .get("status").asString().equals("failed"));
        assertThat(deliveries(owner, shop, endpoint).get(0).get("attempts")).as("the first and three retries").hasSize(4);
        Thread.sleep(3200);
        product(owner, shop, "Two");
        await("the endpoint is disabled", Duration.ofSeconds(10), () -> disabled.events.stream()
                .anyMatch(event -> event.endpointId().toString().equals(endpoint.id()) && event.reason().equals("failing")));
    }

    @Test
    void pingRedeliverAndReplayReuseTheWebhookId() {
        receiver.stubFor(post("/tools").willReturn(aResponse().withStatus(200)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-tools");
        Endpoint endpoint = endpoint(owner, shop, "/tools", "[\"product.created\"]");
        Instant before = Instant.now().minusSeconds(1);
        String product = product(owner, shop, "Replayed");
        await("the event arrives", Duration.ofSeconds(10), () -> received("/tools").size() == 1);
        String id = received("/tools").getFirst().getHeader("webhook-id");

        JsonNode ping = api.ok(api.call("POST", shop.path("/webhook-endpoints/" + endpoint.id() + "/test"), null, owner.bearer()), 202);
        assertThat(ping.get("event_type").asString()).isEqualTo("ping");
        await("the ping arrives", Duration.ofSeconds(10), () -> received("/tools").size() == 2);
        LoggedRequest pingRequest = received("/tools").stream().filter(r -> r.getBodyAsString().contains("\"ping\"")).findFirst().orElseThrow();
        verify(pingRequest, endpoint.secret());

        await("the delivery is recorded", Duration.ofSeconds(5), () -> deliveries(owner, shop, endpoint).findValues("status")
                .stream().allMatch(status -> status.asString().equals("succeeded")));
        String delivery = deliveries(owner, shop, endpoint).valueStream()
                .filter(d -> d.get("event_id").asString().equals(id)).findFirst().orElseThrow().get("id").asString();
        api.ok(api.call("POST", shop.path("/webhook-endpoints/" + endpoint.id() + "/deliveries/" + delivery + "/redeliver"),
                null, owner.bearer()), 202);
        await("the redelivery arrives", Duration.ofSeconds(10), () -> received("/tools").size() == 3);

        JsonNode replay = api.ok(api.call("POST", shop.path("/webhook-endpoints/" + endpoint.id() + "/replay"),
                "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(before, Instant.now().plusSeconds(1)), owner.bearer()), 202);
        assertThat(replay.get("enqueued").asInt()).as("the product event, not the ping").isEqualTo(1);
        await("the replay arrives", Duration.ofSeconds(10), () -> received("/tools").size() == 4);
        assertThat(received("/tools").stream().filter(r -> r.getBodyAsString().contains(product)).map(r -> r.getHeader("webhook-id")))
                .hasSize(3).containsOnly(id);
        assertThat(api.call("POST", shop.path("/webhook-endpoints/" + endpoint.id() + "/replay"),
                "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(before.minus(Duration.ofDays(8)), before), owner.bearer()).statusCode())
                .isEqualTo(422);
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOne() {
        receiver.stubFor(post("/rotated").willReturn(aResponse().withStatus(200)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-rotate");
        Endpoint endpoint = endpoint(owner, shop, "/rotated", "[\"product.created\"]");
        String rotated = api.ok(api.call("POST", shop.path("/webhook-endpoints/" + endpoint.id() + "/rotate-secret"), null,
                owner.bearer()), 200).get("secret").asString();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        product(owner, shop, "Rotated");
        await("the event arrives", Duration.ofSeconds(10), () -> received("/rotated").size() == 1);
        LoggedRequest request = received("/rotated").getFirst();
        assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2).allMatch(part -> part.startsWith("v1,"));
        verify(request, endpoint.secret());
        verify(request, rotated);
    }

    @Test
    void exactlyTheCommittedEventsAreDelivered() {
        receiver.stubFor(post("/tx").willReturn(aResponse().withStatus(200)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-tx");
        Endpoint endpoint = endpoint(owner, shop, "/tx", "[\"product.updated\"]");
        String product = product(owner, shop, "Tx");
        UUID tenant = UUID.fromString(shop.id());
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
            publisher.publishEvent(new ProductEvent.ProductUpdated(tenant, UUID.fromString(product), "tx", Instant.now()));
            status.setRollbackOnly();
        }));
        api.ok(api.call("PATCH", shop.path("/products/" + product), "{\"title\":\"Committed\"}", owner.bearer()), 200);
        await("the committed event arrives", Duration.ofSeconds(10), () -> received("/tx").size() == 1);
        await("it is recorded", Duration.ofSeconds(5), () -> deliveries(owner, shop, endpoint).get(0).get("status").asString()
                .equals("succeeded"));
        assertThat(deliveries(owner, shop, endpoint)).hasSize(1);
        assertThat(received("/tx").getFirst().getBodyAsString()).contains("Committed");
    }

    @Test
    void anAttemptInterruptedMidFlightIsMadeAgainWithTheSameWebhookId() throws InterruptedException {
        receiver.stubFor(post("/crash").inScenario("crash").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(800)).willSetStateTo("restarted"));
        receiver.stubFor(post("/crash").inScenario("crash").whenScenarioStateIs("restarted").willReturn(aResponse().withStatus(200)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-crash");
        Endpoint endpoint = endpoint(owner, shop, "/crash", "[\"product.created\"]");
        product(owner, shop, "Crash");
        await("the delivery exists", Duration.ofSeconds(10), () -> !deliveries(owner, shop, endpoint).isEmpty());
        // The receiver holds the first request for 800 ms: by now it is in flight.
        Thread.sleep(400);
        // The worker dies: the response is never recorded; only the durable fallback knows the attempt must happen.
        dispatcher.abandonInFlight();
        await("the attempt is made again", Duration.ofSeconds(30), () -> received("/crash").size() >= 2);
        await("and recorded", Duration.ofSeconds(5), () -> deliveries(owner, shop, endpoint).get(0).get("status").asString()
                .equals("succeeded"));
        assertThat(received("/crash").stream().map(r -> r.getHeader("webhook-id")).distinct()).hasSize(1);
        assertThat(deliveries(owner, shop, endpoint)).hasSize(1);
    }

    @Test
    void aSlowShopDoesNotDelayAnotherShopsDeliveries() {
        receiver.stubFor(post("/hanging").willReturn(aResponse().withStatus(200).withFixedDelay(900)));
        receiver.stubFor(post("/prompt").willReturn(aResponse().withStatus(200)));
        Person ownerA = api.person("owner-a");
        Shop slowShop = api.createShop(ownerA, "wh-slow");
        Endpoint hanging = endpoint(ownerA, slowShop, "/hanging", "[\"product.created\"]");
        for (int i = 0; i < 16; i++) {
            product(ownerA, slowShop, "Slow " + i);
        }
        Person ownerB = api.person("owner-b");
        Shop promptShop = api.createShop(ownerB, "wh-prompt");
        endpoint(ownerB, promptShop, "/prompt", "[\"product.created\"]");
        long started = System.nanoTime();
        product(ownerB, promptShop, "Prompt");
        await("shop B's event arrives", Duration.ofSeconds(10), () -> received("/prompt").size() == 1);
        log.info("shop B delivered in about {} ms while shop A's endpoint hangs", (System.nanoTime() - started) / 1_000_000);
        long pendingForA = deliveries(ownerA, slowShop, hanging).valueStream()
                .filter(d -> d.get("status").asString().equals("pending")).count();
        assertThat(pendingForA).as("shop B was served while shop A's backlog still waits").isGreaterThan(4);
        // The slow endpoint's senders take its backlog one after another at its own pace.
        await("shop A's backlog drains", Duration.ofSeconds(60), () -> stored(slowShop, hanging).stream()
                .allMatch(d -> d.startsWith("succeeded")));
        assertThat(received("/hanging")).hasSize(16);
    }

    /**
     * A receiver that answers 200 at once with a chunked body that never ends: {@code head} bytes first, then 10 bytes
     * every 200 ms (well within any read timeout). Stops when the client goes.
     */
    private static int trickling(int head) throws java.io.IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    java.net.Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                                    java.nio.charset.StandardCharsets.ISO_8859_1));
                            int length = 0;
                            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                    length = Integer.parseInt(line.substring(15).trim());
                                }
                            }
                            in.skip(length);
                            var out = socket.getOutputStream();
                            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                            if (head > 0) {
                                out.write((Integer.toHexString(head) + "\r\n" + "y".repeat(head) + "\r\n")
                                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                            }
                            out.flush();
                            for (int i = 0; i < 300; i++) {
                                out.write("a\r\nxxxxxxxxxx\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                                out.flush();
                                Thread.sleep(200);
                            }
                        } catch (java.io.IOException | InterruptedException gone) {
                            // the client dropped the connection, as it should
                        }
                    });
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private Endpoint endpointAt(Person owner, Shop shop, int port) {
        JsonNode created = api.ok(api.call("POST", shop.path("/webhook-endpoints"), """
                {"url":"http://127.0.0.1:%d/hook","events":["product.created"]}""".formatted(port), owner.bearer()), 201);
        return new Endpoint(created.get("id").asString(), created.get("secret").asString());
    }

    @Test
    void anAttemptHasAHardLimitAndReadsAtMostOneKilobyte() throws java.io.IOException {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-limits");
        // Every read comes within the 1 s response timeout, the whole answer never does: cut at 1 s + 1 s.
        Endpoint trickle = endpointAt(owner, shop, trickling(0));
        // 2 KB at once, then more for ever: the first kilobyte is all that is read, then the connection is dropped.
        Endpoint endless = endpointAt(owner, shop, trickling(2048));
        product(owner, shop, "Slow answer");
        await("the trickled attempt is cut and recorded", Duration.ofSeconds(10), () -> stored(shop, trickle).stream()
                .anyMatch(d -> !d.endsWith(":0")));
        JsonNode cut = deliveries(owner, shop, trickle).get(0).get("attempts").get(0);
        assertThat(cut.get("error").asString()).isEqualTo("timeout");
        assertThat(cut.get("response_body").asString()).startsWith("No complete answer within");
        assertThat(cut.get("latency_ms").asLong()).as("cut at connect + response timeout").isBetween(1_500L, 5_000L);
        await("the endless answer is recorded", Duration.ofSeconds(10), () -> stored(shop, endless).equals(List.of("succeeded:1")));
        JsonNode read = deliveries(owner, shop, endless).get(0).get("attempts").get(0);
        assertThat(read.get("latency_ms").asLong()).isLessThan(1_500);
        assertThat(read.get("response_body").asString()).hasSize(1024);
    }

    @Test
    void aRedeliveryWhileAnAttemptIsInFlightIsSentToo() throws InterruptedException {
        receiver.stubFor(post("/rearm").willReturn(aResponse().withStatus(200).withFixedDelay(700)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-rearm");
        Endpoint endpoint = endpoint(owner, shop, "/rearm", "[\"product.created\"]");
        product(owner, shop, "Twice");
        await("the delivery exists", Duration.ofSeconds(10), () -> !stored(shop, endpoint).isEmpty());
        Thread.sleep(300);
        String delivery = deliveries(owner, shop, endpoint).get(0).get("id").asString();
        api.ok(api.call("POST", shop.path("/webhook-endpoints/" + endpoint.id() + "/deliveries/" + delivery + "/redeliver"),
                null, owner.bearer()), 202);
        await("both the first attempt and the redelivery arrive", Duration.ofSeconds(15), () -> received("/rearm").size() == 2);
        await("and the delivery ends", Duration.ofSeconds(5), () -> stored(shop, endpoint).equals(List.of("succeeded:2")));
        assertThat(received("/rearm").stream().map(r -> r.getHeader("webhook-id")).distinct()).hasSize(1);
    }

    @Test
    void theSweepGivesAStalledEndpointANewSender() {
        receiver.stubFor(post("/swept").willReturn(aResponse().withStatus(204)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-sweep");
        String product = product(owner, shop, "Before the endpoint");
        Endpoint endpoint = endpoint(owner, shop, "/swept", "[\"product.*\"]");
        UUID tenant = UUID.fromString(shop.id());
        // A due delivery without any job: what a sender that died between two deliveries leaves behind.
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
                        insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, status, next_attempt_at)
                        select tenant_id, gen_random_uuid(), ?, id, 'pending', now() - interval '1 minute'
                        from events where tenant_id = ? and subject_id = ?""")
                .param(UUID.fromString(endpoint.id())).param(tenant).param(UUID.fromString(product)).update()));
        dispatcher.sweep();
        await("the stalled delivery is sent", Duration.ofSeconds(10), () -> received("/swept").size() == 1);
        await("and recorded", Duration.ofSeconds(5), () -> stored(shop, endpoint).equals(List.of("succeeded:1")));
    }

    @Test
    void disablingAnEndpointStopsItsPendingDeliveries() throws InterruptedException {
        receiver.stubFor(post("/paused").willReturn(aResponse().withStatus(503)));
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-paused");
        Endpoint endpoint = endpoint(owner, shop, "/paused", "[\"product.created\"]");
        product(owner, shop, "Paused");
        await("the first attempt failed", Duration.ofSeconds(10), () -> !received("/paused").isEmpty());
        api.ok(api.call("PATCH", shop.path("/webhook-endpoints/" + endpoint.id()), "{\"enabled\":false}", owner.bearer()), 200);
        await("its pending delivery stops", Duration.ofSeconds(5), () -> stored(shop, endpoint).stream()
                .allMatch(d -> d.startsWith("failed")));
        int sent = received("/paused").size();
        Thread.sleep(1_000);
        assertThat(received("/paused")).as("no attempt after disabling").hasSize(sent);
        assertThat(deliveries(owner, shop, endpoint).get(0).get("last_error").asString()).isEqualTo("endpoint_disabled");
    }

    @Test
    void theDeliveriesListCostsTheSameQueriesForOneAsForMany() {
        receiver.stubFor(post("/counted").willReturn(aResponse().withStatus(204)));
        Person owner = api.person("owner");
        Shop one = api.createShop(owner, "wh-count-one");
        Endpoint single = endpoint(owner, one, "/counted", "[\"product.created\"]");
        product(owner, one, "Only");
        Shop many = api.createShop(owner, "wh-count-many");
        Endpoint several = endpoint(owner, many, "/counted", "[\"product.created\"]");
        for (int i = 0; i < 6; i++) {
            product(owner, many, "Many " + i);
        }
        await("all delivered", Duration.ofSeconds(15), () -> stored(one, single).equals(List.of("succeeded:1"))
                && stored(many, several).size() == 6 && stored(many, several).stream().allMatch(d -> d.equals("succeeded:1")));
        int forOne = statements(owner, one.path("/webhook-endpoints/" + single.id() + "/deliveries"));
        int forSix = statements(owner, many.path("/webhook-endpoints/" + several.id() + "/deliveries"));
        assertThat(forOne).as("the statements are counted").isPositive();
        assertThat(forSix).as("N+1-free: deliveries and their attempts").isEqualTo(forOne);
    }

    private int statements(Person owner, String path) {
        String requestId = "count-" + UUID.randomUUID();
        var response = api.call("GET", path, null, owner.bearer(), "X-Request-Id", requestId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return dev.bazaar.support.QueryCounter.statementsOf(requestId);
    }
}
