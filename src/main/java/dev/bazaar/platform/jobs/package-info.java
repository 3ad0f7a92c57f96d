/** db-scheduler wiring behind the {@link dev.bazaar.platform.Jobs} facade: serialisation, retries, dead jobs, metrics. */
@NullMarked
package dev.bazaar.platform.jobs;

import org.jspecify.annotations.NullMarked;
