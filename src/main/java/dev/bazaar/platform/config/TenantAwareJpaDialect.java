package dev.bazaar.platform.config;

import dev.bazaar.platform.TenantContext;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.TransactionDefinition;

/**
 * Hibernate's dialect plus one step when a transaction begins: the thread's tenant binding is applied to it. A thread
 * with no binding changes nothing (its transactions see no tenant-owned rows). A failure aborts the begin, so no
 * transaction ever runs with a tenant context other than the thread's.
 */
class TenantAwareJpaDialect extends HibernateJpaDialect {

    private final TenantSessions sessions;

    TenantAwareJpaDialect(TenantSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public @Nullable Object beginTransaction(EntityManager entityManager, TransactionDefinition definition)
            throws SQLException {
        Object transactionData = super.beginTransaction(entityManager, definition);
        TenantContext.Binding binding = TenantContext.binding();
        if (!binding.isNone()) {
            entityManager.unwrap(Session.class).doWork(connection -> sessions.apply(connection, binding));
        }
        return transactionData;
    }
}
