package dev.bazaar.platform;

import org.springframework.web.cors.CorsConfiguration;

/**
 * A route with cross-origin rules of its own, consulted before the API-wide allow-list
 * ({@code bazaar.http.cors.allowed-origins}): for a route that checks {@code Origin} itself against its own list and
 * answers a refusal as problem details (the real-time stream), where the CORS filter's plain-text refusal would not do.
 */
public record CorsRoute(String pathPattern, CorsConfiguration configuration) {}
