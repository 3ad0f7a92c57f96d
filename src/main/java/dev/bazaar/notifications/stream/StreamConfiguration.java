package dev.bazaar.notifications.stream;

import dev.bazaar.platform.CorsRoute;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

/** Binds {@code bazaar.stream.*}; the stream's cross-origin rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfiguration {

    /**
     * The stream checks {@code Origin} itself ({@link EventStreams#authenticate}) so that a refusal is a 403 problem
     * detail; the CORS layer lets every origin through to that check and answers allowed ones with
     * {@code Access-Control-Allow-Origin}, without credentials (tickets travel in the URL, never cookies).
     */
    @Bean
    CorsRoute streamCors() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(List.of("*"));
        cors.setAllowedMethods(List.of("GET"));
        cors.setAllowedHeaders(List.of("Authorization", "Last-Event-ID", "Cache-Control", "X-Request-Id"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        return new CorsRoute("/api/v1/shops/*/events/stream", cors);
    }
}
