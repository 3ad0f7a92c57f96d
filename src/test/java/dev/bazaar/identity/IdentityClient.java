package dev.bazaar.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.identity.application.AccountService;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives identity over real HTTP for tests: accounts, sign-ins, authenticated calls, and the captured mailbox. */
public final class IdentityClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern MAIL_TOKEN = Pattern.compile("bzm_[A-Za-z0-9_-]{43}");

    /** A token pair as the token endpoint returned it. */
    public record Tokens(String accessToken, String refreshToken, long expiresIn) {}

    private final TestHttp http;
    private final AccountService accounts;

    public IdentityClient(TestHttp http, AccountService accounts) {
        this.http = http;
        this.accounts = accounts;
    }

    public TestHttp http() {
        return http;
    }

    /** A unique address for one test. */
    public static String newEmail(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** An active, verified account made directly through the service (no mail round trip). */
    public String createAccount(String email, String password) {
        accounts.createOrGrant(email, "Test " + email, password, null);
        return email;
    }

    /** A platform administrator made directly through the service. */
    public String createAdministrator(String email, String password) {
        accounts.createOrGrant(email, "Admin " + email, password, dev.bazaar.platform.security.Actor.PLATFORM_ADMIN);
        return email;
    }

    public HttpResponse<String> passwordGrant(String email, String password, String... headers) {
        return http.postJson("/api/v1/auth/token", json("grant_type", "password", "email", email, "password", password), headers);
    }

    public Tokens login(String email, String password) {
        return tokens(passwordGrant(email, password));
    }

    public HttpResponse<String> refreshGrant(String refreshToken) {
        return http.postJson("/api/v1/auth/token", json("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public HttpResponse<String> mfaGrant(String mfaToken, String otp) {
        return http.postJson("/api/v1/auth/token", json("grant_type", "mfa_otp", "mfa_token", mfaToken, "otp", otp));
    }

    public static Tokens tokens(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = read(response);
        return new Tokens(body.get("access_token").asString(), body.get("refresh_token").asString(), body.get("expires_in").asLong());
    }

    public HttpResponse<String> get(String path, String accessToken) {
        return http.json("GET", path, null, "Authorization", "Bearer " + accessToken);
    }

    public HttpResponse<String> call(String method, String path, @Nullable String body, String accessToken, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + accessToken;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.json(method, path, body, all);
    }

    /** Registers through the API and follows the verification mail. */
    public String registerAndVerify(String email, String password) {
        HttpResponse<String> registered = http.postJson("/api/v1/accounts", json("email", email, "password", password, "name", "Reg"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        String token = awaitMailToken(email, "Confirm your email address");
        HttpResponse<String> verified = http.postJson("/api/v1/accounts/email-verification", json("token", token));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return email;
    }

    /** Waits for the newest mail to {@code to} with this subject and returns it (text body, subject…). */
    public JsonNode awaitMail(String to, String subject) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<JsonNode> matching = mails(to).stream().filter(m -> m.get("subject").asString().equals(subject)).toList();
            assertThat(matching).as("a mail to %s with subject '%s'", to, subject).isNotEmpty();
            found.set(matching.getFirst());
        });
        return found.get();
    }

    public String awaitMailToken(String to, String subject) {
        return tokenIn(awaitMail(to, subject));
    }

    public static String tokenIn(JsonNode mail) {
        Matcher matcher = MAIL_TOKEN.matcher(mail.get("text").asString());
        assertThat(matcher.find()).as("the mail holds a token").isTrue();
        return matcher.group();
    }

    /** Every captured mail to this address, newest first. */
    public List<JsonNode> mails(String to) {
        JsonNode data = JSON.readTree(http.get("/dev/mailbox.json").body()).get("data");
        return data.valueStream().filter(m -> m.get("to").asString().equals(to)).toList();
    }

    public static JsonNode read(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A JSON object from name/value pairs (values are strings). */
    public static String json(String... pairs) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node.toString();
    }

    /** The problem body without {@code request_id}, to compare two refusals. */
    public static JsonNode problemWithoutRequestId(HttpResponse<String> response) {
        var node = (tools.jackson.databind.node.ObjectNode) read(response);
        node.remove("request_id");
        return node;
    }
}
