package dev.bazaar.catalog.domain;

import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The attribute definitions of the current tenant's catalog (typed keys of {@code products.attributes}). */
@Repository
public class AttributeRepository {

    /** A shop has at most this many attributes, so they are always read whole. */
    public static final int MAX_ATTRIBUTES = 200;

    private final JdbcClient jdbc;

    AttributeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record AttributeRow(UUID id, Instant createdAt, Instant updatedAt, String handle, String name, String type,
                               List<String> choices, boolean filterable, int position) {

        public AttributeRow {
            choices = List.copyOf(choices);
        }
    }

    public void insert(UUID tenant, AttributeRow row) {
        jdbc.sql("""
                        insert into product_attributes (tenant_id, id, created_at, updated_at, handle, name, type, choices,
                                                        filterable, position)
                        values (:tenant, :id, :at, :at, :handle, :name, :type, :choices, :filterable, :position)""")
                .param("tenant", tenant).param("id", row.id()).param("at", Sql.ts(row.createdAt()))
                .param("handle", row.handle()).param("name", row.name()).param("type", row.type())
                .param("choices", row.choices().toArray(String[]::new)).param("filterable", row.filterable())
                .param("position", row.position())
                .update();
    }

    public void update(UUID tenant, AttributeRow row, Instant at) {
        jdbc.sql("""
                        update product_attributes set name = :name, choices = :choices, filterable = :filterable,
                                                      position = :position, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", row.id()).param("at", Sql.ts(at)).param("name", row.name())
                .param("choices", row.choices().toArray(String[]::new)).param("filterable", row.filterable())
                .param("position", row.position())
                .update();
    }

    public void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from product_attributes where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).update();
    }

    public List<AttributeRow> list(UUID tenant) {
        return jdbc.sql("select * from product_attributes where tenant_id = :tenant order by position, handle limit "
                        + MAX_ATTRIBUTES)
                .param("tenant", tenant).query(AttributeRepository::row).list();
    }

    public Optional<AttributeRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from product_attributes where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(AttributeRepository::row).optional();
    }

    public Optional<AttributeRow> findByHandle(UUID tenant, String handle) {
        return jdbc.sql("select * from product_attributes where tenant_id = :tenant and handle = :handle")
                .param("tenant", tenant).param("handle", handle).query(AttributeRepository::row).optional();
    }

    public int count(UUID tenant) {
        return jdbc.sql("select count(*) from product_attributes where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single();
    }

    private static AttributeRow row(ResultSet rs, int n) throws SQLException {
        return new AttributeRow(rs.getObject("id", UUID.class), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getString("handle"), rs.getString("name"), rs.getString("type"),
                ProductRepository.strings(rs.getArray("choices")), rs.getBoolean("filterable"), rs.getInt("position"));
    }
}
