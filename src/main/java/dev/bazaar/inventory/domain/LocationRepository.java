package dev.bazaar.inventory.domain;

import dev.bazaar.inventory.StockLocationService.Address;
import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's stock locations. */
@Repository
public class LocationRepository {

    private final JdbcClient jdbc;

    LocationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record LocationRow(UUID id, long version, Instant createdAt, Instant updatedAt, String name, int priority,
                              boolean active, Address address) {}

    public void insert(UUID tenant, LocationRow location) {
        jdbc.sql("""
                        insert into stock_locations (tenant_id, id, version, created_at, updated_at, name, priority, active,
                                                     address_line1, address_line2, city, region, postal_code, country)
                        values (:tenant, :id, 0, :at, :at, :name, :priority, :active, :line1, :line2, :city, :region,
                                :postal, :country)""")
                .param("tenant", tenant).param("id", location.id()).param("at", Sql.ts(location.createdAt()))
                .param("name", location.name()).param("priority", location.priority()).param("active", location.active())
                .param("line1", location.address().line1()).param("line2", location.address().line2())
                .param("city", location.address().city()).param("region", location.address().region())
                .param("postal", location.address().postalCode()).param("country", location.address().country())
                .update();
    }

    public boolean update(UUID tenant, LocationRow location, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update stock_locations set name = :name, priority = :priority, active = :active,
                               address_line1 = :line1, address_line2 = :line2, city = :city, region = :region,
                               postal_code = :postal, country = :country, version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", location.id()).param("version", expectedVersion).param("at", Sql.ts(at))
                .param("name", location.name()).param("priority", location.priority()).param("active", location.active())
                .param("line1", location.address().line1()).param("line2", location.address().line2())
                .param("city", location.address().city()).param("region", location.address().region())
                .param("postal", location.address().postalCode()).param("country", location.address().country())
                .update() == 1;
    }

    public Optional<LocationRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from stock_locations where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(LocationRepository::row).optional();
    }

    public Optional<LocationRow> lock(UUID tenant, UUID id) {
        return jdbc.sql("select * from stock_locations where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(LocationRepository::row).optional();
    }

    public List<LocationRow> list(UUID tenant) {
        return jdbc.sql("select * from stock_locations where tenant_id = :tenant order by priority desc, name limit 500")
                .param("tenant", tenant).query(LocationRepository::row).list();
    }

    public void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from stock_locations where tenant_id = :tenant and id = :id").param("tenant", tenant).param("id", id)
                .update();
    }

    static LocationRow row(ResultSet rs, int n) throws SQLException {
        return new LocationRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("name"), rs.getInt("priority"), rs.getBoolean("active"),
                new Address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                        rs.getString("region"), rs.getString("postal_code"), rs.getString("country")));
    }
}
