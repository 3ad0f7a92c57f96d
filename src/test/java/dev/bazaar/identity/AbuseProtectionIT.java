package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Login throttling and the stricter rate limits, with 127.0.0.1 as a trusted proxy so that each test can speak from
 * addresses of its own through {@code X-Forwarded-For} (which is ignored from untrusted peers).
 */
@IntegrationTest(properties = {
        "server.tomcat.remoteip.internal-proxies=127.0.0.1",
        "bazaar.identity.login-throttle.pair-free-failures=3",
        "bazaar.identity.login-throttle.account-free-failures=6",
        "bazaar.identity.login-throttle.address-free-failures=10",
        "bazaar.identity.login-throttle.first-lock=30s",
        "bazaar.identity.rate-limits.token-capacity=25",
        "bazaar.identity.rate-limits.token-period=1h",
        "bazaar.identity.rate-limits.registration-capacity=3",
        "bazaar.identity.rate-limits.registration-period=1h",
        "bazaar.identity.rate-limits.password-reset-capacity=3",
        "bazaar.identity.rate-limits.password-reset-period=1h"})
class AbuseProtectionIT extends IdentityHttpTest {

    static final String PASSWORD = "sparrow-basalt-1187";
    static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    /** An address no other test uses, each in a /24 of its own (networks are what "known" is about). */
    static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "203." + (n / 250 % 250) + "." + (n % 250) + ".9";
    }

    HttpResponse<String> login(String email, String password, String address) {
        return client.passwordGrant(email, password, "X-Forwarded-For", address);
    }

    @Test
    void anAccountAndAddressPairIsLockedAfterRepeatedFailuresButOnlyThatPair() {
        String email = client.createAccount(IdentityClient.newEmail("pair"), PASSWORD);
        String attacker = newAddress();
        for (int i = 0; i < 4; i++) {
            assertThat(login(email, "wrong-guess-" + i, attacker).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login(email, PASSWORD, attacker);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(read(locked).get("code").asString()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 31L);

        // The owner, elsewhere, is not locked out by the attacker.
        assertThat(login(email, PASSWORD, newAddress()).statusCode()).isEqualTo(200);
    }

    @Test
    void locksEscalateWithEachFailureAfterTheFreeOnes() {
        String email = client.createAccount(IdentityClient.newEmail("escalate"), PASSWORD);
        String attacker = newAddress();
        for (int i = 0; i < 4; i++) {
            login(email, "wrong-guess-" + i, attacker);
        }
        assertThat(retryAfter(login(email, PASSWORD, attacker))).isBetween(1L, 31L);
        // Let the first lock run out; the next failure locks for twice as long.
        jdbc.sql("update login_throttle set locked_until = now() - interval '1 second' where locked_until > now()").update();
        assertThat(login(email, "wrong-guess-again", attacker).statusCode()).isEqualTo(401);
        assertThat(retryAfter(login(email, PASSWORD, attacker))).isBetween(31L, 61L);
    }

    static long retryAfter(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aDistributedAttackLocksTheAccountButNotForAddressesItSignedInFromBefore() {
        String email = client.createAccount(IdentityClient.newEmail("spread"), PASSWORD);
        String home = newAddress();
        assertThat(login(email, PASSWORD, home).statusCode()).isEqualTo(200);
        for (int i = 0; i < 7; i++) {
            assertThat(login(email, "wrong-guess-" + i, newAddress()).statusCode()).isEqualTo(401);
        }
        assertThat(login(email, PASSWORD, newAddress()).statusCode()).isEqualTo(429);
        assertThat(login(email, PASSWORD, home).statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordResetLiftsTheAccountWideLock() {
        String email = client.createAccount(IdentityClient.newEmail("lift"), PASSWORD);
        for (int i = 0; i < 7; i++) {
            login(email, "wrong-guess-" + i, newAddress());
        }
        assertThat(login(email, PASSWORD, newAddress()).statusCode()).isEqualTo(429);
        client.http().postJson("/api/v1/auth/password-reset", json("email", email), "X-Forwarded-For", newAddress());
        String token = client.awaitMailToken(email, "Reset your password");
        assertThat(client.http().postJson("/api/v1/auth/password-reset/confirm", json("token", token, "new_password", "fresh-start-passphrase"),
                "X-Forwarded-For", newAddress()).statusCode()).isEqualTo(200);
        assertThat(login(email, "fresh-start-passphrase", newAddress()).statusCode()).isEqualTo(200);
    }

    @Test
    void theOwnerCanAlwaysGetBackInThroughAResetFromWhereTheyAre() {
        String email = client.createAccount(IdentityClient.newEmail("comeback"), PASSWORD);
        String owner = newAddress();
        for (int i = 0; i < 7; i++) {
            login(email, "wrong-guess-" + i, newAddress());
        }
        assertThat(login(email, PASSWORD, owner).statusCode()).isEqualTo(429);
        client.http().postJson("/api/v1/auth/password-reset", json("email", email), "X-Forwarded-For", owner);
        String token = client.awaitMailToken(email, "Reset your password");
        client.http().postJson("/api/v1/auth/password-reset/confirm", json("token", token, "new_password", "owner-is-back-again"),
                "X-Forwarded-For", owner);
        // The attacker locks the account again; the owner's network is known now and stays open.
        for (int i = 0; i < 7; i++) {
            login(email, "wrong-guess-" + i, newAddress());
        }
        assertThat(login(email, "owner-is-back-again", newAddress()).statusCode()).isEqualTo(429);
        assertThat(login(email, "owner-is-back-again", owner).statusCode()).isEqualTo(200);
    }

    @Test
    void parallelGuessesAreCountedLikeSequentialOnes() throws Exception {
        String email = client.createAccount(IdentityClient.newEmail("burst"), PASSWORD);
        String attacker = newAddress();
        java.util.List<java.util.concurrent.Future<HttpResponse<String>>> results = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 12; i++) {
                String guess = "parallel-guess-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return login(email, guess, attacker);
                }));
            }
            start.countDown();
            long checked = 0;
            for (var result : results) {
                if (result.get().statusCode() == 401) {
                    checked++;
                }
            }
            // Three free attempts and the one that set the lock: never more passwords checked than that.
            assertThat(checked).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void unknownAddressesAreThrottledExactlyLikeRealAccounts() {
        String real = client.createAccount(IdentityClient.newEmail("real"), PASSWORD);
        String unknown = IdentityClient.newEmail("ghost");
        String attacker = newAddress();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> forReal = login(real, "wrong-guess-" + i, attacker);
            HttpResponse<String> forUnknown = login(unknown, "wrong-guess-" + i, attacker);
            assertThat(forUnknown.statusCode()).isEqualTo(forReal.statusCode());
            assertThat(IdentityClient.problemWithoutRequestId(forUnknown)).isEqualTo(IdentityClient.problemWithoutRequestId(forReal));
        }
        HttpResponse<String> lockedReal = login(real, PASSWORD, attacker);
        HttpResponse<String> lockedUnknown = login(unknown, PASSWORD, attacker);
        assertThat(lockedReal.statusCode()).isEqualTo(429);
        assertThat(lockedUnknown.statusCode()).isEqualTo(429);
        assertThat(read(lockedUnknown).get("code")).isEqualTo(read(lockedReal).get("code"));
        assertThat(read(lockedUnknown).get("detail")).isEqualTo(read(lockedReal).get("detail"));
    }

    @Test
    void oneAddressGuessingManyAccountsIsLocked() {
        String stuffer = newAddress();
        for (int i = 0; i < 11; i++) {
            assertThat(login(IdentityClient.newEmail("stuffed"), "password-guess-" + i, stuffer).statusCode()).isEqualTo(401);
        }
        String victim = client.createAccount(IdentityClient.newEmail("victim"), PASSWORD);
        assertThat(login(victim, PASSWORD, stuffer).statusCode()).isEqualTo(429);
        assertThat(login(victim, PASSWORD, newAddress()).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecondFactorsCountAsFailures() {
        String email = client.createAccount(IdentityClient.newEmail("otpguess"), PASSWORD);
        String address = newAddress();
        String access = IdentityClient.tokens(login(email, PASSWORD, address)).accessToken();
        byte[] secret = new org.apache.commons.codec.binary.Base32().decode(
                read(client.call("POST", "/api/v1/me/mfa/totp", null, access)).get("secret").asString());
        long step = MfaIT.awaitFreshStep();
        client.call("POST", "/api/v1/me/mfa/totp/confirm", json("otp", dev.bazaar.identity.crypto.Totp.code(secret, step)), access);
        String attacker = newAddress();
        int refused = 0;
        for (int i = 0; i < 4 && refused == 0; i++) {
            HttpResponse<String> password = login(email, PASSWORD, attacker);
            if (password.statusCode() == 429) {
                refused++;
                break;
            }
            String mfaToken = read(password).get("mfa_token").asString();
            HttpResponse<String> guess = client.http().postJson("/api/v1/auth/token",
                    json("grant_type", "mfa_otp", "mfa_token", mfaToken, "otp", "000000"), "X-Forwarded-For", attacker);
            refused += guess.statusCode() == 429 ? 1 : 0;
        }
        assertThat(refused).as("wrong codes (and the password steps) count towards the pair's lock").isEqualTo(1);
        assertThat(login(email, PASSWORD, attacker).statusCode()).isEqualTo(429);
    }

    @Test
    void theTokenEndpointHasItsOwnPerAddressLimit() {
        String address = newAddress();
        HttpResponse<String> last = null;
        for (int i = 0; i < 26; i++) {
            last = client.http().postJson("/api/v1/auth/token", json("grant_type", "refresh_token", "refresh_token", "bzr_x"),
                    "X-Forwarded-For", address);
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.headers().firstValue("RateLimit-Policy")).hasValue("\"auth-token\";q=25;w=3600");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(read(last).get("code").asString()).isEqualTo("rate_limited");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        // Another address is unaffected.
        assertThat(client.http().postJson("/api/v1/auth/token", json("grant_type", "refresh_token", "refresh_token", "bzr_x"),
                "X-Forwarded-For", newAddress()).statusCode()).isEqualTo(401);
    }

    @Test
    void registrationAndResetHaveStricterLimits() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(client.http().postJson("/api/v1/accounts", json("email", IdentityClient.newEmail("reg"), "password", PASSWORD),
                    "X-Forwarded-For", address).statusCode()).isEqualTo(202);
            assertThat(client.http().postJson("/api/v1/auth/password-reset", json("email", IdentityClient.newEmail("rst")),
                    "X-Forwarded-For", address).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> registration = client.http().postJson("/api/v1/accounts",
                json("email", IdentityClient.newEmail("reg"), "password", PASSWORD), "X-Forwarded-For", address);
        assertThat(registration.statusCode()).isEqualTo(429);
        assertThat(registration.headers().firstValue("Retry-After")).isPresent();
        assertThat(client.http().postJson("/api/v1/auth/password-reset", json("email", IdentityClient.newEmail("rst")),
                "X-Forwarded-For", address).statusCode()).isEqualTo(429);
    }

    @Test
    void forwardedForFromATrustedProxyIsTheClientAddress() {
        String email = client.createAccount(IdentityClient.newEmail("xff"), PASSWORD);
        String address = newAddress();
        String access = IdentityClient.tokens(login(email, PASSWORD, address)).accessToken();
        assertThat(read(client.get("/api/v1/me/sessions", access)).get("data").get(0).get("ip_address").asString()).isEqualTo(address);
    }
}
