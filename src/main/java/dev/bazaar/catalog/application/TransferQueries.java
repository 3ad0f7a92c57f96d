package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.domain.TransferRepository;
import dev.bazaar.catalog.domain.TransferRepository.ErrorRow;
import dev.bazaar.catalog.domain.TransferRepository.TransferRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.CurrentShop;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of product imports and exports: the job resources, an import's per-row errors, an export's file. */
@Service
public class TransferQueries {

    private final TransferRepository transfers;
    private final TransferFiles files;

    TransferQueries(TransferRepository transfers, TransferFiles files) {
        this.transfers = transfers;
        this.files = files;
    }

    public record Progress(int done, @Nullable Integer total) {}

    public record ImportCounts(int created, int updated, int unchanged, int failedRows) {}

    /**
     * An import as a job resource. {@code status}: queued, validating, validated (checked; a dry run stops here),
     * running (writing), succeeded or failed. {@code progress}: data rows.
     */
    public record ProductImportDetails(UUID id, String status, boolean dryRun, @Nullable String fileName, long fileBytes,
                                       Progress progress, ImportCounts counts, int errorCount, String errorsUrl,
                                       @Nullable String resultUrl, @Nullable String failure, Instant createdAt,
                                       Instant updatedAt, @Nullable Instant finishedAt) {}

    /** An export as a job resource; {@code result_url} (the download) once it succeeded. {@code progress}: products. */
    public record ProductExportDetails(UUID id, String status, String format, Progress progress, long fileBytes,
                                       @Nullable String resultUrl, @Nullable String failure, Instant createdAt,
                                       Instant updatedAt, @Nullable Instant finishedAt) {}

    /** One problem of an import; {@code row} counts like a spreadsheet (the header is row 1), 0 for the whole file. */
    public record ImportError(int row, @Nullable String column, String code, String message) {}

    /** An export's file as it is downloaded. */
    public record Download(String fileName, String contentType, long bytes, InputStream content) {}

    @Transactional(readOnly = true)
    public ProductImportDetails getImport(UUID id) {
        return importDetails(findImport(id));
    }

    @Transactional(readOnly = true)
    public Page<ProductImportDetails> listImports(PageRequest page) {
        return list("import", page, TransferQueries::importDetails);
    }

    /** In file order; cursor-paginated. */
    @Transactional(readOnly = true)
    public Page<ImportError> importErrors(UUID id, PageRequest page) {
        findImport(id);
        int after = -1;
        if (page.after() != null) {
            try {
                after = Integer.parseInt(page.after());
            } catch (NumberFormatException e) {
                throw ApplicationException.invalidField("after", "invalid_cursor", "is not a cursor returned by this list");
            }
        }
        List<ErrorRow> rows = transfers.errors(TenantContext.requireTenantId(), id, after, page.fetchSize());
        Page<ErrorRow> paged = page.page(rows, row -> Integer.toString(row.seq()));
        return new Page<>(paged.data().stream().map(row -> new ImportError(row.row(), row.column(), row.code(), row.message()))
                .toList(), paged.hasMore(), paged.nextCursor());
    }

    @Transactional(readOnly = true)
    public ProductExportDetails getExport(UUID id) {
        return exportDetails(findExport(id));
    }

    @Transactional(readOnly = true)
    public Page<ProductExportDetails> listExports(PageRequest page) {
        return list("export", page, TransferQueries::exportDetails);
    }

    private <T> Page<T> list(String kind, PageRequest page, java.util.function.Function<TransferRow, T> details) {
        List<TransferRow> rows = transfers.list(TenantContext.requireTenantId(), kind, page.afterId(), page.fetchSize());
        Page<TransferRow> paged = page.page(rows, row -> row.id().toString());
        return new Page<>(paged.data().stream().map(details).toList(), paged.hasMore(), paged.nextCursor());
    }

    /**
     * The finished export's file, streamed chunk by chunk as the response is written; 409
     * {@code product_export_not_ready} before it succeeded.
     */
    @Transactional(readOnly = true)
    public Download download(UUID id) {
        TransferRow row = findExport(id);
        if (!row.status().equals("succeeded")) {
            throw new ApplicationException(CatalogErrorCode.EXPORT_NOT_READY,
                    "The export is " + row.status() + "; download it once its status is succeeded");
        }
        boolean csv = row.format().equals("csv");
        return new Download("products-" + row.id() + (csv ? ".csv" : ".jsonl"),
                csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8", row.fileBytes(),
                files.open(TenantContext.requireTenantId(), id));
    }

    private TransferRow findImport(UUID id) {
        return transfers.find(TenantContext.requireTenantId(), "import", id).orElseThrow(() -> new ApplicationException(
                CatalogErrorCode.IMPORT_NOT_FOUND, "There is no product import '" + id + "'"));
    }

    private TransferRow findExport(UUID id) {
        return transfers.find(TenantContext.requireTenantId(), "export", id).orElseThrow(() -> new ApplicationException(
                CatalogErrorCode.EXPORT_NOT_FOUND, "There is no product export '" + id + "'"));
    }

    static ProductImportDetails importDetails(TransferRow row) {
        String base = base() + "/product-imports/" + row.id();
        return new ProductImportDetails(row.id(), row.status(), row.dryRun(), row.fileName(), row.fileBytes(),
                new Progress(row.progressDone(), row.progressTotal()),
                new ImportCounts(row.productsCreated(), row.productsUpdated(), row.productsUnchanged(), row.rowsFailed()),
                row.errorCount(), base + "/errors", null, row.failure(), row.createdAt(), row.updatedAt(), row.finishedAt());
    }

    static ProductExportDetails exportDetails(TransferRow row) {
        return new ProductExportDetails(row.id(), row.status(), row.format(),
                new Progress(row.progressDone(), row.progressTotal()), row.fileBytes(),
                row.status().equals("succeeded") ? base() + "/product-exports/" + row.id() + "/download" : null,
                row.failure(), row.createdAt(), row.updatedAt(), row.finishedAt());
    }

    private static String base() {
        return "/api/v1/shops/" + CurrentShop.require().handle();
    }
}
