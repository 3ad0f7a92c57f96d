package dev.bazaar.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Bearer authentication for {@code /api/**}: the token is taken only from the {@code Authorization} header (never from
 * a query parameter or form field, RFC 6750 §2.1), offered to every {@link BearerTokenAuthenticator}, and refused with
 * 401 {@code invalid_token} if none accepts it. Operational routes ignore the header (the metrics scraper sends its
 * own token there), and so do the credential endpoints.
 */
@Configuration(proxyBeanMethods = false)
class BearerAuthenticationConfiguration {

    /** Longer credentials are refused before any parsing. */
    static final int MAX_TOKEN_LENGTH = 8192;

    /**
     * The credential endpoints (sign-in grants, revocation, registration, verification, reset) authenticate by what
     * their body holds; a stale access token a client still sends along must not stop it from signing in again.
     */
    static final List<String> CREDENTIAL_ENDPOINTS = List.of("/api/v1/auth/", "/api/v1/accounts");

    @Bean
    BearerTokenResolver bazaarBearerTokenResolver() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return request -> {
            String path = request.getRequestURI();
            boolean credentialEndpoint = CREDENTIAL_ENDPOINTS.stream().anyMatch(path::startsWith);
            return path.startsWith("/api/") && !credentialEndpoint ? header.resolve(request) : null;
        };
    }

    /** Refusals are logged (never the token) like the security events of identity, for 16.3.2-style monitoring. */
    private static final Logger securityLog = LoggerFactory.getLogger("dev.bazaar.security");

    @Bean
    AuthenticationManagerResolver<HttpServletRequest> bazaarBearerAuthentication(List<BearerTokenAuthenticator> authenticators) {
        return request -> authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (token.length() <= MAX_TOKEN_LENGTH) {
                for (BearerTokenAuthenticator authenticator : authenticators) {
                    Optional<Actor> actor = authenticator.authenticate(token);
                    if (actor.isPresent()) {
                        return new ActorAuthentication(actor.get());
                    }
                }
            }
            securityLog.atInfo().addKeyValue("event.action", "access_token_refused").addKeyValue("event.category", "authentication")
                    .addKeyValue("source.ip", request.getRemoteAddr()).addKeyValue("url.path", request.getRequestURI())
                    .log("Security event access_token_refused ip={} path={}", request.getRemoteAddr(), request.getRequestURI());
            throw new InvalidBearerTokenException("The access token is not valid, has expired or was revoked");
        };
    }
}
