package dev.bazaar.platform.config;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the production safety check's findings as one readable list instead of a stack trace. */
class UnsafeProductionConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<ProductionSafetyCheck.UnsafeProductionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ProductionSafetyCheck.UnsafeProductionConfigurationException cause) {
        String list = cause.problems().stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis(
                "Bazaar refuses to start in the prod profile with development defaults:\n" + list,
                "Fix every setting listed above; docs/CONFIGURATION.md describes each one.", cause);
    }
}
