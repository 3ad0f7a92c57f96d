package dev.bazaar.webhooks.outbox;

import dev.bazaar.webhooks.RecordedEvent;
import java.util.List;

/**
 * Work that must be scheduled in the same transaction as the events themselves (webhook fan-out): called right after
 * the events are inserted, before the commit, so that it commits or rolls back with them.
 */
public interface OutboxListener {

    void recorded(List<RecordedEvent> events);
}
