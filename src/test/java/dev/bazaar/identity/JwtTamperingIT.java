package dev.bazaar.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.identity.crypto.SigningKeys;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every forged, altered or misused access token is a 401 {@code invalid_token} on a protected route: never 200, never
 * 500. The positive control proves the forging helper produces tokens the server does accept, so a refusal below is the
 * server's verification working, not a broken test.
 */
@IntegrationTest
class JwtTamperingIT {

    static final String PASSWORD = "tamper-proof-ledger-31";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SigningKeys signingKeys;

    IdentityClient client;
    IdentityClient.Tokens tokens;
    SignedJWT genuine;
    ECKey key;

    @BeforeEach
    void setUp() throws Exception {
        client = new IdentityClient(new TestHttp(port), accounts);
        String email = client.createAccount(IdentityClient.newEmail("jwt"), PASSWORD);
        tokens = client.login(email, PASSWORD);
        genuine = SignedJWT.parse(tokens.accessToken());
        key = signingKeys.current().signing();
    }

    @Test
    void positiveControlGenuineAndReSignedTokensAreAccepted() throws Exception {
        assertThat(me(tokens.accessToken()).statusCode()).isEqualTo(200);
        assertThat(me(sign(genuine.getJWTClaimsSet(), header())).statusCode()).isEqualTo(200);
    }

