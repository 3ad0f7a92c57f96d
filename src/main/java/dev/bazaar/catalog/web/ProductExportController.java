package dev.bazaar.catalog.web;

import dev.bazaar.catalog.application.ProductExportService;
import dev.bazaar.catalog.application.TransferQueries;
import dev.bazaar.catalog.application.TransferQueries.Download;
import dev.bazaar.catalog.application.TransferQueries.ProductExportDetails;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Product exports: schedule one, poll it, download the file. */
@RestController
@Tag(name = "Catalog transfers", description = "Product imports (CSV) and exports (CSV, JSONL) as jobs")
class ProductExportController {

    private final ProductExportService exports;
    private final TransferQueries queries;

    ProductExportController(ProductExportService exports, TransferQueries queries) {
        this.exports = exports;
        this.queries = queries;
    }

    record ExportRequest(@NotBlank String format) {}

    @PostMapping("/api/v1/shops/{shop}/product-exports")
    @RequiresPermission(Permission.PRODUCTS_READ)
    @Operation(summary = "Export products", description = "Every product with its variants and media, as `csv` (the "
            + "import format: it imports back unchanged) or `jsonl` (one product per line, as `GET …/products/{product}` "
            + "shows it). 202 with the export job; its `result_url` downloads the file once it succeeded.")
    ResponseEntity<ProductExportDetails> export(@PathVariable String shop, @Valid @RequestBody ExportRequest request) {
        ProductExportDetails details = exports.export(request.format());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/product-exports/" + details.id()))
                .cacheControl(CacheControl.noStore()).body(details);
    }

    @GetMapping("/api/v1/shops/{shop}/product-exports")
    @RequiresPermission(Permission.PRODUCTS_READ)
    @Operation(summary = "List exports", description = "Newest first; cursor pagination.")
    ResponseEntity<Page<ProductExportDetails>> list(@PathVariable String shop,
                                                    @RequestParam(required = false) @Nullable Integer limit,
                                                    @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.listExports(PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/product-exports/{export}")
    @RequiresPermission(Permission.PRODUCTS_READ)
    @Operation(summary = "Read an export", description = "Its `status` (queued, running, succeeded, failed), `progress` "
            + "in products and, once it succeeded, `result_url`.")
    ResponseEntity<ProductExportDetails> get(@PathVariable String shop, @PathVariable("export") UUID id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.getExport(id));
    }

    @GetMapping("/api/v1/shops/{shop}/product-exports/{export}/download")
    @RequiresPermission(Permission.PRODUCTS_READ)
    @Operation(summary = "Download an export", description = "The file (`text/csv` or `application/x-ndjson`) as an "
            + "attachment, streamed. 409 `product_export_not_ready` before the export succeeded.")
    ResponseEntity<Resource> download(@PathVariable String shop, @PathVariable("export") UUID id) {
        Download download = queries.download(id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType(download.contentType())).contentLength(download.bytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(download.fileName()).build()
                        .toString())
                .body(new InputStreamResource(download.content()));
    }
}
