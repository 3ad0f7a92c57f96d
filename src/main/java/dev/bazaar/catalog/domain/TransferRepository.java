package dev.bazaar.catalog.domain;

import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Product imports and exports of the current tenant: the job rows, their files in chunks, and the import's per-row
 * errors (every query names the tenant; row-level security backs it up).
 */
@Repository
public class TransferRepository {

    private final JdbcClient jdbc;

    TransferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record TransferRow(UUID id, String kind, String format, String status, boolean dryRun, @Nullable String fileName,
                              long fileBytes, int progressDone, @Nullable Integer progressTotal, int productsCreated,
                              int productsUpdated, int productsUnchanged, int rowsFailed, int errorCount, int checkpointRow,
                              @Nullable String failure, @Nullable UUID createdBy, Instant createdAt, Instant updatedAt,
                              @Nullable Instant finishedAt) {}

    /** One per-row error; {@code row} counts like a spreadsheet (the header is row 1), 0 for the file as a whole. */
    public record ErrorRow(int seq, int row, @Nullable String column, String code, String message) {}

    /** What one committed batch of a write run adds. */
    public record Progress(int rows, int created, int updated, int unchanged, int failedRows) {}

    public void insert(UUID tenant, TransferRow row) {
        jdbc.sql("""
                        insert into product_transfers (tenant_id, id, kind, format, status, dry_run, file_name, file_bytes,
                                                       progress_total, created_by, created_at, updated_at)
                        values (:tenant, :id, :kind, :format, :status, :dryRun, :fileName, :fileBytes, :total, :createdBy,
                                :at, :at)""")
                .param("tenant", tenant).param("id", row.id()).param("kind", row.kind()).param("format", row.format())
                .param("status", row.status()).param("dryRun", row.dryRun()).param("fileName", row.fileName())
                .param("fileBytes", row.fileBytes()).param("total", row.progressTotal()).param("createdBy", row.createdBy())
                .param("at", Sql.ts(row.createdAt()))
                .update();
    }

    public Optional<TransferRow> find(UUID tenant, String kind, UUID id) {
        return jdbc.sql("select * from product_transfers where tenant_id = :tenant and kind = :kind and id = :id")
                .param("tenant", tenant).param("kind", kind).param("id", id).query(TransferRepository::row).optional();
    }

