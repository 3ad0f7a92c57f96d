package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.application.ProductCsv.Column;
import dev.bazaar.catalog.application.ProductCsv.Group;
import dev.bazaar.catalog.application.ProductCsv.ImportedImage;
import dev.bazaar.catalog.application.ProductCsv.ImportedProduct;
import dev.bazaar.catalog.application.ProductCsv.ImportedVariant;
import dev.bazaar.catalog.application.ProductCsv.RowError;
import dev.bazaar.catalog.application.ProductService.CreateProduct;
import dev.bazaar.catalog.application.ProductService.MediaInput;
import dev.bazaar.catalog.application.ProductService.UpdateProduct;
import dev.bazaar.catalog.application.ProductService.VariantInput;
import dev.bazaar.catalog.application.TransferQueries.ProductImportDetails;
import dev.bazaar.catalog.domain.ProductRepository;
import dev.bazaar.catalog.domain.ProductRepository.ProductRow;
import dev.bazaar.catalog.domain.TransferRepository;
import dev.bazaar.catalog.domain.TransferRepository.ErrorRow;
import dev.bazaar.catalog.domain.TransferRepository.Progress;
import dev.bazaar.catalog.domain.TransferRepository.TransferRow;
import dev.bazaar.catalog.domain.TransferRepository.VariantKey;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.tenancy.PlanLimits;
import dev.bazaar.tenancy.ShopQueries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Product imports from CSV ({@code docs/IMPORT_FORMAT.md}) as durable jobs. An upload is stored in chunks and checked
 * by a validation job that reads it row by row and records per-row errors without writing to the catalog (a dry run
 * stops there). The write job then creates or updates products through {@link ProductService} (so validation, plan
 * limits, audit and events apply), {@code batchSize} products per transaction, each batch committing the checkpoint
 * (rows done) with its products: a crash or a retry resumes after the last committed batch. Products are matched by
 * handle and variants by SKU (else by option values), so a re-run batch or a re-imported file updates, never duplicates.
 */
@Service
public class ProductImportService {

    /** The job payload: which import. */
    public record ImportJob(UUID importId) {}

    public static final JobDefinition<ImportJob> VALIDATE_JOB = JobDefinition.of("catalog.product-import.validate", ImportJob.class);
    public static final JobDefinition<ImportJob> WRITE_JOB = JobDefinition.of("catalog.product-import.write", ImportJob.class);

    /** Errors kept per import (all are counted). */
    static final int MAX_ERRORS = 1000;
    private static final int CHECK_BATCH = 500;
    private static final int PROGRESS_EVERY = 2000;
    private static final Logger log = LoggerFactory.getLogger(ProductImportService.class);

    /** Test seam: called with the batch number after each committed write batch (tests inject a crash here). */
    static volatile IntConsumer afterBatch = batch -> { };

    private final TransferRepository transfers;
    private final TransferFiles files;
    private final ProductService products;
    private final ProductQueries reads;
    private final ProductRepository productRows;
    private final ImportedStructure structure;
    private final ShopQueries shops;
    private final Jobs jobs;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final TransferProperties properties;
    private final TransferEvents finished;
    private final Clock clock;

    ProductImportService(TransferRepository transfers, TransferFiles files, ProductService products, ProductQueries reads,
                         ProductRepository productRows, ImportedStructure structure, ShopQueries shops, Jobs jobs,
                         AuditLog audit, PlatformTransactionManager transactionManager, TransferProperties properties,
                         TransferEvents finished, Clock clock) {
        this.transfers = transfers;
        this.files = files;
        this.products = products;
        this.reads = reads;
        this.productRows = productRows;
        this.structure = structure;
        this.shops = shops;
        this.jobs = jobs;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.finished = finished;
        this.clock = clock;
    }

    /** The job definitions with the configured retry delays, for the workers. */
    public JobDefinition<ImportJob> validateJob() {
        return withRetries(VALIDATE_JOB, properties.retryDelay());
    }

    public JobDefinition<ImportJob> writeJob() {
        return withRetries(WRITE_JOB, properties.retryDelay());
    }

