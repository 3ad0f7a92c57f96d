package dev.bazaar.platform;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One command of the management CLI ({@code bin/bazaar <name> [options]}), in the spirit of Django's
 * {@code manage.py}: the application context starts without the web server or job workers, the command runs, and the
 * process exits with the returned status. Declare each command as a bean.
 */
public interface ManagementCommand {

    /** The command's name on the command line, e.g. {@code create-admin}. */
    String name();

    /** One line for the command list. */
    String summary();

    /**
     * Runs the command with the arguments after its name; returns the exit status (0 success, 2 usage error, 1 other
     * failure). {@code in} is standard input (for secrets that must not appear in the process list).
     */
    int run(List<String> args, BufferedReader in, PrintStream out);

    /** The value after {@code --name} in the arguments, or null when the option is absent or has no value. */
    static @Nullable String option(List<String> args, String name) {
        int index = args.indexOf(name);
        return index >= 0 && index + 1 < args.size() ? args.get(index + 1) : null;
    }
}
