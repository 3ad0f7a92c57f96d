package dev.bazaar.webhooks.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
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

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("webhook-deadlines").factory());

    private final TargetGuard guard;
    private final CloseableHttpClient client;
    private final Duration hardDeadline;

    public WebhookSender(TargetGuard guard, WebhooksProperties properties) {
        this.guard = guard;
        this.hardDeadline = properties.connectTimeout().plus(properties.responseTimeout());
        DnsResolver resolver = new DnsResolver() {
            @Override
            public java.net.InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolveWithin(host, properties.connectTimeout());
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(500)
                // Per host as many as in total: endpoints of many shops on one host (a SaaS receiver) must not queue
                // behind each other's connections; each endpoint is bounded by its in-flight permits instead.
                .setMaxConnPerRoute(500)
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
        // A hard limit on the whole attempt: the socket timeouts restart with every byte, so a receiver trickling its
        // headers or an endless body would otherwise hold the attempt (and its permit) for ever.
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            post.cancel();
        }, hardDeadline.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(RoutingSupport.determineHost(post), post, null);
            String text = null;
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                byte[] bytes = entity.getContent().readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    // More than we keep: drop the connection rather than read (or drain) the rest.
                    post.cancel();
                    bytes = Arrays.copyOf(bytes, MAX_BODY);
                }
                text = truncate(new String(bytes, StandardCharsets.UTF_8));
            }
            Result result = new Result(response.getCode(), null, null, millisSince(started), text);
            closeQuietly(response);
            return result;
        } catch (HttpException e) {
            return new Result(null, "forbidden_address", message("The URL has no usable host: ", e), millisSince(started), null);
        } catch (IOException | RuntimeException e) {
            if (response != null) {
                closeQuietly(response);
            }
            if (expired.get()) {
                return new Result(null, "timeout", "No complete answer within " + hardDeadline.toSeconds() + " s",
                        millisSince(started), null);
            }
            return failure(e, started);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The answer is already taken; a connection dropped on purpose may complain while it closes. */
    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to keep
        }
    }

    private static Result failure(Exception failure, long started) {
        try {
            throw failure;
        } catch (TargetGuard.ForbiddenTargetException e) {
            return new Result(null, "forbidden_address", message("", e), millisSince(started), null);
        } catch (UnknownHostException e) {
            return new Result(null, "dns", message("The host could not be resolved: ", e), millisSince(started), null);
        } catch (ConnectTimeoutException e) {
            return new Result(null, "timeout", "Connecting timed out", millisSince(started), null);
        } catch (SocketTimeoutException e) {
            return new Result(null, "timeout", "No response within the response timeout", millisSince(started), null);
        } catch (ConnectException | NoRouteToHostException e) {
            return new Result(null, "connection_refused", "The connection was refused", millisSince(started), null);
        } catch (SSLException e) {
            return new Result(null, "tls", message("TLS failed: ", e), millisSince(started), null);
        } catch (InterruptedIOException e) {
            return new Result(null, "interrupted", "The attempt was interrupted", millisSince(started), null);
        } catch (SocketException e) {
            return new Result(null, "connection_reset", message("The connection was closed: ", e), millisSince(started), null);
        } catch (NoHttpResponseException e) {
            return new Result(null, "connection_reset", "The connection was closed without a response", millisSince(started), null);
        } catch (Exception e) {
            return new Result(null, "io", message(e.getClass().getSimpleName() + ": ", e), millisSince(started), null);
        }
    }

    /** A stored message: bounded like the response body it is kept beside. */
    private static String message(String prefix, Exception e) {
        return truncate(prefix + e.getMessage());
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
