package dev.bazaar.platform.jobs;

import org.jspecify.annotations.Nullable;

/** What is stored with a job: its JSON payload plus the request and tenant it was scheduled from. */
public record JobEnvelope(String payload, @Nullable String requestId, @Nullable String tenantId) {}