    /** The row, locked until the transaction ends: job steps and requests that change it serialise on this. */
    public Optional<TransferRow> lock(UUID tenant, UUID id) {
        return jdbc.sql("select * from product_transfers where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(TransferRepository::row).optional();
    }

    /** Newest first, keyset-paginated by (UUIDv7) id. */
    public List<TransferRow> list(UUID tenant, String kind, @Nullable UUID before, int limit) {
        return jdbc.sql("select * from product_transfers where tenant_id = :tenant and kind = :kind "
                        + (before == null ? "" : "and id < :before ") + "order by id desc limit :limit")
                .param("tenant", tenant).param("kind", kind).param("before", before).param("limit", limit)
                .query(TransferRepository::row).list();
    }

    /** Moves to {@code to} if the status is one of {@code from}; false otherwise (someone else moved it first). */
    public boolean transition(UUID tenant, UUID id, Collection<String> from, String to, Instant at, @Nullable String failure) {
        boolean finished = to.equals("succeeded") || to.equals("failed");
        return jdbc.sql("""
                        update product_transfers set status = :to, updated_at = :at, failure = :failure, attempts = 0,
                               finished_at = case when :finished then cast(:at as timestamptz) else finished_at end
                        where tenant_id = :tenant and id = :id and status = any(:from)""")
                .param("tenant", tenant).param("id", id).param("from", from.toArray(String[]::new)).param("to", to)
                .param("at", Sql.ts(at)).param("failure", failure).param("finished", finished)
                .update() == 1;
    }

    public void fileStored(UUID tenant, UUID id, long bytes) {
        jdbc.sql("update product_transfers set file_bytes = :bytes where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("bytes", bytes).update();
    }

    /**
     * Records a failed attempt of the running step; after {@code maxAttempts} the transfer is failed (its job is
     * dead). The reason is said to clients, so it never carries an exception's text. True when it failed now.
     */
    public boolean attemptFailed(UUID tenant, UUID id, int maxAttempts, Instant at) {
        return jdbc.sql("""
                        update product_transfers set attempts = attempts + 1, updated_at = :at,
                               status = case when attempts + 1 >= :max then 'failed' else status end,
                               finished_at = case when attempts + 1 >= :max then cast(:at as timestamptz) end,
                               failure = case when attempts + 1 >= :max
                                              then 'gave up after ' || :max || ' failed attempts; see the logs'
                                              else 'attempt ' || (attempts + 1) || ' of ' || :max || ' failed; retrying' end
                        where tenant_id = :tenant and id = :id and status in ('validating', 'running')
                        returning status""")
                .param("tenant", tenant).param("id", id).param("max", maxAttempts).param("at", Sql.ts(at))
                .query(String.class).optional().filter("failed"::equals).isPresent();
    }

    public void writeAfterValidation(UUID tenant, UUID id) {
        jdbc.sql("update product_transfers set dry_run = false where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).update();
    }

    public void progress(UUID tenant, UUID id, int done, @Nullable Integer total, Instant at) {
        jdbc.sql("""
                        update product_transfers set progress_done = :done, progress_total = coalesce(:total, progress_total),
                               updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("done", done).param("total", total).param("at", Sql.ts(at))
                .update();
    }

    /** The validation's outcome: the rows counted and the errors found (all of them counted, the first ones kept). */
    public void validated(UUID tenant, UUID id, int rows, int errorCount, Instant at) {
        jdbc.sql("""
                        update product_transfers set progress_done = 0, progress_total = :rows, error_count = :errors,
                               rows_failed = 0, checkpoint_row = 0, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("rows", rows).param("errors", errorCount)
                .param("at", Sql.ts(at))
                .update();
    }

    /** Commits a write batch's counts with its checkpoint: a retry resumes after {@code checkpoint} data rows. */
    public void advance(UUID tenant, UUID id, int checkpoint, Progress progress, int newErrors, Instant at) {
        jdbc.sql("""
                        update product_transfers set checkpoint_row = :checkpoint, progress_done = :checkpoint,
                               products_created = products_created + :created, products_updated = products_updated + :updated,
                               products_unchanged = products_unchanged + :unchanged, rows_failed = rows_failed + :failed,
                               error_count = error_count + :errors, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("checkpoint", checkpoint).param("created", progress.created())
                .param("updated", progress.updated()).param("unchanged", progress.unchanged())
                .param("failed", progress.failedRows()).param("errors", newErrors).param("at", Sql.ts(at))
                .update();
    }

    /** An export's end: the products written and the file's size; false if it was not running (any more). */
    public boolean finishExport(UUID tenant, UUID id, int products, long bytes, Instant at) {
        return jdbc.sql("""
                        update product_transfers set status = 'succeeded', progress_done = :products, progress_total = :products,
                               file_bytes = :bytes, updated_at = :at, finished_at = :at
                        where tenant_id = :tenant and id = :id and status = 'running'""")
                .param("tenant", tenant).param("id", id).param("products", products).param("bytes", bytes)
                .param("at", Sql.ts(at))
                .update() == 1;
    }

    /**
     * Deletes up to {@code limit} transfers (with their files and errors) that finished before {@code before}, or that
     * validated (a dry run never started) and were last touched before it, of every shop: for the purge, in the system
     * scope. Returns how many.
     */
    public int purgeFinishedBefore(Instant before, int limit) {
        return jdbc.sql("""
                        delete from product_transfers where (tenant_id, id) in (
                            select tenant_id, id from product_transfers
                            where finished_at < :before or (status = 'validated' and updated_at < :before)
                            limit :limit)""")
                .param("before", Sql.ts(before)).param("limit", limit)
                .update();
    }

    // --- files ---------------------------------------------------------------------------------------------------

    public void insertChunk(UUID tenant, UUID id, int seq, byte[] data) {
        jdbc.sql("insert into product_transfer_chunks (tenant_id, transfer_id, seq, data) values (:tenant, :id, :seq, :data)")
                .param("tenant", tenant).param("id", id).param("seq", seq).param("data", data).update();
    }

    public Optional<byte[]> chunk(UUID tenant, UUID id, int seq) {
        return jdbc.sql("select data from product_transfer_chunks where tenant_id = :tenant and transfer_id = :id and seq = :seq")
                .param("tenant", tenant).param("id", id).param("seq", seq).query(byte[].class).optional();
    }

    public void deleteChunks(UUID tenant, UUID id) {
        jdbc.sql("delete from product_transfer_chunks where tenant_id = :tenant and transfer_id = :id")
                .param("tenant", tenant).param("id", id).update();
    }

    // --- errors --------------------------------------------------------------------------------------------------

    public void deleteErrors(UUID tenant, UUID id) {
        jdbc.sql("delete from product_import_errors where tenant_id = :tenant and transfer_id = :id")
                .param("tenant", tenant).param("id", id).update();
    }

    /** How many errors are kept for the import (the next error's {@code seq}). */
    public int keptErrors(UUID tenant, UUID id) {
        return jdbc.sql("select count(*) from product_import_errors where tenant_id = :tenant and transfer_id = :id")
                .param("tenant", tenant).param("id", id).query(Integer.class).single();
    }

    public void insertErrors(UUID tenant, UUID id, List<ErrorRow> errors) {
        for (ErrorRow error : errors) {
            jdbc.sql("""
                            insert into product_import_errors (tenant_id, transfer_id, seq, row_number, column_name, code, message)
                            values (:tenant, :id, :seq, :row, :column, :code, :message)""")
                    .param("tenant", tenant).param("id", id).param("seq", error.seq()).param("row", error.row())
                    .param("column", error.column()).param("code", error.code())
                    .param("message", error.message().length() > 1000 ? error.message().substring(0, 1000) : error.message())
                    .update();
        }
    }

    /** In file order, after {@code afterSeq} (keyset). */
    public List<ErrorRow> errors(UUID tenant, UUID id, int afterSeq, int limit) {
        return jdbc.sql("""
                        select * from product_import_errors where tenant_id = :tenant and transfer_id = :id and seq > :after
                        order by seq limit :limit""")
                .param("tenant", tenant).param("id", id).param("after", afterSeq).param("limit", limit)
                .query((rs, n) -> new ErrorRow(rs.getInt("seq"), rs.getInt("row_number"), rs.getString("column_name"),
                        rs.getString("code"), rs.getString("message")))
                .list();
    }

    // --- what an import would change -----------------------------------------------------------------------------

    /** For each of these SKUs that a variant in the shop has: the handle of its product. */
    public Map<String, String> skuOwners(UUID tenant, Collection<String> skus) {
        Map<String, String> owners = new HashMap<>();
        if (!skus.isEmpty()) {
            jdbc.sql("""
                            select v.sku, p.handle from product_variants v
                            join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
                            where v.tenant_id = :tenant and v.sku = any(:skus)""")
                    .param("tenant", tenant).param("skus", skus.toArray(String[]::new))
                    .query(rs -> {
                        owners.put(rs.getString("sku"), rs.getString("handle"));
                    });
        }
        return owners;
    }

    /** A variant of an existing product as an import matches it: by SKU, else by option values. */
    public record VariantKey(@Nullable String sku, List<String> optionValues) {}

    /** For each of these handles that a product in the shop has: its variants' keys. */
    public Map<String, List<VariantKey>> variantKeys(UUID tenant, Collection<String> handles) {
        Map<String, List<VariantKey>> keys = new HashMap<>();
        if (!handles.isEmpty()) {
            jdbc.sql("""
                            select p.handle, v.sku, v.option_values from products p
                            join product_variants v on v.tenant_id = p.tenant_id and v.product_id = p.id
                            where p.tenant_id = :tenant and p.handle = any(:handles)""")
                    .param("tenant", tenant).param("handles", handles.toArray(String[]::new))
                    .query(rs -> {
                        keys.computeIfAbsent(rs.getString("handle"), handle -> new java.util.ArrayList<>())
                                .add(new VariantKey(rs.getString("sku"), ProductRepository.strings(rs.getArray("option_values"))));
                    });
        }
        return keys;
    }

    /** For each of these handles that a product in the shop has: how many options it has. */
    public Map<String, Integer> optionCounts(UUID tenant, Collection<String> handles) {
        Map<String, Integer> counts = new HashMap<>();
        if (!handles.isEmpty()) {
            jdbc.sql("select handle, cardinality(option_names) as options from products where tenant_id = :tenant "
                            + "and handle = any(:handles)")
                    .param("tenant", tenant).param("handles", handles.toArray(String[]::new))
                    .query(rs -> {
                        counts.put(rs.getString("handle"), rs.getInt("options"));
                    });
        }
        return counts;
    }

    private static TransferRow row(ResultSet rs, int n) throws SQLException {
        int total = rs.getInt("progress_total");
        Integer progressTotal = rs.wasNull() ? null : total;
        return new TransferRow(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("format"),
                rs.getString("status"), rs.getBoolean("dry_run"), rs.getString("file_name"), rs.getLong("file_bytes"),
                rs.getInt("progress_done"), progressTotal, rs.getInt("products_created"), rs.getInt("products_updated"),
                rs.getInt("products_unchanged"), rs.getInt("rows_failed"), rs.getInt("error_count"),
                rs.getInt("checkpoint_row"), rs.getString("failure"), rs.getObject("created_by", UUID.class),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "finished_at"));
    }
}
