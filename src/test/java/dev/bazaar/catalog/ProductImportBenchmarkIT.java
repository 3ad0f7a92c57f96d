package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * One measured run of a 50,000-row import (25,000 products of two variants) and the export of the result, for
 * docs/PERFORMANCE.md. Opt-in, never part of the suite: {@code -Dbazaar.bench.import=true} (and, to prove the bound,
 * a small heap through {@code -DargLine=-Xmx…}). Prints rows/s and the highest heap use sampled during each phase.
 */
@IntegrationTest(properties = {"bazaar.catalog.transfers.batch-size=100", "db-scheduler.polling-interval=100ms"})
@EnabledIfSystemProperty(named = "bazaar.bench.import", matches = "true")
class ProductImportBenchmarkIT extends TenancyHttpTest {

    static final int PRODUCTS = 25_000;

    /** A generated file: every product with a description, tags, two sizes with SKUs and prices, and an image. */
    static String file(int products) {
        StringBuilder csv = new StringBuilder("Handle,Title,Body (HTML),Vendor,Type,Tags,Status,Option1 Name,Option1 Value,"
                + "Variant SKU,Variant Price,Variant Compare At Price,Variant Grams,Image Src,Image Alt Text\n");
        for (int i = 0; i < products; i++) {
            String handle = "bench-product-" + i;
            csv.append(handle).append(",Bench product ").append(i)
                    .append(",\"<p>A sturdy, comfortable product number ").append(i).append(", made to last.</p>\",Vendor ")
                    .append(i % 40).append(",Type ").append(i % 12).append(",\"bench, tag-").append(i % 50)
                    .append("\",active,Size,S,BENCH-").append(i).append("-S,").append(10 + i % 90).append(".99,,250,")
                    .append("https://cdn.example.com/bench/").append(i).append(".jpg,Product ").append(i).append('\n');
            csv.append(handle).append(",,,,,,,,M,BENCH-").append(i).append("-M,").append(12 + i % 90).append(".49,")
                    .append(20 + i % 90).append(".00,300,,\n");
        }
        return csv.toString();
    }

    /** Samples the used heap every 20 ms; {@link #peak()} is the highest seen since the last reset. */
    static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long reset() {
            System.gc();
            return peak.getAndSet(memory.getHeapMemoryUsage().getUsed());
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    @Test
    void importsFiftyThousandRowsInBoundedMemory() {
        Person owner = api.person("bench-owner");
        Shop shop = api.createShop(owner, "bench");
        api.choosePlan(owner, shop, "pro");
        String csv = file(PRODUCTS);
        int rows = PRODUCTS * 2;
        try (HeapSampler heap = new HeapSampler()) {
            heap.reset();
            long start = System.nanoTime();
            JsonNode job = api.ok(CatalogTransfers.upload(api, shop, owner.bearer(), csv, true), 202);
            long uploaded = System.nanoTime();
            String path = shop.path("/product-imports/" + job.get("id").asString());
            JsonNode validated = CatalogTransfers.await(api, path, owner.bearer(), "validated", "failed");
            long validatedAt = System.nanoTime();
            long validationPeak = heap.peak();
            assertThat(validated.get("error_count").asInt()).isZero();
            heap.reset();
            long writeStart = System.nanoTime();
            api.ok(api.call("POST", path + "/start", null, owner.bearer()), 202);
            JsonNode done = awaitLong(path, owner);
            long written = System.nanoTime();
            long writePeak = heap.peak();
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            assertThat(done.get("counts").get("created").asInt()).isEqualTo(PRODUCTS);

            heap.reset();
            long exportStart = System.nanoTime();
            JsonNode export = api.ok(api.call("POST", shop.path("/product-exports"), "{\"format\":\"csv\"}", owner.bearer()), 202);
            JsonNode exported = CatalogTransfers.await(api, shop.path("/product-exports/" + export.get("id").asString()),
                    owner.bearer(), "succeeded", "failed");
            long exportedAt = System.nanoTime();
            long exportPeak = heap.peak();
            assertThat(exported.get("progress").get("done").asInt()).isEqualTo(PRODUCTS);

            System.out.printf("""
                    IMPORT BENCHMARK: %d rows (%d products), file %.1f MB, max heap %d MB
                      upload   %.1f s
                      validate %.1f s  (%.0f rows/s)  peak heap sampled %d MB
                      write    %.1f s  (%.0f rows/s, %.0f products/s)  peak heap sampled %d MB
                      export   %.1f s  (%.0f products/s, %.1f MB)  peak heap sampled %d MB
                    """, rows, PRODUCTS, csv.length() / 1e6, Runtime.getRuntime().maxMemory() >> 20,
                    (uploaded - start) / 1e9,
                    (validatedAt - uploaded) / 1e9, rows / ((validatedAt - uploaded) / 1e9), validationPeak >> 20,
                    (written - writeStart) / 1e9, rows / ((written - writeStart) / 1e9),
                    PRODUCTS / ((written - writeStart) / 1e9), writePeak >> 20,
                    (exportedAt - exportStart) / 1e9, PRODUCTS / ((exportedAt - exportStart) / 1e9),
                    exported.get("file_bytes").asLong() / 1e6, exportPeak >> 20);
        }
    }

    private JsonNode awaitLong(String path, Person owner) {
        long deadline = System.nanoTime() + 1_800_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode job = api.ok(api.call("GET", path, null, owner.bearer()), 200);
            if (!job.get("status").asString().equals("running")) {
                return job;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the import did not finish in 30 minutes");
    }
}
