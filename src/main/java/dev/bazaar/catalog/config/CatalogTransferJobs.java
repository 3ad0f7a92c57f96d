package dev.bazaar.catalog.config;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.catalog.application.ProductExportService;
import dev.bazaar.catalog.application.ProductImportService;
import dev.bazaar.catalog.application.TransferPurge;
import dev.bazaar.platform.Jobs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The workers of product imports (validation, then writing) and exports, and the purge of finished ones. */
@Configuration(proxyBeanMethods = false)
class CatalogTransferJobs {

    @Bean
    Task<?> productImportValidateTask(Jobs jobs, ProductImportService imports) {
        return jobs.handler(imports.validateJob(), job -> imports.validate(job.importId()));
    }

    @Bean
    Task<?> productImportWriteTask(Jobs jobs, ProductImportService imports) {
        return jobs.handler(imports.writeJob(), job -> imports.write(job.importId()));
    }

    @Bean
    Task<?> productExportTask(Jobs jobs, ProductExportService exports) {
        return jobs.handler(exports.exportJob(), job -> exports.run(job.importId()));
    }

    /** Daily: finished imports and exports, with their files, once kept for {@code bazaar.catalog.transfers.keep-for}. */
    @Bean
    Task<?> productTransferPurgeTask(Jobs jobs, TransferPurge purge) {
        return jobs.recurring("catalog.transfer-purge", "0 41 3 * * *", purge::run);
    }
}
