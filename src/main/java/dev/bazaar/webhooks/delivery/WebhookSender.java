package dev.bazaar.webhooks.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Sends one webhook request: through a resolver that refuses forbidden addresses and pins the connection to the
 * addresses it vetted, with no redirects, no automatic retries, no proxy, the configured connect and response
 * timeouts, and at most {@link #MAX_BODY} bytes of the answer read.
 */
public final class WebhookSender implements AutoCloseable {

    /** How much of a response body is kept (and read). */
    public static final int MAX_BODY = 1024;

    /** The outcome of one request: a status code, or an error kind with a message. */
    public record Result(@Nullable Integer statusCode, @Nullable String error, @Nullable String message, long latencyMillis,
                         @Nullable String responseBody) {

        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final TargetGuard guard;
    private final CloseableHttpClient client;

    public WebhookSender(TargetGuard guard, WebhooksProperties properties) {
        this.guard = guard;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public java.net.InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(500)
                .setMaxConnPerRoute(50)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.responseTimeout()))
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Bazaar-Webhooks/1")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.ofSeconds(5))
                        .build())
                .evictIdleConnections(Timeout.ofSeconds(30))
                .build();
    }

    /** Posts {@code body} to {@code url} with the given Standard Webhooks headers; never throws for network failures. */
    public Result send(String url, String id, long timestamp, String signature, String body) {
        long started = System.nanoTime();
        Optional<String> refused = guard.checkUrl(url);
        if (refused.isPresent()) {
            return new Result(null, "forbidden_address", "The URL " + refused.get(), 0, null);
        }
        HttpPost post = new HttpPost(URI.create(url));
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signature);
        post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                String text = null;
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        byte[] bytes = in.readNBytes(MAX_BODY);
                        text = truncate(new String(bytes, StandardCharsets.UTF_8));
                    }
                }
                return new Result(response.getCode(), null, null, millisSince(started), text);
            });
        } catch (TargetGuard.ForbiddenTargetException e) {
            return new Result(null, "forbidden_address", e.getMessage(), millisSince(started), null);
        } catch (UnknownHostException e) {
            return new Result(null, "dns", "The host could not be resolved: " + e.getMessage(), millisSince(started), null);
        } catch (ConnectTimeoutException e) {
            return new Result(null, "timeout", "Connecting timed out", millisSince(started), null);
        } catch (SocketTimeoutException e) {
            return new Result(null, "timeout", "No response within the response timeout", millisSince(started), null);
        } catch (ConnectException | NoRouteToHostException e) {
            return new Result(null, "connection_refused", "The connection was refused", millisSince(started), null);
        } catch (SSLException e) {
            return new Result(null, "tls", "TLS failed: " + e.getMessage(), millisSince(started), null);
        } catch (InterruptedIOException e) {
            return new Result(null, "interrupted", "The attempt was interrupted", millisSince(started), null);
        } catch (SocketException e) {
            return new Result(null, "connection_reset", "The connection was closed: " + e.getMessage(), millisSince(started), null);
        } catch (NoHttpResponseException e) {
            return new Result(null, "connection_reset", "The connection was closed without a response", millisSince(started), null);
        } catch (IOException e) {
            return new Result(null, "io", e.getClass().getSimpleName() + ": " + e.getMessage(), millisSince(started), null);
        }
    }

    private static String truncate(String text) {
        // The byte cut may split a character; the column holds at most 1024 characters either way.
        return text.length() <= MAX_BODY ? text : text.substring(0, MAX_BODY);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

}
