package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.persistence.Sql;
import dev.bazaar.platform.Ids;
import dev.bazaar.tenancy.PlanLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Platform-defined plans (not tenant-owned) and each shop's subscription to one. */
@Repository
public class PlanRepository {

    private final JdbcClient jdbc;

    PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record PlanRow(UUID id, long version, String key, String name, @Nullable String description, int apiRate,
                          int apiBurst, int staffSeats, int products, long storageBytes, int webhookEndpoints, int apiKeys,
                          Set<String> features, boolean isPublic, int position, @Nullable Instant archivedAt,
                          Instant createdAt, Instant updatedAt) {

        public PlanLimits limits() {
            return new PlanLimits(key, apiRate, apiBurst, staffSeats, products, storageBytes, webhookEndpoints, apiKeys, features);
        }
    }

    public record SubscriptionRow(UUID tenantId, long version, PlanRow plan, String status, Instant currentPeriodStart,
                                  Instant currentPeriodEnd, @Nullable Instant trialEndsAt, @Nullable Instant canceledAt,
                                  Instant updatedAt) {}

    public List<PlanRow> list(boolean includeHidden) {
        return jdbc.sql("select * from plans " + (includeHidden ? "" : "where public and archived_at is null ")
                        + "order by position, key limit 200")
                .query(PlanRepository::plan).list();
    }

    public Optional<PlanRow> find(String reference) {
        UUID id = Ids.parse(reference).orElse(null);
        return jdbc.sql("select * from plans where " + (id != null ? "id = :id" : "key = :key"))
                .param("id", id).param("key", reference).query(PlanRepository::plan).optional();
    }

    public void insert(PlanRow plan) {
        jdbc.sql("""
                        insert into plans (id, version, created_at, updated_at, key, name, description, api_rate, api_burst,
                                           staff_seats, products, storage_bytes, webhook_endpoints, api_keys, features,
                                           public, position)
                        values (:id, 0, :at, :at, :key, :name, :description, :apiRate, :apiBurst, :staffSeats, :products,
                                :storage, :webhooks, :apiKeys, :features, :public, :position)""")
                .param("id", plan.id()).param("at", Sql.ts(plan.createdAt())).param("key", plan.key())
                .param("name", plan.name()).param("description", plan.description()).param("apiRate", plan.apiRate())
                .param("apiBurst", plan.apiBurst()).param("staffSeats", plan.staffSeats()).param("products", plan.products())
                .param("storage", plan.storageBytes()).param("webhooks", plan.webhookEndpoints())
                .param("apiKeys", plan.apiKeys()).param("features", features(plan))
                .param("public", plan.isPublic()).param("position", plan.position())
                .update();
    }

    public boolean update(PlanRow plan, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update plans set name = :name, description = :description, api_rate = :apiRate, api_burst = :apiBurst,
                                         staff_seats = :staffSeats, products = :products, storage_bytes = :storage,
                                         webhook_endpoints = :webhooks, api_keys = :apiKeys, features = :features,
                                         public = :public, position = :position, archived_at = :archived,
                                         version = version + 1, updated_at = :at
                        where id = :id and version = :version""")
                .param("id", plan.id()).param("version", expectedVersion).param("at", Sql.ts(at)).param("name", plan.name())
                .param("description", plan.description()).param("apiRate", plan.apiRate()).param("apiBurst", plan.apiBurst())
                .param("staffSeats", plan.staffSeats()).param("products", plan.products()).param("storage", plan.storageBytes())
                .param("webhooks", plan.webhookEndpoints()).param("apiKeys", plan.apiKeys())
                .param("features", features(plan))
                .param("public", plan.isPublic()).param("position", plan.position()).param("archived", Sql.ts(plan.archivedAt()))
                .update() == 1;
    }

    public void insertSubscription(UUID tenant, UUID planId, String status, Instant start, Instant end, @Nullable Instant trialEnds) {
        jdbc.sql("""
                        insert into subscriptions (tenant_id, version, created_at, updated_at, plan_id, status,
                                                   current_period_start, current_period_end, trial_ends_at)
                        values (:tenant, 0, :start, :start, :plan, :status, :start, :end, :trial)""")
                .param("tenant", tenant).param("plan", planId).param("status", status).param("start", Sql.ts(start))
                .param("end", Sql.ts(end)).param("trial", Sql.ts(trialEnds))
                .update();
    }

    public Optional<SubscriptionRow> findSubscription(UUID tenant, boolean lock) {
        return jdbc.sql("select s.tenant_id, s.version as subscription_version, s.status, s.current_period_start, "
                        + "s.current_period_end, s.trial_ends_at, s.canceled_at, s.updated_at as subscription_updated_at, p.* "
                        + "from subscriptions s join plans p on p.id = s.plan_id where s.tenant_id = :tenant"
                        + (lock ? " for update of s" : ""))
                .param("tenant", tenant)
                .query((rs, n) -> new SubscriptionRow(rs.getObject("tenant_id", UUID.class), rs.getLong("subscription_version"),
                        plan(rs, n), rs.getString("status"), Sql.instant(rs, "current_period_start"),
                        Sql.instant(rs, "current_period_end"), Sql.instant(rs, "trial_ends_at"),
                        Sql.instant(rs, "canceled_at"), Sql.instant(rs, "subscription_updated_at")))
                .optional();
    }

    /** The limits of the tenant's current plan. */
    public PlanLimits limits(UUID tenant) {
        return findSubscription(tenant, false).orElseThrow(() -> new IllegalStateException("shop without a subscription"))
                .plan().limits();
    }

    public void changePlan(UUID tenant, UUID planId, String status, Instant start, Instant end) {
        jdbc.sql("""
                        update subscriptions set plan_id = :plan, status = :status, current_period_start = :start,
                                                 current_period_end = :end, trial_ends_at = null,
                                                 canceled_at = case when :status = 'canceled' then cast(:start as timestamptz) end,
                                                 version = version + 1, updated_at = :start
                        where tenant_id = :tenant""")
                .param("tenant", tenant).param("plan", planId).param("status", status).param("start", Sql.ts(start))
                .param("end", Sql.ts(end))
                .update();
    }

    private static String[] features(PlanRow plan) {
        return plan.features().stream().sorted().toArray(String[]::new);
    }

    static PlanRow plan(ResultSet rs, int n) throws SQLException {
        return new PlanRow(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getString("key"), rs.getString("name"),
                rs.getString("description"), rs.getInt("api_rate"), rs.getInt("api_burst"), rs.getInt("staff_seats"),
                rs.getInt("products"), rs.getLong("storage_bytes"), rs.getInt("webhook_endpoints"), rs.getInt("api_keys"),
                Set.copyOf(Arrays.asList((String[]) rs.getArray("features").getArray())), rs.getBoolean("public"),
                rs.getInt("position"), Sql.instant(rs, "archived_at"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
