package dev.bazaar.catalog.application;

import dev.bazaar.catalog.domain.TransferRepository;
import dev.bazaar.platform.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes imports and exports, with their files and errors, {@code bazaar.catalog.transfers.keep-for} after they
 * finished, across shops (the system scope), 1,000 per transaction. Safe to run on several instances at once.
 */
@Component
public class TransferPurge {

    private static final Logger log = LoggerFactory.getLogger(TransferPurge.class);

    private final TransferRepository transfers;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final TransferProperties properties;
    private final Clock clock;

    TransferPurge(TransferRepository transfers, TenantScope tenantScope, PlatformTransactionManager transactionManager,
                  TransferProperties properties, Clock clock) {
        this.transfers = transfers;
        this.tenantScope = tenantScope;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    public int run() {
        Instant before = clock.instant().minus(properties.keepFor());
        int purged = tenantScope.system("purge finished product imports and exports of every shop", () -> {
            int total = 0;
            int batch;
            do {
                batch = Objects.requireNonNull(transactions.execute(status -> transfers.purgeFinishedBefore(before, 1000)));
                total += batch;
            } while (batch == 1000);
            return total;
        });
        if (purged > 0) {
            log.info("Purged {} finished product imports and exports", purged);
        }
        return purged;
    }
}
