package dev.bazaar.catalog.application;

import dev.bazaar.catalog.ProductTransferFinished;
import dev.bazaar.catalog.domain.TransferRepository;
import dev.bazaar.catalog.domain.TransferRepository.TransferRow;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes {@link ProductTransferFinished} from the transaction that moved a transfer to where it stops. */
@Component
class TransferEvents {

    private final TransferRepository transfers;
    private final ApplicationEventPublisher events;

    TransferEvents(TransferRepository transfers, ApplicationEventPublisher events) {
        this.transfers = transfers;
        this.events = events;
    }

    /** Call inside the transaction, after the row was moved to {@code succeeded}, {@code failed} or {@code validated}. */
    void finished(UUID tenant, UUID id, Instant at) {
        transfers.lock(tenant, id).ifPresent(row -> events.publishEvent(event(tenant, row, at)));
    }

    private static ProductTransferFinished event(UUID tenant, TransferRow row, Instant at) {
        return new ProductTransferFinished(tenant, row.id(), row.kind(), row.status(),
                row.createdBy(), row.progressDone(), row.productsCreated(), row.productsUpdated(), row.productsUnchanged(),
                row.errorCount(), row.failure(), at);
    }
}
