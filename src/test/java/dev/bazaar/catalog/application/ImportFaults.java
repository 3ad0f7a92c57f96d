package dev.bazaar.catalog.application;

import java.util.concurrent.atomic.AtomicInteger;

/** Test seam over the import's write run: crash it once after a batch, as a dying instance would. */
public final class ImportFaults {

    private static final AtomicInteger CRASHES = new AtomicInteger();

    private ImportFaults() {}

    /** The next write run throws right after committing batch {@code batch}; later runs go through. */
    public static void crashOnceAfterBatch(int batch) {
        CRASHES.set(0);
        ProductImportService.afterBatch = committed -> {
            if (committed == batch && CRASHES.compareAndSet(0, 1)) {
                throw new IllegalStateException("injected crash after batch " + committed);
            }
        };
    }

    /** How many crashes were injected since {@link #crashOnceAfterBatch}. */
    public static int crashes() {
        return CRASHES.get();
    }

    public static void reset() {
        ProductImportService.afterBatch = committed -> { };
    }
}
