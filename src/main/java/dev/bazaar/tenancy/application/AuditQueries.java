package dev.bazaar.tenancy.application;

import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the current shop's audit log. */
@Service
public class AuditQueries {

    private final AuditLog audit;

    AuditQueries(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Page<AuditLog.AuditEvent> list(AuditLog.Filter filter, PageRequest page) {
        return audit.list(filter, page);
    }
}
