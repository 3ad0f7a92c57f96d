package dev.bazaar.catalog.web;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.application.ProductImportService;
import dev.bazaar.catalog.application.TransferQueries;
import dev.bazaar.catalog.application.TransferQueries.ImportError;
import dev.bazaar.catalog.application.TransferQueries.ProductImportDetails;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Product imports from CSV: upload (validated as a dry run first), confirm, poll, read the per-row errors. */
@RestController
@Tag(name = "Catalog transfers", description = "Product imports (CSV) and exports (CSV, JSONL) as jobs")
class ProductImportController {

    private final ProductImportService imports;
    private final TransferQueries queries;

    ProductImportController(ProductImportService imports, TransferQueries queries) {
        this.imports = imports;
        this.queries = queries;
    }

    @PostMapping("/api/v1/shops/{shop}/product-imports")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Import products from CSV", description = "`multipart/form-data` with the CSV as `file` (the "
            + "format: docs/IMPORT_FORMAT.md). 202 with the import job: it validates every row first and records "
            + "per-row errors without writing anything (`dry_run`, the default, stops there: confirm with `…/start`); "
            + "with `dry_run=false` it writes as soon as it validated without errors. 400 `invalid_import_file` at once "
            + "for unknown, repeated or missing columns; 413 beyond the upload limit.")
    ResponseEntity<ProductImportDetails> upload(@PathVariable String shop,
                                                @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
                                                @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun) {
        if (file == null || file.isEmpty()) {
            throw new ApplicationException(CatalogErrorCode.INVALID_IMPORT_FILE,
                    "Send the CSV as the multipart/form-data field 'file'",
                    List.of(new FieldViolation("file", "required", "is required and must not be empty")), Map.of());
        }
        return accepted(imports.upload(file.getOriginalFilename(), file, dryRun));
    }

    @PostMapping("/api/v1/shops/{shop}/product-imports/{import}/start")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Confirm an import", description = "Writes the validated import (or, still validating, once "
            + "it validated without errors). Idempotent. 422 `product_import_has_errors` when its validation found errors.")
    ResponseEntity<ProductImportDetails> start(@PathVariable String shop, @PathVariable("import") UUID id) {
        return accepted(imports.start(id));
    }

    @GetMapping("/api/v1/shops/{shop}/product-imports")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "List imports", description = "Newest first; cursor pagination.")
    ResponseEntity<Page<ProductImportDetails>> list(@PathVariable String shop,
                                                    @RequestParam(required = false) @Nullable Integer limit,
                                                    @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.listImports(PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/product-imports/{import}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "Read an import", description = "Its `status` (queued, validating, validated, running, "
            + "succeeded, failed), `progress` in data rows, counts of products created, updated and unchanged and of "
            + "rows that failed, and how many errors it has.")
    ResponseEntity<ProductImportDetails> get(@PathVariable String shop, @PathVariable("import") UUID id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.getImport(id));
    }

    @GetMapping("/api/v1/shops/{shop}/product-imports/{import}/errors")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    @Operation(summary = "List an import's errors", description = "In file order: `row` (the header is row 1; 0 for "
            + "the whole file), `column`, `code`, `message`. The first 1,000 are kept. Cursor pagination.")
    ResponseEntity<Page<ImportError>> errors(@PathVariable String shop, @PathVariable("import") UUID id,
                                             @RequestParam(required = false) @Nullable Integer limit,
                                             @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.importErrors(id, PageRequest.of(limit, after)));
    }

    private static ResponseEntity<ProductImportDetails> accepted(ProductImportDetails details) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/product-imports/" + details.id()))
                .cacheControl(CacheControl.noStore()).body(details);
    }
}
