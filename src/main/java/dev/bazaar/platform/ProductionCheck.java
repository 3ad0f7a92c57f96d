package dev.bazaar.platform;

import java.util.List;

/**
 * A module's contribution to the {@code prod} start-up check: the development defaults still in effect, each as one
 * sentence that says what to set. The {@code prod} profile refuses to start while any check reports a problem, and
 * lists every problem of every check at once.
 */
@FunctionalInterface
public interface ProductionCheck {

    List<String> problems();
}
