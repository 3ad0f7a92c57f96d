package dev.bazaar.tenancy;

import dev.bazaar.platform.security.AnyShopMember;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Test only: queries that deliberately forget the tenant filter, inside a shop-scoped request. */
@RestController
@Hidden
class TenantProbeController {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    TenantProbeController(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @GetMapping("/api/v1/shops/{shop}/test-probe/unscoped")
    @AnyShopMember
    Map<String, List<UUID>> unscoped(@PathVariable String shop) {
        return transactions.execute(status -> Map.of(
                "shops", jdbc.sql("select id from shops").query(UUID.class).list(),
                "memberships", jdbc.sql("select distinct tenant_id from memberships").query(UUID.class).list(),
                "api_keys", jdbc.sql("select distinct tenant_id from api_keys").query(UUID.class).list(),
                "audit_events", jdbc.sql("select distinct tenant_id from audit_events").query(UUID.class).list(),
                "subscriptions", jdbc.sql("select tenant_id from subscriptions").query(UUID.class).list()));
    }
}
