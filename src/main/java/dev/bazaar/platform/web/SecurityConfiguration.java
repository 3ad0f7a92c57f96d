package dev.bazaar.platform.web;

import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.CorsRoute;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The security filter chain: stateless bearer authentication of {@code /api/**} (see {@code platform.security}),
 * security headers on every response, CORS from the allow-list, problem-details refusals, and the access rules of the operational routes (health public; metrics public in development, behind the
 * metrics token in {@code prod}; the jobs dashboard and the dev mailbox only from loopback outside {@code prod}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Environment environment, BazaarProperties properties,
                                            Problems problems, BearerTokenResolver bearerTokenResolver,
                                            AuthenticationManagerResolver<HttpServletRequest> bearerAuthentication) throws Exception {
        boolean prod = environment.matchesProfiles("prod");
        AuthorizationManager<RequestAuthorizationContext> loopbackOnly =
                (authentication, context) -> new AuthorizationDecision(!prod && LOOPBACK.contains(context.getRequest().getRemoteAddr()));
        AuthorizationManager<RequestAuthorizationContext> metricsAccess =
                (authentication, context) -> new AuthorizationDecision(!prod || hasMetricsToken(context.getRequest(), properties));

        AuthorizationManager<RequestAuthorizationContext> person = (authentication, context) -> new AuthorizationDecision(
                CurrentActor.find().filter(actor -> !actor.isApiKey()).isPresent());
        AuthorizationManager<RequestAuthorizationContext> notApiKey = (authentication, context) -> new AuthorizationDecision(
                CurrentActor.find().filter(Actor::isApiKey).isEmpty());

        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (e instanceof OAuth2AuthenticationException) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                problems.write(request, response, PlatformErrorCode.INVALID_TOKEN, e.getMessage());
            } else {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                problems.write(request, response, PlatformErrorCode.UNAUTHENTICATED, CurrentActor.SIGN_IN_HINT);
            }
        };

        // CSRF protection is off because no ambient credential exists: no cookies or sessions, only bearer headers.
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> {})
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {})
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(bearerTokenResolver)
                        .authenticationManagerResolver(bearerAuthentication)
                        .authenticationEntryPoint(entryPoint))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/v1/me", "/api/v1/me/**").access(person)
                        .requestMatchers("/api/v1/admin/**").hasRole(Actor.PLATFORM_ADMIN.toUpperCase(java.util.Locale.ROOT))
                        // API keys act only inside their shop (the shop-access interceptor checks which shop).
                        .requestMatchers("/api/v1/shops/*", "/api/v1/shops/*/**").permitAll()
                        .requestMatchers("/api/**").access(notApiKey)
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").access(metricsAccess)
                        .requestMatchers("/actuator/**").denyAll()
                        .requestMatchers("/admin/jobs", "/admin/jobs/**", "/db-scheduler", "/db-scheduler/**",
                                "/db-scheduler-api/**").access(loopbackOnly)
                        // In prod the dev routes do not exist at all (404), like any unknown route.
                        .requestMatchers("/dev/**").access(prod ? (a, c) -> new AuthorizationDecision(true) : loopbackOnly)
                        .anyRequest().permitAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, e) -> {
                            if (request.getRequestURI().startsWith("/api/")) {
                                problems.write(request, response, PlatformErrorCode.FORBIDDEN, "You are not allowed to do this");
                            } else {
                                // Operational routes that are closed here should not advertise that they exist.
                                problems.write(request, response, PlatformErrorCode.NOT_FOUND, null);
                            }
                        }));
        return http.build();
    }

    /** No username/password login exists; this stops Boot from generating a default user and printing its password. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException("no such user");
        };
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(BazaarProperties properties, List<CorsRoute> routes) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.http().cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match", "X-Request-Id"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Link", "X-Request-Id", "Idempotent-Replayed", "RateLimit",
                "RateLimit-Policy", "Retry-After", "Deprecation", "Sunset"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        // The first matching pattern wins: routes with their own rules go before the API-wide list.
        routes.forEach(route -> source.registerCorsConfiguration(route.pathPattern(), route.configuration()));
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    private static boolean hasMetricsToken(HttpServletRequest request, BazaarProperties properties) {
        String token = properties.management().metricsToken();
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (token == null || token.isBlank() || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
