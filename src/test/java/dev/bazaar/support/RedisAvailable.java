package dev.bazaar.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;

/** The test Redis: {@code BAZAAR_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}. Missing Redis fails under CI. */
public final class RedisAvailable {

    private RedisAvailable() {}

    public static String url() {
        String url = System.getenv().getOrDefault("BAZAAR_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        URI uri = URI.create(url);
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), 1000);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        if (!reachable) {
            String message = "Redis is not reachable at " + url + " (set BAZAAR_TEST_REDIS_URL)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; under CI=true a missing service is a failure");
            }
            Assumptions.abort(message + "; skipping Redis tests");
        }
        return url;
    }
}
