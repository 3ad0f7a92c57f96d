package dev.bazaar.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.identity.IdentityClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Shops, people and keys through the HTTP API, for tenancy's tests. */
public final class TenancyClient {

    public static final Pattern INVITATION_TOKEN = Pattern.compile("bzi_[A-Za-z0-9_-]{64}");
    public static final String PASSWORD = "correct horse battery staple 9";

    /** A signed-in person. */
    public record Person(String email, String accessToken) {
        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    /** A shop with its id and handle. */
    public record Shop(String id, String handle) {
        public String path(String rest) {
            return "/api/v1/shops/" + handle + rest;
        }
    }

    private final IdentityClient identity;

    public TenancyClient(IdentityClient identity) {
        this.identity = identity;
    }

    public IdentityClient identity() {
        return identity;
    }

    public Person person(String label) {
        String email = IdentityClient.newEmail(label);
        identity.createAccount(email, PASSWORD);
        return new Person(email, identity.login(email, PASSWORD).accessToken());
    }

    /** A signed-in platform administrator. */
    public Person administrator() {
        String email = IdentityClient.newEmail("admin");
        identity.createAdministrator(email, PASSWORD);
        return new Person(email, identity.login(email, PASSWORD).accessToken());
    }

    public HttpResponse<String> call(String method, String path, @Nullable String body, @Nullable String bearer, String... headers) {
        if (bearer == null) {
            return identity.http().json(method, path, body, headers);
        }
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = bearer.startsWith("Bearer ") ? bearer : "Bearer " + bearer;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return identity.http().json(method, path, body, all);
    }

    public JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? IdentityClient.JSON.createObjectNode() : IdentityClient.read(response);
    }

    public Shop createShop(Person owner, String handlePrefix) {
        String handle = handlePrefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        JsonNode shop = ok(call("POST", "/api/v1/shops", """
                {"name":"Shop %s","handle":"%s","currency":"EUR","timezone":"Europe/Berlin","locale":"en"}"""
                .formatted(handle, handle), owner.bearer()), 201);
        return new Shop(shop.get("id").asString(), shop.get("handle").asString());
    }

    /** Invites through the API, reads the mail, accepts as the person; returns the member id. */
    public String addMember(Person inviter, Shop shop, Person person, String role) {
        ok(call("POST", shop.path("/invitations"), "{\"email\":\"%s\",\"role\":\"%s\"}".formatted(person.email(), role),
                inviter.bearer()), 201);
        String token = invitationToken(person.email());
        JsonNode accepted = ok(call("POST", "/api/v1/invitations/accept", "{\"token\":\"%s\"}".formatted(token), person.bearer()), 200);
        return accepted.get("member_id").asString();
    }

    /** The token of the newest invitation mailed to the address (mails are sent by a job, so this waits). */
    public String invitationToken(String email) {
        AtomicReference<String> token = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode mail = identity.mails(email).stream().filter(m -> m.get("subject").asString().startsWith("You are invited"))
                    .findFirst().orElse(null);
            assertThat(mail).as("an invitation mail to %s", email).isNotNull();
            Matcher matcher = INVITATION_TOKEN.matcher(mail.get("text").asString());
            assertThat(matcher.find()).as("the invitation mail holds a token").isTrue();
            token.set(matcher.group());
        });
        return token.get();
    }

    /** A new API key's secret. */
    public String apiKey(Person creator, Shop shop, List<String> scopes) {
        String body = "{\"name\":\"test key\",\"scopes\":[" + String.join(",", scopes.stream().map(s -> "\"" + s + "\"").toList()) + "]}";
        return ok(call("POST", shop.path("/api-keys"), body, creator.bearer()), 201).get("secret").asString();
    }

    /** Moves the shop to a plan (as its owner). */
    public void choosePlan(Person owner, Shop shop, String plan) {
        ok(call("PATCH", shop.path("/subscription"), "{\"plan\":\"" + plan + "\"}", owner.bearer()), 200);
    }
}
