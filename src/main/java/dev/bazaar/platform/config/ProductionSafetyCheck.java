package dev.bazaar.platform.config;

import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.ProductionCheck;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * In the {@code prod} profile, refuses to start on any development default (embedded database, captured mailbox, a
 * missing metrics token, and whatever each module's {@link ProductionCheck} reports) and names all of them at once.
 */
@Component
@Profile("prod")
class ProductionSafetyCheck implements InitializingBean {

    private final Environment environment;
    private final BazaarProperties properties;
    private final List<ProductionCheck> moduleChecks;

    ProductionSafetyCheck(Environment environment, BazaarProperties properties, List<ProductionCheck> moduleChecks) {
        this.environment = environment;
        this.properties = properties;
        this.moduleChecks = moduleChecks;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new UnsafeProductionConfigurationException(problems);
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if ("embedded".equals(environment.getProperty("bazaar.database.mode"))) {
            problems.add("no database is configured (set BAZAAR_DATABASE_URL); the embedded database is for development only");
        }
        if (properties.mail().transport() == BazaarProperties.MailTransport.CAPTURED) {
            problems.add("mail is captured in a local mailbox (configure SMTP with SPRING_MAIL_HOST and set BAZAAR_MAIL_TRANSPORT=smtp)");
        }
        if (!StringUtils.hasText(properties.management().metricsToken())) {
            problems.add("bazaar.management.metrics-token is not set (BAZAAR_MANAGEMENT_METRICS_TOKEN), so metrics could not be scraped");
        }
        if (properties.publicUrl().getHost() == null || properties.publicUrl().getHost().equals("localhost")) {
            problems.add("bazaar.public-url still points at localhost (set BAZAAR_PUBLIC_URL to the address users reach)");
        }
        moduleChecks.forEach(check -> problems.addAll(check.problems()));
        return problems;
    }

    static class UnsafeProductionConfigurationException extends IllegalStateException {
        private final List<String> problems;

        UnsafeProductionConfigurationException(List<String> problems) {
            super("Refusing to start in the prod profile with development defaults: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
