package dev.bazaar.catalog;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product import or export stopped and waits for nobody but its starter: {@code kind} {@code import} or
 * {@code export}; {@code status} {@code succeeded}, {@code failed} (after the job's last attempt), or, for an import,
 * {@code validated} (a dry run, or a file with errors, which writes nothing until fixed and started). Published in the
 * transaction that moved it there, once per such move. {@code startedBy} is the account that created it (null for an
 * API key or the system). Counts: products created, updated and unchanged, rows failed, errors found; for an export,
 * {@code created} is 0 and {@code processed} the products written.
 */
public record ProductTransferFinished(UUID tenantId, UUID transferId, String kind, String status,
                                      @Nullable UUID startedBy, int processed, int created, int updated, int unchanged,
                                      int errors, @Nullable String failure, Instant occurredAt) {}
