package dev.bazaar.platform.web;

import dev.bazaar.platform.BazaarProperties;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where everything is once the application is ready. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final BazaarProperties properties;
    private final Environment environment;

    StartupReport(BazaarProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String base = properties.publicUrl().toString().replaceAll("/$", "");
        boolean prod = environment.matchesProfiles("prod");
        boolean captured = properties.mail().transport() == BazaarProperties.MailTransport.CAPTURED;
        StringBuilder text = new StringBuilder("Bazaar is ready in ")
                .append(ManagementFactory.getRuntimeMXBean().getUptime()).append(" ms\n")
                .append("  API          ").append(base).append("/api/v1\n")
                .append("  API docs     ").append(base).append("/docs  (OpenAPI: ").append(base).append("/v3/api-docs)\n")
                .append("  Health       ").append(base).append("/actuator/health/liveness, /actuator/health/readiness\n")
                .append("  Metrics      ").append(base).append("/actuator/prometheus").append(prod ? " (metrics token required)" : "").append('\n');
        if (!prod && captured) {
            text.append("  Mailbox      ").append(base).append("/dev/mailbox  (JSON: /dev/mailbox.json)\n");
        }
        if (!prod) {
            text.append("  Jobs         ").append(base).append("/admin/jobs  (from this machine only)\n");
        }
        text.append("  Database     ").append("embedded".equals(environment.getProperty("bazaar.database.mode"))
                ? "embedded PostgreSQL 17, data in " + properties.embeddedDatabase().dataDirectory() : "external PostgreSQL").append('\n')
                .append("  Redis        ").append(environment.getProperty("bazaar.redis.enabled", Boolean.class, false)
                        ? "configured" : "not configured (in-process cache and rate limits)");
        log.info(text.toString());
    }
}
