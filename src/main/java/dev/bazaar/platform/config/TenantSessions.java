package dev.bazaar.platform.config;

import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Carries the thread's {@link TenantContext} into PostgreSQL: two transaction-local settings, the tenant the
 * row-level-security policies compare with ({@code bazaar.tenant_id}) and the role (the application role, or the
 * system role for cross-tenant work). Both revert when the transaction ends, so a pooled connection never keeps them.
 */
@Component
public class TenantSessions {

    /** The setting the policies read; {@code ''} (no tenant) makes every tenant-owned row invisible. */
    public static final String TENANT_SETTING = "bazaar.tenant_id";

    private final DataSource dataSource;
    private final String applicationRole;
    private final String systemRole;

    TenantSessions(DataSource dataSource, BazaarProperties properties) {
        this.dataSource = dataSource;
        this.applicationRole = properties.database().applicationRole();
        this.systemRole = properties.database().systemRole();
    }

    /** Applies the binding to the transaction running on this thread, if any (a scope entered mid-transaction). */
    public void applyToCurrentTransaction(TenantContext.Binding binding) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                apply(connection, binding);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not apply the tenant context to the transaction", e);
            }
        }
    }

    /** Applies the binding to a connection inside a transaction that has just begun or is running. */
    public void apply(Connection connection, TenantContext.Binding binding) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select set_config('" + TENANT_SETTING + "', ?, true), set_config('role', ?, true)")) {
            statement.setString(1, binding.tenantId() == null ? "" : binding.tenantId().toString());
            statement.setString(2, binding.system() ? systemRole : applicationRole);
            statement.execute();
        }
    }
}
