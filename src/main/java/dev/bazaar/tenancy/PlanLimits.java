package dev.bazaar.tenancy;

import dev.bazaar.platform.ApplicationException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a shop's plan allows; other modules enforce the limits that concern them (products, storage, webhook
 * endpoints) through {@link ShopQueries#limits}, refusing with {@link TenancyErrorCode#PLAN_LIMIT_REACHED}.
 */
public record PlanLimits(String plan, int apiRate, int apiBurst, int staffSeats, int products, long storageBytes,
                         int webhookEndpoints, int apiKeys, Set<String> features) {

    public PlanLimits {
        features = Set.copyOf(features);
    }

    public boolean hasFeature(String feature) {
        return features.contains(feature);
    }

    /** 403 {@code plan_limit_reached} naming the limit and what the plan allows. */
    public ApplicationException reached(String limit, long allowed, String detail) {
        return new ApplicationException(TenancyErrorCode.PLAN_LIMIT_REACHED, detail, List.of(),
                Map.of("limit", limit, "allowed", allowed, "plan", plan));
    }
}
