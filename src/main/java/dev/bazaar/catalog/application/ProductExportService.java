package dev.bazaar.catalog.application;

import dev.bazaar.catalog.application.ProductImportService.ImportJob;
import dev.bazaar.catalog.application.TransferQueries.ProductExportDetails;
import dev.bazaar.catalog.domain.AttributeRepository;
import dev.bazaar.catalog.domain.ProductRepository;
import dev.bazaar.catalog.domain.ProductRepository.ProductRow;
import dev.bazaar.catalog.domain.TransferRepository;
import dev.bazaar.catalog.domain.TransferRepository.TransferRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.persistence.Sql;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Product exports as durable jobs: every product of the shop with its variants and media, read {@value #PAGE} at a
 * time in creation order, written as the import's CSV (an export imports back as "unchanged") or as JSONL (one product
 * per line, shaped as {@code GET …/products/{product}}), and stored in chunks. A retry starts the file over.
 */
@Service
public class ProductExportService {

    public static final JobDefinition<ImportJob> EXPORT_JOB = JobDefinition.of("catalog.product-export", ImportJob.class);

    static final int PAGE = 100;

    private final TransferRepository transfers;
    private final ProductRepository products;
    private final AttributeRepository attributes;
    private final ProductQueries reads;
    private final Jobs jobs;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final TransferProperties properties;
    private final ProductImportService imports;
    private final TransferEvents finished;
    private final Clock clock;

    ProductExportService(TransferRepository transfers, ProductRepository products, AttributeRepository attributes,
                         ProductQueries reads, Jobs jobs,
                         AuditLog audit, JsonMapper json, PlatformTransactionManager transactionManager,
                         TransferProperties properties, ProductImportService imports, TransferEvents finished,
                         Clock clock) {
        this.transfers = transfers;
        this.products = products;
        this.attributes = attributes;
        this.reads = reads;
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.imports = imports;
        this.finished = finished;
        this.clock = clock;
    }

    public JobDefinition<ImportJob> exportJob() {
        return ProductImportService.withRetries(EXPORT_JOB, properties.retryDelay());
    }

    /** Schedules an export in {@code format} ({@code csv} or {@code jsonl}; 400 otherwise). */
    @Transactional
    public ProductExportDetails export(String format) {
        String value = format.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("csv") && !value.equals("jsonl")) {
            throw ApplicationException.invalidField("format", "unknown_format", "must be csv or jsonl");
        }
        UUID tenant = TenantContext.requireTenantId();
        Instant now = clock.instant();
        UUID id = Ids.newId();
        transfers.insert(tenant, new TransferRow(id, "export", value, "queued", false, null, 0, 0, null, 0, 0, 0, 0, 0, 0,
                null, CurrentActor.find().map(Actor::id).orElse(null), now, now, null));
        jobs.enqueue(EXPORT_JOB, new ImportJob(id));
        audit.record("product_export.created", "product_export", id, Map.of(), Map.of("format", value));
        return TransferQueries.exportDetails(transfers.find(tenant, "export", id).orElseThrow());
    }

    /** The export job: writes the file from the start (chunks of an earlier, failed attempt are replaced). */
    public void run(UUID id) {
        imports.recordingFailures(id, EXPORT_JOB, () -> runNow(id));
    }

    private void runNow(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        TransferRow row = transactions.execute(status -> {
            TransferRow found = transfers.lock(tenant, id).orElse(null);
            if (found == null || !List.of("queued", "running").contains(found.status())) {
                return null;
            }
            transfers.transition(tenant, id, List.of("queued", "running"), "running", clock.instant(), null);
            transfers.deleteChunks(tenant, id);
            transfers.progress(tenant, id, 0, products.count(tenant), clock.instant());
            return found;
        });
        if (row == null) {
            return;
        }
        int[] done = {0};
        TransferFiles.ChunkWriter out = new TransferFiles.ChunkWriter((chunk, seq) -> transactions.executeWithoutResult(
                status -> {
                    transfers.insertChunk(tenant, id, seq, chunk);
                    transfers.progress(tenant, id, done[0], null, clock.instant());
                }));
        // One column per attribute the shop has when the export starts.
        List<String> handles = Objects.requireNonNull(transactions.execute(status -> attributes.list(tenant).stream()
                .map(AttributeRepository.AttributeRow::handle).toList()));
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            CSVPrinter csv = row.format().equals("csv") ? ProductCsv.printer(writer, handles) : null;
            ProductRepository.Cursor after = null;
            ProductRepository.Filter all = new ProductRepository.Filter(List.copyOf(ProductQueries.STATUSES), null, null,
                    null, null, null, null, null, null, null, List.of(), null);
            while (true) {
                ProductRepository.Cursor cursor = after;
                List<ProductDetails> page = Objects.requireNonNull(transactions.execute(status -> {
                    List<ProductRow> rows = products.list(tenant, all, ProductRepository.Sort.OLDEST, cursor, 0, PAGE);
                    return reads.assemble(tenant, rows);
                }));
                for (ProductDetails product : page) {
                    write(writer, csv, product, handles);
                }
                done[0] += page.size();
                if (page.size() < PAGE) {
                    break;
                }
                ProductDetails last = page.getLast();
                after = new ProductRepository.Cursor(Long.toString(Sql.micros(last.createdAt())), last.id());
            }
            if (csv != null) {
                csv.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transactions.executeWithoutResult(status -> {
            transfers.lock(tenant, id);
            Instant now = clock.instant();
            if (transfers.finishExport(tenant, id, done[0], out.written(), now)) {
                finished.finished(tenant, id, now);
            }
        });
    }

    private void write(Writer writer, @Nullable CSVPrinter csv, ProductDetails product, List<String> handles)
            throws IOException {
        if (csv != null) {
            ProductCsv.print(csv, product, handles);
        } else {
            writer.write(json.writeValueAsString(product));
            writer.write('\n');
        }
    }
}