    static <T> JobDefinition<T> withRetries(JobDefinition<T> job, Duration firstDelay) {
        return job.withRetries(job.maxAttempts(), firstDelay, Duration.ofMinutes(30));
    }

    /**
     * Stores the file and schedules its validation; with {@code dryRun} false the import goes on to write once it
     * validated without errors. 400 {@code invalid_import_file} at once when the header is not the format's.
     */
    @Transactional
    public ProductImportDetails upload(@Nullable String fileName, InputStreamSource file, boolean dryRun) {
        UUID tenant = TenantContext.requireTenantId();
        try (InputStream in = file.getInputStream(); ProductCsv.Groups groups = new ProductCsv.Groups(in)) {
            groups.header();
        } catch (IOException | UncheckedIOException e) {
            throw ProductCsv.invalidFile("The file is not UTF-8 CSV", List.of(new FieldViolation("file", "malformed_file",
                    "could not be read as UTF-8 CSV")));
        }
        Instant now = clock.instant();
        UUID id = Ids.newId();
        String name = fileName == null || fileName.isBlank() ? null : fileName.strip();
        if (name != null && name.length() > 255) {
            name = name.substring(0, 255);
        }
        transfers.insert(tenant, new TransferRow(id, "import", "csv", "queued", dryRun, name, 0, 0, null, 0, 0, 0, 0, 0, 0,
                null, CurrentActor.find().map(Actor::id).orElse(null), now, now, null));
        long bytes;
        try (InputStream in = file.getInputStream()) {
            bytes = files.store(tenant, id, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transfers.fileStored(tenant, id, bytes);
        jobs.enqueue(VALIDATE_JOB, new ImportJob(id));
        audit.record("product_import.created", "product_import", id, Map.of(), Map.of("file_name", String.valueOf(name),
                "bytes", bytes, "dry_run", dryRun));
        return TransferQueries.importDetails(transfers.find(tenant, "import", id).orElseThrow());
    }

    /**
     * Confirms the import: once validated without errors it writes (at once if already validated, otherwise when its
     * validation ends). Idempotent: starting a running or finished import changes nothing. 422
     * {@code product_import_has_errors} if its validation found errors.
     */
    @Transactional
    public ProductImportDetails start(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        TransferRow row = transfers.lock(tenant, id).filter(found -> found.kind().equals("import"))
                .orElseThrow(() -> new ApplicationException(CatalogErrorCode.IMPORT_NOT_FOUND,
                        "There is no product import '" + id + "'"));
        if (row.errorCount() > 0 && row.status().equals("validated")) {
            throw new ApplicationException(CatalogErrorCode.IMPORT_HAS_ERRORS, "The import has " + row.errorCount()
                    + " errors (GET its errors); fix the file and upload it again");
        }
        if (row.dryRun() && List.of("queued", "validating", "validated").contains(row.status())) {
            transfers.writeAfterValidation(tenant, id);
            if (row.status().equals("validated") && transfers.transition(tenant, id, List.of("validated"), "running",
                    clock.instant(), null)) {
                jobs.enqueue(WRITE_JOB, new ImportJob(id));
            }
            audit.record("product_import.started", "product_import", id);
        }
        return TransferQueries.importDetails(transfers.find(tenant, "import", id).orElseThrow());
    }

    // --- validation job ------------------------------------------------------------------------------------------

    /** Keeps the first {@link #MAX_ERRORS} errors and counts them all. */
    private static final class Errors {
        final List<RowError> kept = new ArrayList<>();
        int count;

        void add(RowError error) {
            count++;
            if (kept.size() < MAX_ERRORS) {
                kept.add(error);
            }
        }

        void addAll(List<RowError> errors) {
            errors.forEach(this::add);
        }
    }

    /** The validation job: checks every row; nothing is written to the catalog. Safe to run again (it starts over). */
    public void validate(UUID id) {
        recordingFailures(id, VALIDATE_JOB, () -> validateNow(id));
    }

    /**
     * Runs a step of the job; a failure is counted on the transfer (failed after the job's last attempt) and rethrown,
     * so that the job is retried or, at the end, dead.
     */
    void recordingFailures(UUID id, JobDefinition<?> job, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            UUID tenant = TenantContext.requireTenantId();
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                if (transfers.attemptFailed(tenant, id, job.maxAttempts(), now)) {
                    finished.finished(tenant, id, now);
                }
            });
            throw e;
        }
    }

    private void validateNow(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        Boolean proceed = transactions.execute(status -> transfers.lock(tenant, id)
                .filter(row -> row.status().equals("validating")
                        || transfers.transition(tenant, id, List.of("queued"), "validating", clock.instant(), null))
                .isPresent());
        if (!Boolean.TRUE.equals(proceed)) {
            return;
        }
        String currency = shops.current().currency();
        int digits = ProductCsv.fractionDigits(currency);
        Errors errors = new Errors();
        // Hashes, not strings: a file's handles and SKUs are checked for repeats in a few bytes each.
        Set<Long> handles = new HashSet<>();
        Set<Long> skus = new HashSet<>();
        List<ImportedProduct> pending = new ArrayList<>();
        int[] creates = {0};
        int rows = 0;
        try (ProductCsv.Groups groups = new ProductCsv.Groups(files.open(tenant, id))) {
            int reported = 0;
            while (groups.hasNext()) {
                Group group = groups.next();
                List<RowError> found = new ArrayList<>();
                ImportedProduct product = ProductCsv.product(group, digits, found);
                if (!group.handle().isEmpty() && !handles.add(hash(group.handle()))) {
                    found.add(new RowError(group.firstRow(), Column.HANDLE.header, "handle_not_consecutive",
                            "the rows of a product must be consecutive; '" + group.handle() + "' appeared before"));
                    product = null;
                }
                if (product != null) {
                    for (ImportedVariant variant : product.variants()) {
                        if (variant.sku() != null && !skus.add(hash(variant.sku()))) {
                            found.add(new RowError(variant.row(), Column.SKU.header, "duplicate_sku",
                                    "another product in the file has the SKU '" + variant.sku() + "'"));
                        }
                    }
                    pending.add(product);
                }
                errors.addAll(found);
                if (pending.size() >= CHECK_BATCH) {
                    checkAgainstShop(tenant, pending, errors, creates);
                    pending.clear();
                }
                rows = groups.rowsRead();
                if (rows - reported >= PROGRESS_EVERY) {
                    reported = rows;
                    int done = rows;
                    transactions.executeWithoutResult(status -> transfers.progress(tenant, id, done, null, clock.instant()));
                }
            }
            checkAgainstShop(tenant, pending, errors, creates);
            rows = groups.rowsRead();
        } catch (UncheckedIOException e) {
            errors.add(new RowError(rows + 2, null, "malformed_file", "the file is not valid UTF-8 CSV from here on ("
                    + e.getCause().getClass().getSimpleName() + ")"));
        } catch (ApplicationException e) {
            errors.add(new RowError(0, null, e.errorCode().code(), String.valueOf(e.getMessage())));
        }
        PlanLimits limits = shops.limits();
        long existing = transactions.execute(status -> (long) productRows.count(tenant));
        if (existing + creates[0] > limits.products()) {
            errors.add(new RowError(0, null, "plan_limit_reached", "the file creates " + creates[0] + " products; the '"
                    + limits.plan() + "' plan allows " + limits.products() + " and the shop has " + existing));
        }
        int total = rows;
        transactions.executeWithoutResult(status -> {
            TransferRow row = transfers.lock(tenant, id).orElseThrow();
            if (!row.status().equals("validating")) {
                return;
            }
            transfers.deleteErrors(tenant, id);
            List<ErrorRow> kept = new ArrayList<>();
            // In file order: the checks against the shop run per batch, after the rows' own checks.
            errors.kept.sort(java.util.Comparator.comparingInt(RowError::row));
            for (RowError error : errors.kept) {
                kept.add(new ErrorRow(kept.size(), error.row(), error.column(), error.code(), error.message()));
            }
            transfers.insertErrors(tenant, id, kept);
            transfers.validated(tenant, id, total, errors.count, clock.instant());
            if (!row.dryRun() && errors.count == 0) {
                transfers.transition(tenant, id, List.of("validating"), "running", clock.instant(), null);
                jobs.enqueue(WRITE_JOB, new ImportJob(id));
            } else if (transfers.transition(tenant, id, List.of("validating"), "validated", clock.instant(), null)) {
                finished.finished(tenant, id, clock.instant());
            }
        });
    }

    /** What needs the shop's data: options of existing products, SKUs of other products, what a new product needs. */
    private void checkAgainstShop(UUID tenant, List<ImportedProduct> batch, Errors errors, int[] creates) {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> handles = new LinkedHashSet<>();
        Set<String> skus = new LinkedHashSet<>();
        for (ImportedProduct product : batch) {
            handles.add(product.handle());
            product.variants().stream().map(ImportedVariant::sku).filter(Objects::nonNull).forEach(skus::add);
        }
        record Shop(Map<String, Integer> options, Map<String, String> skuOwners, Map<String, List<VariantKey>> variants) {}
        Shop shop = Objects.requireNonNull(transactions.execute(status -> new Shop(transfers.optionCounts(tenant, handles),
                transfers.skuOwners(tenant, skus), transfers.variantKeys(tenant, handles))));
        if (batch.stream().anyMatch(product -> product.category() != null || !product.attributes().isEmpty())) {
            transactions.executeWithoutResult(status -> {
                ImportedStructure.Lookup lookup = structure.lookup(tenant);
                for (ImportedProduct product : batch) {
                    List<RowError> found = new ArrayList<>();
                    lookup.resolve(product, found);
                    found.forEach(errors::add);
                }
            });
        }
        for (ImportedProduct product : batch) {
            Integer options = shop.options().get(product.handle());
            if (options == null) {
                creates[0]++;
                if (product.title() == null) {
                    errors.add(new RowError(product.firstRow(), Column.TITLE.header, "required", "a new product needs a title"));
                }
                if (product.variants().isEmpty()) {
                    errors.add(new RowError(product.firstRow(), Column.PRICE.header, "required",
                            "a new product needs at least one variant row with a price"));
                }
            } else if (product.optionNames() != null && product.optionNames().size() != options) {
                errors.add(new RowError(product.firstRow(), Column.OPTION1_NAME.header, "option_count_changed",
                        "the product has " + options + " options; an import may rename them but not add or remove them"));
            }
            int expected = product.optionNames() != null ? product.optionNames().size() : options == null ? 0 : options;
            for (ImportedVariant variant : product.variants()) {
                if (variant.optionValues().size() != expected) {
                    errors.add(new RowError(variant.row(), Column.OPTION1_VALUE.header, "option_count_mismatch",
                            "needs one value for each of the product's " + expected + " options"));
                }
                if (variant.price() == null && (options == null || !matches(shop.variants().getOrDefault(product.handle(),
                        List.of()), variant))) {
                    errors.add(new RowError(variant.row(), Column.PRICE.header, "required", "a new variant needs a price"));
                }
                String owner = variant.sku() == null ? null : shop.skuOwners().get(variant.sku());
                if (owner != null && !owner.equals(product.handle())) {
                    errors.add(new RowError(variant.row(), Column.SKU.header, "sku_taken",
                            "the product '" + owner + "' has a variant with this SKU"));
                }
            }
        }
    }

    /** Whether the variant is one of the product's (as the write will match it). */
    private static boolean matches(List<VariantKey> existing, ImportedVariant variant) {
        return match(existing, VariantKey::sku, VariantKey::optionValues, variant) != null;
    }

    private static long hash(String value) {
        long hash = 1125899906842597L;
        for (int i = 0; i < value.length(); i++) {
            hash = 31 * hash + value.charAt(i);
        }
        return hash ^ ((long) value.hashCode() << 32);
    }

    // --- write job -----------------------------------------------------------------------------------------------

    /** Why a batch did not commit: another run of the same import moved on. */
    private static final class Superseded extends RuntimeException {
        Superseded() {
            super("the import moved on without this run", null, false, false);
        }
    }

    private enum Outcome { CREATED, UPDATED, UNCHANGED }

    /**
     * The write job: from the checkpoint on, batch by batch. A product the catalog refuses (found only now, for
     * example a SKU another product took since the validation) is recorded as an error of its rows and skipped;
     * anything else fails the attempt, and the retry resumes after the last committed batch.
     */
    public void write(UUID id) {
        recordingFailures(id, WRITE_JOB, () -> writeNow(id));
    }

    private void writeNow(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        TransferRow row = transactions.execute(status -> transfers.find(tenant, "import", id).orElse(null));
        if (row == null || !row.status().equals("running")) {
            return;
        }
        int digits = ProductCsv.fractionDigits(shops.current().currency());
        int checkpoint = row.checkpointRow();
        int batchNumber = 0;
        try (ProductCsv.Groups groups = new ProductCsv.Groups(files.open(tenant, id))) {
            groups.skipRows(checkpoint);
            List<Group> batch = new ArrayList<>();
            while (groups.hasNext()) {
                batch.add(groups.next());
                if (batch.size() >= properties.batchSize() || !groups.hasNext()) {
                    checkpoint = commit(tenant, id, batch, checkpoint, groups.rowsRead(), digits);
                    batch.clear();
                    afterBatch.accept(++batchNumber);
                }
            }
        } catch (Superseded e) {
            log.info("Product import {} moved on in another run; this one stops", id);
            return;
        }
        transactions.executeWithoutResult(status -> {
            transfers.lock(tenant, id);
            if (transfers.transition(tenant, id, List.of("running"), "succeeded", clock.instant(), null)) {
                finished.finished(tenant, id, clock.instant());
            }
        });
    }

    /** Writes one batch with its checkpoint; if the catalog refuses one of its products, one product per transaction. */
    private int commit(UUID tenant, UUID id, List<Group> batch, int checkpoint, int rowsAfter, int digits) {
        try {
            transactions.executeWithoutResult(status -> {
                lockAt(tenant, id, checkpoint);
                int[] counts = new int[Outcome.values().length];
                ImportedStructure.Lookup lookup = structure.lookup(tenant);
                for (Group group : batch) {
                    counts[upsert(parse(group, digits), lookup).ordinal()]++;
                }
                transfers.advance(tenant, id, rowsAfter, new Progress(rowsAfter - checkpoint, counts[0], counts[1], counts[2], 0),
                        0, clock.instant());
            });
            return rowsAfter;
        } catch (ApplicationException refused) {
            int done = checkpoint;
            for (Group group : batch) {
                done = commitOne(tenant, id, group, done, digits);
            }
            return done;
        }
    }

    private int commitOne(UUID tenant, UUID id, Group group, int checkpoint, int digits) {
        int rows = group.rowCount();
        int after = checkpoint + rows;
        ApplicationException refused;
        try {
            transactions.executeWithoutResult(status -> {
                lockAt(tenant, id, checkpoint);
                Outcome outcome = upsert(parse(group, digits), structure.lookup(tenant));
                transfers.advance(tenant, id, after, new Progress(rows, outcome == Outcome.CREATED ? 1 : 0,
                        outcome == Outcome.UPDATED ? 1 : 0, outcome == Outcome.UNCHANGED ? 1 : 0, 0), 0, clock.instant());
            });
            return after;
        } catch (ApplicationException e) {
            refused = e;
        }
        RowError error = RowError.of(group.firstRow(), null, refused);
        transactions.executeWithoutResult(status -> {
            lockAt(tenant, id, checkpoint);
            int kept = transfers.keptErrors(tenant, id);
            if (kept < MAX_ERRORS) {
                transfers.insertErrors(tenant, id, List.of(new ErrorRow(kept, error.row(), error.column(), error.code(),
                        error.message())));
            }
            transfers.advance(tenant, id, after, new Progress(rows, 0, 0, 0, rows), 1, clock.instant());
        });
        return after;
    }

    /** Locks the import and makes sure it is still running at this checkpoint (else another run moved on). */
    private void lockAt(UUID tenant, UUID id, int checkpoint) {
        TransferRow current = transfers.lock(tenant, id).orElseThrow(Superseded::new);
        if (!current.status().equals("running") || current.checkpointRow() != checkpoint) {
            throw new Superseded();
        }
    }

    private static ImportedProduct parse(Group group, int digits) {
        List<RowError> errors = new ArrayList<>();
        ImportedProduct product = ProductCsv.product(group, digits, errors);
        if (product == null) {
            // Validated before, so only a changed file could get here.
            RowError error = errors.getFirst();
            throw new ApplicationException(CatalogErrorCode.INVALID_IMPORT_FILE, error.message(),
                    List.of(new FieldViolation(String.valueOf(error.column()), error.code(), error.message())), Map.of());
        }
        return product;
    }

    /** Creates the product, or updates what differs; nothing at all when nothing differs. */
    /** {@code lookup}: the shop's attributes and categories, read once per batch. */
    private Outcome upsert(ImportedProduct in, ImportedStructure.Lookup lookup) {
        UUID tenant = TenantContext.requireTenantId();
        Optional<ProductRow> found = productRows.findByHandle(tenant, in.handle());
        String currency = shops.current().currency();
        List<RowError> refused = new ArrayList<>();
        ImportedStructure.Changes structured = lookup.resolve(in, refused);
        if (structured == null) {
            // Valid at validation, refused now (a category deleted since): the product is reported, not written.
            RowError first = refused.getFirst();
            throw ApplicationException.invalidField(String.valueOf(first.column()), first.code(), first.message());
        }
        if (found.isEmpty()) {
            Map<String, @Nullable Object> values = new java.util.LinkedHashMap<>(structured.attributes());
            values.values().removeIf(Objects::isNull);
            List<VariantInput> variants = in.variants().stream().map(variant -> new VariantInput(variant.optionValues(),
                    variant.sku(), variant.barcode(), money(variant.price(), currency), money(variant.compareAt(), currency),
                    variant.grams(), variant.trackInventory(), null)).toList();
            products.create(new CreateProduct(in.title() == null ? "" : in.title(), in.handle(), in.body(), in.status(),
                    in.vendor(), in.productType(), in.tags(), in.seoTitle(), in.seoDescription(), in.optionNames(), variants,
                    media(in.images()), values, structured.categoryId() == null || structured.categoryId().isEmpty()
                    ? null : structured.categoryId()));
            return Outcome.CREATED;
        }
        ProductDetails existing = reads.assemble(tenant, List.of(found.get())).getFirst();
        // By id from here on: a handle shaped like a UUID would be read as one.
        String reference = existing.id().toString();
        boolean changed = false;
        UpdateProduct update = changes(in, existing, ImportedStructure.difference(structured, existing));
        if (update != null) {
            products.update(reference, update, null);
            changed = true;
        }
        int position = existing.variants().size();
        for (ImportedVariant variant : in.variants()) {
            ProductDetails.Variant match = match(existing.variants(), ProductDetails.Variant::sku,
                    ProductDetails.Variant::optionValues, variant);
            if (match == null) {
                products.addVariant(reference, new VariantInput(variant.optionValues(), variant.sku(), variant.barcode(),
                        money(variant.price(), currency), money(variant.compareAt(), currency), variant.grams(),
                        variant.trackInventory(), position++), null);
                changed = true;
            } else {
                VariantInput input = changes(variant, match, currency);
                if (input != null) {
                    products.updateVariant(reference, match.id(), input, null);
                    changed = true;
                }
            }
        }
        return changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    /**
     * The existing variant the row is: the one with its SKU, else the one with its option values (unless both have
     * SKUs, which then differ); null for a new variant.
     */
    private static <V> @Nullable V match(List<V> existing, java.util.function.Function<V, @Nullable String> sku,
                                         java.util.function.Function<V, List<String>> optionValues, ImportedVariant variant) {
        if (variant.sku() != null) {
            for (V candidate : existing) {
                if (variant.sku().equals(sku.apply(candidate))) {
                    return candidate;
                }
            }
        }
        for (V candidate : existing) {
            if (optionValues.apply(candidate).equals(variant.optionValues()) && (variant.sku() == null || sku.apply(candidate) == null)) {
                return candidate;
            }
        }
        return null;
    }

    /** The product fields the file changes, or null when it changes none of them. */
    private static @Nullable UpdateProduct changes(ImportedProduct in, ProductDetails existing,
                                                   ImportedStructure.Changes structure) {
        String title = in.title() != null && !in.title().equals(existing.title()) ? in.title() : null;
        String body = in.body() != null && !RichText.sanitise(in.body()).equals(existing.descriptionHtml()) ? in.body() : null;
        String vendor = differs(in.vendor(), existing.vendor());
        String type = differs(in.productType(), existing.productType());
        String seoTitle = differs(in.seoTitle(), existing.seo().title());
        String seoDescription = differs(in.seoDescription(), existing.seo().description());
        List<String> tags = in.tags() != null && !in.tags().stream().map(tag -> tag.toLowerCase(Locale.ROOT)).distinct().toList()
                .equals(existing.tags()) ? in.tags() : null;
        String status = in.status() != null && !in.status().equals(existing.status()) ? in.status() : null;
        List<String> names = existing.options().stream().map(ProductDetails.Option::name).toList();
        List<String> optionNames = in.optionNames() != null && !in.optionNames().equals(names) ? in.optionNames() : null;
        List<MediaInput> media = null;
        if (in.images() != null && !in.images().equals(existing.media().stream()
                .map(slot -> new ImportedImage(slot.url(), slot.alt())).toList())) {
            media = media(in.images());
        }
        if (title == null && body == null && vendor == null && type == null && seoTitle == null && seoDescription == null
                && tags == null && status == null && optionNames == null && media == null && structure.none()) {
            return null;
        }
        return new UpdateProduct(title, null, body, status, vendor, type, tags, seoTitle, seoDescription, optionNames, media,
                structure.attributes().isEmpty() ? null : structure.attributes(), structure.categoryId());
    }

    /** The variant fields the row changes, or null when it changes none. */
    private static @Nullable VariantInput changes(ImportedVariant in, ProductDetails.Variant existing, String currency) {
        List<String> options = in.optionValues().equals(existing.optionValues()) ? null : in.optionValues();
        String sku = in.sku() != null && !in.sku().equals(existing.sku()) ? in.sku() : null;
        String barcode = differs(in.barcode(), existing.barcode());
        Long price = in.price() != null && in.price() != existing.price().amount() ? in.price() : null;
        Long compareAt = in.compareAt() != null && (existing.compareAtPrice() == null
                || in.compareAt() != existing.compareAtPrice().amount()) ? in.compareAt() : null;
        Integer grams = in.grams() != null && !in.grams().equals(existing.weightGrams()) ? in.grams() : null;
        Boolean track = in.trackInventory() != null && in.trackInventory() != existing.trackInventory() ? in.trackInventory() : null;
        if (options == null && sku == null && barcode == null && price == null && compareAt == null && grams == null
                && track == null) {
            return null;
        }
        return new VariantInput(options, sku, barcode, money(price, currency), money(compareAt, currency), grams, track, null);
    }

    /** The file's value when it differs from the stored one ("" clears); null when equal or absent. */
    private static @Nullable String differs(@Nullable String imported, @Nullable String existing) {
        if (imported == null) {
            return null;
        }
        String value = imported.isEmpty() ? null : imported;
        return Objects.equals(value, existing) ? null : imported;
    }

    private static @Nullable Money money(@Nullable Long amount, String currency) {
        return amount == null ? null : new Money(amount, currency);
    }

    private static @Nullable List<MediaInput> media(@Nullable List<ImportedImage> images) {
        return images == null ? null : images.stream().map(image -> new MediaInput(image.url(), image.alt(), null)).toList();
    }
}
