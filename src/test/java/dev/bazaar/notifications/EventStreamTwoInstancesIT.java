package dev.bazaar.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.BazaarApplication;
import dev.bazaar.identity.IdentityClient;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.support.RedisAvailable;
import dev.bazaar.support.TestDatabase;
import dev.bazaar.support.TestHttp;
import dev.bazaar.tenancy.TenancyClient;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances sharing the database and Redis: an event committed through instance one reaches a stream on instance
 * two, and never a stream of another shop there; a ticket from one opens the stream on the other; stopping an
 * instance ends its streams instead of waiting for them.
 */
class EventStreamTwoInstancesIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ConfigurableApplicationContext start(TestDatabase.Created database, String redis) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.url(),
                "--bazaar.redis.url=" + redis));
        return new SpringApplicationBuilder(BazaarApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static TenancyClient client(ConfigurableApplicationContext context) {
        return new TenancyClient(new IdentityClient(new TestHttp(port(context)), context.getBean(AccountService.class)));
    }

    private static String ticket(TenancyClient api, Shop shop, Person person) {
        return api.ok(api.call("POST", shop.path("/events/stream-tickets"), null, person.bearer()), 201).get("ticket").asString();
    }

    @Test
    void anEventCommittedOnOneInstanceReachesTheShopsStreamsOnAnotherAndNoOtherShops() {
        String redis = RedisAvailable.url();
        try (TestDatabase.Created database = TestDatabase.create();
             ConfigurableApplicationContext one = start(database, redis)) {
            ConfigurableApplicationContext two = start(database, redis);
            try {
                TenancyClient first = client(one);
                Person ownerA = first.person("two-a");
                Shop a = first.createShop(ownerA, "two-a");
                Person ownerB = first.person("two-b");
                Shop b = first.createShop(ownerB, "two-b");
                // Tickets from instance one, streams on instance two.
                try (SseClient streamA = SseClient.open(port(two), a.path("/events/stream") + "?ticket=" + ticket(first, a, ownerA));
                     SseClient streamB = SseClient.open(port(two), b.path("/events/stream") + "?ticket=" + ticket(first, b, ownerB))) {
                    assertThat(streamA.status()).as(streamA.body()).isEqualTo(200);
                    assertThat(streamB.status()).as(streamB.body()).isEqualTo(200);
                    // The subscription to Redis is made in the background: keep committing until one arrives.
                    String product = null;
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (System.nanoTime() < deadline) {
                        product = first.ok(first.call("POST", a.path("/products"), """
                                {"title":"From one","status":"active","variants":[{"price":{"amount":100,"currency":"EUR"}}]}""",
                                ownerA.bearer()), 201).get("id").asString();
                        if (streamA.awaitEvent("product.created", product, Duration.ofSeconds(1)).isPresent()) {
                            break;
                        }
                        product = null;
                    }
                    assertThat(product).as("an event committed on instance one reached instance two").isNotNull();
                    String inB = first.ok(first.call("POST", b.path("/products"), """
                            {"title":"Of B","status":"active","variants":[{"price":{"amount":100,"currency":"EUR"}}]}""",
                            ownerB.bearer()), 201).get("id").asString();
                    assertThat(streamB.awaitEvent("product.created", inB, WAIT)).isPresent();
                    assertThat(streamB.seen()).as("shop B's stream on instance two").noneMatch(frame -> frame.data().contains(a.id())
                            || frame.data().contains("From one"));

                    long stopping = System.nanoTime();
                    two.close();
                    assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("open streams do not hold shutdown")
                            .isLessThan(Duration.ofSeconds(10));
                    assertThat(streamA.await(frame -> frame.event().equals("close") && frame.data().contains("shutdown"), WAIT))
                            .isPresent();
                }
            } finally {
                two.close();
            }
        }
    }
}
