package dev.bazaar.catalog;

import org.awaitility.Awaitility;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.TestHttp;
import dev.bazaar.tenancy.TenancyClient;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Product imports and exports over HTTP for tests: multipart uploads and waiting for the jobs. */
public final class CatalogTransfers {

    private CatalogTransfers() {}

    /** POSTs {@code csv} as the multipart field {@code file}. */
    public static HttpResponse<String> upload(TenancyClient api, Shop shop, @Nullable String bearer, String csv, boolean dryRun) {
        String boundary = "bazaar-test-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"products.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        TestHttp http = api.identity().http();
        HttpRequest.Builder request = http.request(shop.path("/product-imports?dry_run=" + dryRun))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", bearer.startsWith("Bearer ") ? bearer : "Bearer " + bearer);
        }
        return http.send(request.build());
    }

    /** Waits until the job resource at {@code path} has one of {@code statuses}, and returns it. */
    public static JsonNode await(TenancyClient api, String path, String bearer, String... statuses) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode job = IdentityClient.read(api.call("GET", path, null, bearer));
            last.set(job);
            return List.of(statuses).contains(job.path("status").asString());
        });
        return last.get();
    }
}
