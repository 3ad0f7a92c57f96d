package dev.bazaar.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One external event as the outbox recorded it: its id (the {@code webhook-id} of every delivery and the live stream's
 * event id), its position in the shop's sequence of recorded events, and its frozen body (the JSON every delivery and
 * stream message sends byte for byte). Published as an application event after the recording transaction commits.
 */
public record RecordedEvent(UUID tenantId, UUID id, long seq, EventType type, Instant occurredAt, String body) {}