    @Test
    void algNoneInEveryCasingIsRefused() throws Exception {
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + key.getKeyID() + "\"}").toString();
            String payload = genuine.getPayload().toBase64URL().toString();
            assertRefused(header + "." + payload + ".");
            assertRefused(header + "." + payload + "." + genuine.getSignature());
        }
    }

    @Test
    void strippedOrCorruptedSignaturesAreRefused() {
        String[] parts = tokens.accessToken().split("\\.");
        assertRefused(parts[0] + "." + parts[1]);
        assertRefused(parts[0] + "." + parts[1] + ".");
        char last = parts[2].charAt(10);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedEvenWithTheRightKid() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
        SignedJWT forged = new SignedJWT(header().build(), genuine.getJWTClaimsSet());
        forged.sign(new ECDSASigner(attacker));
        assertRefused(forged.serialize());
    }

    @Test
    void algorithmConfusionHmacKeyedWithThePublicKeyIsRefused() throws Exception {
        for (byte[] secret : List.of(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                key.toECPublicKey().getEncoded(), padded(client.http().get("/.well-known/jwks.json").body()))) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), genuine.getJWTClaimsSet());
            forged.sign(new MACSigner(padded(secret)));
            assertRefused(forged.serialize());
        }
    }

    @Test
    void alteredClaimsBreakTheSignature() throws Exception {
        JWTClaimsSet original = genuine.getJWTClaimsSet();
        for (JWTClaimsSet altered : List.of(
                new JWTClaimsSet.Builder(original).subject(UUID.randomUUID().toString()).build(),
                new JWTClaimsSet.Builder(original).expirationTime(Date.from(Instant.now().plusSeconds(86_400))).build(),
                new JWTClaimsSet.Builder(original).claim("amr", List.of("pwd", "otp")).build())) {
            assertRefused(genuine.getHeader().toBase64URL() + "." + Base64URL.encode(altered.toString()) + "." + genuine.getSignature());
        }
    }

    @Test
    void expiredNotYetValidAndFutureIssuedTokensAreRefused() throws Exception {
        Instant now = Instant.now();
        assertRefused(signWith(c -> c.issueTime(Date.from(now.minusSeconds(1200))).notBeforeTime(Date.from(now.minusSeconds(1200)))
                .expirationTime(Date.from(now.minusSeconds(120)))));
        assertRefused(signWith(c -> c.notBeforeTime(Date.from(now.plusSeconds(300)))));
        assertRefused(signWith(c -> c.issueTime(Date.from(now.plusSeconds(300))).notBeforeTime(Date.from(now.minusSeconds(1)))));
    }

    @Test
    void missingRequiredClaimsAreRefused() throws Exception {
        for (String claim : List.of("exp", "iat", "nbf", "sub", "jti", "sid", "auth_time")) {
            assertRefused(signWith(c -> c.claim(claim, null)));
        }
    }

    @Test
    void wrongAudienceOrIssuerIsRefused() throws Exception {
        assertRefused(signWith(c -> c.audience("another-service")));
        assertRefused(signWith(c -> c.audience(List.of())));
        assertRefused(signWith(c -> c.issuer("https://evil.example.com")));
    }

    @Test
    void unknownMissingKidAndWrongTypeAreRefused() throws Exception {
        assertRefused(sign(genuine.getJWTClaimsSet(), header().keyID(UUID.randomUUID().toString())));
        assertRefused(sign(genuine.getJWTClaimsSet(), new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))));
        assertRefused(sign(genuine.getJWTClaimsSet(), header().type(JOSEObjectType.JWT)));
        assertRefused(sign(genuine.getJWTClaimsSet(), header().type(null)));
    }

    @Test
    void aValidlySignedTokenForAnUnknownOrRevokedSessionIsRefused() throws Exception {
        assertRefused(signWith(c -> c.claim("sid", UUID.randomUUID().toString())));
        client.http().postJson("/api/v1/auth/revoke", IdentityClient.json("refresh_token", tokens.refreshToken()));
        assertRefused(tokens.accessToken());
    }

    @Test
    void oversizedTokensAreRefused() throws Exception {
        assertRefused(signWith(c -> c.claim("padding", "x".repeat(9_000))));
        assertRefused("a".repeat(12_000));
    }

    @Test
    void otherCredentialsPresentedAsAccessTokensAreRefused() {
        assertRefused(tokens.refreshToken());
        assertRefused("bzmfa_" + "A".repeat(43));
        assertRefused("bzm_" + "A".repeat(43));
        assertRefused("not a token at all");
        assertRefused("e30.e30.e30");
        assertRefused("....");
    }

    @Test
    void tokensInTheQueryStringAreIgnored() {
        HttpResponse<String> response = client.http().get("/api/v1/me?access_token=" + tokens.accessToken());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(IdentityClient.read(response).get("code").asString()).isEqualTo("unauthenticated");
    }

    @Test
    void malformedAuthorizationHeadersAreRefusedCleanly() {
        for (String header : List.of("Bearer", "Bearer ", "Bearer  " + tokens.accessToken(), "Basic dXNlcjpwYXNz")) {
            HttpResponse<String> response = client.http().send(client.http().request("/api/v1/me").header("Authorization", header).GET().build());
            assertThat(response.statusCode()).as(header).isEqualTo(401);
        }
    }

    private HttpResponse<String> me(String accessToken) {
        return client.get("/api/v1/me", accessToken);
    }

    private void assertRefused(String token) {
        HttpResponse<String> response = me(token);
        assertThat(response.statusCode()).as("token %s…", token.substring(0, Math.min(40, token.length()))).isEqualTo(401);
        assertThat(IdentityClient.read(response).get("code").asString()).isEqualTo("invalid_token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    private JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt"));
    }

    private String signWith(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return sign(change.apply(new JWTClaimsSet.Builder(genuine.getJWTClaimsSet())).build(), header());
    }

    private String sign(JWTClaimsSet claims, JWSHeader.Builder header) throws Exception {
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static byte[] padded(String text) {
        return padded(text.getBytes(StandardCharsets.UTF_8));
    }

    /** HS256 needs a key of at least 256 bits; real attacks use the public key bytes as they are, which are longer. */
    private static byte[] padded(byte[] secret) {
        if (secret.length >= 32) {
            return secret;
        }
        byte[] longer = new byte[32];
        System.arraycopy(secret, 0, longer, 0, secret.length);
        return longer;
    }
}
