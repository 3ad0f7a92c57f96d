package dev.bazaar.ordering.domain;

import dev.bazaar.platform.persistence.Sql;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's tax rates and its checkout settings. */
@Repository
public class TaxRateRepository {

    private final JdbcClient jdbc;

    TaxRateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code region} null for the whole country; {@code rate} a percentage. */
    public record TaxRateRow(UUID id, long version, Instant createdAt, Instant updatedAt, String name, String country,
                             @Nullable String region, BigDecimal rate) {}

    public record SettingsRow(long version, @Nullable Instant updatedAt, boolean pricesIncludeTax, boolean taxShipping) {}

    public void insert(UUID tenant, TaxRateRow rate) {
        jdbc.sql("""
                        insert into tax_rates (tenant_id, id, version, created_at, updated_at, name, country, region, rate)
                        values (:tenant, :id, 0, :at, :at, :name, :country, :region, :rate)""")
                .param("tenant", tenant).param("id", rate.id()).param("at", Sql.ts(rate.createdAt()))
                .param("name", rate.name()).param("country", rate.country())
                .param("region", rate.region() == null ? "" : rate.region()).param("rate", rate.rate()).update();
    }

    public boolean update(UUID tenant, TaxRateRow rate, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update tax_rates set name = :name, country = :country, region = :region, rate = :rate,
                               version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", rate.id()).param("version", expectedVersion).param("at", Sql.ts(at))
                .param("name", rate.name()).param("country", rate.country())
                .param("region", rate.region() == null ? "" : rate.region()).param("rate", rate.rate()).update() == 1;
    }

    public Optional<TaxRateRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from tax_rates where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(TaxRateRepository::row).optional();
    }

    public List<TaxRateRow> list(UUID tenant, int limit) {
        return jdbc.sql("select * from tax_rates where tenant_id = :tenant order by country, region, id limit :limit")
                .param("tenant", tenant).param("limit", limit).query(TaxRateRepository::row).list();
    }

    public boolean delete(UUID tenant, UUID id, @Nullable Long expectedVersion) {
        return jdbc.sql("delete from tax_rates where tenant_id = :tenant and id = :id"
                        + (expectedVersion != null ? " and version = :version" : ""))
                .param("tenant", tenant).param("id", id).param("version", expectedVersion == null ? 0 : expectedVersion)
                .update() == 1;
    }

    public SettingsRow settings(UUID tenant) {
        return jdbc.sql("select * from checkout_settings where tenant_id = :tenant").param("tenant", tenant)
                .query((rs, n) -> new SettingsRow(rs.getLong("version"), Sql.instant(rs, "updated_at"),
                        rs.getBoolean("prices_include_tax"), rs.getBoolean("tax_shipping")))
                .optional().orElse(new SettingsRow(0, null, false, false));
    }

    /** Writes the settings if they are still at {@code expectedVersion} (0 for a shop that never changed them). */
    public boolean saveSettings(UUID tenant, boolean pricesIncludeTax, boolean taxShipping, long expectedVersion,
                                Instant at) {
        return jdbc.sql("""
                        insert into checkout_settings as s (tenant_id, version, updated_at, prices_include_tax, tax_shipping)
                        values (:tenant, 1, :at, :include, :shipping)
                        on conflict (tenant_id) do update set prices_include_tax = :include, tax_shipping = :shipping,
                               version = s.version + 1, updated_at = :at
                        where s.version = :version""")
                .param("tenant", tenant).param("at", Sql.ts(at)).param("include", pricesIncludeTax)
                .param("shipping", taxShipping).param("version", expectedVersion).update() == 1;
    }

    static TaxRateRow row(ResultSet rs, int n) throws SQLException {
        String region = rs.getString("region");
        return new TaxRateRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("name"), rs.getString("country"),
                region.isEmpty() ? null : region, rs.getBigDecimal("rate"));
    }
}
