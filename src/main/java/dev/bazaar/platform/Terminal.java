package dev.bazaar.platform;

import java.io.PrintStream;

/**
 * The operator's terminal (standard output), deliberately outside the log: management commands print their results
 * here, and the embedded default prints its one-time demo credentials here, so that secrets never reach log files or
 * log shipping. Never use it for diagnostics; log those.
 */
public final class Terminal {

    private Terminal() {}

    public static PrintStream out() {
        return System.out;
    }

    public static java.io.InputStream in() {
        return System.in;
    }
}
