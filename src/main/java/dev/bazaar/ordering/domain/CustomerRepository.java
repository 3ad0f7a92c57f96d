package dev.bazaar.ordering.domain;

import dev.bazaar.platform.Ids;
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

/** A shop's customers (accounts that signed in to it or guests known by email) and their address books. */
@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record CustomerRow(UUID id, Instant createdAt, Instant updatedAt, String email, @Nullable UUID accountId,
                              @Nullable String firstName, @Nullable String lastName) {}

    /** A customer with what they ordered: orders not canceled, and what was paid for them less refunds. */
    public record CustomerStats(CustomerRow customer, long ordersCount, long totalSpent, @Nullable Instant lastOrderAt) {}

    public record AddressRow(UUID id, UUID customerId, long version, Instant createdAt, Instant updatedAt, String address,
                             boolean isDefault) {}

    public Optional<CustomerRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from customers where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(CustomerRepository::row).optional();
    }

    public Optional<CustomerRow> findByAccount(UUID tenant, UUID accountId) {
        return jdbc.sql("select * from customers where tenant_id = :tenant and account_id = :account")
                .param("tenant", tenant).param("account", accountId).query(CustomerRepository::row).optional();
    }

    /**
     * The customer with this (lower-cased) email, created as a guest when there is none; when {@code accountId} is given,
     * a customer without an account is linked to it. Returns the row as it is now (its account may be another one).
     */
    public CustomerRow upsert(UUID tenant, String email, @Nullable UUID accountId, Instant at) {
        return jdbc.sql("""
                        insert into customers (tenant_id, id, created_at, updated_at, email, account_id)
                        values (:tenant, :id, :at, :at, :email, :account)
                        on conflict (tenant_id, email) do update
                            set account_id = coalesce(customers.account_id, excluded.account_id),
                                updated_at = case when customers.account_id is null and excluded.account_id is not null
                                                  then excluded.updated_at else customers.updated_at end
                        returning *""")
                .param("tenant", tenant).param("id", Ids.newId()).param("at", Sql.ts(at)).param("email", email)
                .param("account", accountId).query(CustomerRepository::row).single();
    }

    /** Newest first, keyset-paginated by id; {@code email} a prefix of the email. */
    public List<CustomerStats> list(UUID tenant, @Nullable String emailPrefix, @Nullable UUID after, int limit) {
        return jdbc.sql("""
                        select c.*, coalesce(o.orders_count, 0) as orders_count, coalesce(o.total_spent, 0) as total_spent,
                               o.last_order_at
                        from customers c
                        left join lateral (
                            select count(*) filter (where status <> 'canceled') as orders_count,
                                   sum(captured_amount - refunded_amount) as total_spent, max(created_at) as last_order_at
                            from orders where tenant_id = c.tenant_id and customer_id = c.id) o on true
                        where c.tenant_id = :tenant and (cast(:after as uuid) is null or c.id < :after)
                          and (cast(:prefix as text) is null or c.email like :prefix || '%')
                        order by c.id desc limit :limit""")
                .param("tenant", tenant).param("after", after)
                .param("prefix", Sql.likeLiteral(emailPrefix))
                .param("limit", limit)
                .query((rs, n) -> new CustomerStats(row(rs, n), rs.getLong("orders_count"), rs.getLong("total_spent"),
                        Sql.instant(rs, "last_order_at")))
                .list();
    }

    public Optional<CustomerStats> stats(UUID tenant, UUID id) {
        return jdbc.sql("""
                        select c.*, count(o.id) filter (where o.status <> 'canceled') as orders_count,
                               coalesce(sum(o.captured_amount - o.refunded_amount), 0) as total_spent,
                               max(o.created_at) as last_order_at
                        from customers c left join orders o on o.tenant_id = c.tenant_id and o.customer_id = c.id
                        where c.tenant_id = :tenant and c.id = :id group by c.tenant_id, c.id""")
                .param("tenant", tenant).param("id", id)
                .query((rs, n) -> new CustomerStats(row(rs, n), rs.getLong("orders_count"), rs.getLong("total_spent"),
                        Sql.instant(rs, "last_order_at")))
                .optional();
    }

    public List<AddressRow> addresses(UUID tenant, UUID customerId) {
        return jdbc.sql("select * from customer_addresses where tenant_id = :tenant and customer_id = :customer "
                        + "order by created_at, id")
                .param("tenant", tenant).param("customer", customerId).query(CustomerRepository::address).list();
    }

    public Optional<AddressRow> address(UUID tenant, UUID customerId, UUID id) {
        return jdbc.sql("select * from customer_addresses where tenant_id = :tenant and customer_id = :customer and id = :id")
                .param("tenant", tenant).param("customer", customerId).param("id", id)
                .query(CustomerRepository::address).optional();
    }

    /** Locks the customer's row: address-book changes of one customer run one at a time (limits, the default). */
    public void lock(UUID tenant, UUID customerId) {
        jdbc.sql("select id from customers where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", customerId).query(UUID.class).single();
    }

    public void clearDefault(UUID tenant, UUID customerId) {
        jdbc.sql("update customer_addresses set is_default = false where tenant_id = :tenant and customer_id = :customer "
                        + "and is_default")
                .param("tenant", tenant).param("customer", customerId).update();
    }

    public void insertAddress(UUID tenant, AddressRow row) {
        jdbc.sql("""
                        insert into customer_addresses (tenant_id, id, customer_id, version, created_at, updated_at, address,
                                                        is_default)
                        values (:tenant, :id, :customer, 0, :at, :at, cast(:address as jsonb), :default)""")
                .param("tenant", tenant).param("id", row.id()).param("customer", row.customerId())
                .param("at", Sql.ts(row.createdAt())).param("address", row.address()).param("default", row.isDefault())
                .update();
    }

    public boolean updateAddress(UUID tenant, AddressRow row, long expectedVersion) {
        return jdbc.sql("""
                        update customer_addresses set address = cast(:address as jsonb), is_default = :default,
                                                      version = version + 1, updated_at = :at
                        where tenant_id = :tenant and customer_id = :customer and id = :id and version = :version""")
                .param("tenant", tenant).param("id", row.id()).param("customer", row.customerId())
                .param("at", Sql.ts(row.updatedAt())).param("address", row.address()).param("default", row.isDefault())
                .param("version", expectedVersion).update() == 1;
    }

    public boolean deleteAddress(UUID tenant, UUID customerId, UUID id, @Nullable Long expectedVersion) {
        return jdbc.sql("delete from customer_addresses where tenant_id = :tenant and customer_id = :customer and id = :id "
                        + "and (cast(:version as bigint) is null or version = :version)")
                .param("tenant", tenant).param("customer", customerId).param("id", id).param("version", expectedVersion)
                .update() == 1;
    }

    static CustomerRow row(ResultSet rs, int n) throws SQLException {
        return new CustomerRow(rs.getObject("id", UUID.class), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getString("email"), rs.getObject("account_id", UUID.class), rs.getString("first_name"),
                rs.getString("last_name"));
    }

    static AddressRow address(ResultSet rs, int n) throws SQLException {
        return new AddressRow(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getLong("version"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getString("address"),
                rs.getBoolean("is_default"));
    }
}
