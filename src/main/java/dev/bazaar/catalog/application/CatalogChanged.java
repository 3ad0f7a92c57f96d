package dev.bazaar.catalog.application;

import java.time.Instant;
import java.util.UUID;

/**
 * Something in a shop's catalog structure changed (attributes, categories, collections): published in the transaction
 * of the change, for the catalog's own cache. Product changes publish the public {@code ProductEvent}s instead.
 */
record CatalogChanged(UUID tenantId, Instant occurredAt) {}
