package dev.bazaar.platform;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar bazaar.jar <command> [options]}: starts the application context without the web server, the job
 * workers or demo data, runs the named {@link ManagementCommand}, and returns its exit status. {@code help} lists the
 * commands.
 */
public final class ManagementCli {

    private ManagementCli() {}

    /** Whether the process arguments name a command rather than being Spring options ({@code --x=y}). */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    /**
     * Runs {@code args[0]} with the remaining arguments. {@code properties} are added to the environment (tests point
     * the CLI at their database this way).
     */
    public static int run(Class<?> application, String[] args, InputStream in, PrintStream out,
                          Map<String, Object> properties) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.main.log-startup-info", "false");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.com.github.kagkarlsson.scheduler", "WARN");
        settings.put("db-scheduler.enabled", "false");
        settings.put("db-scheduler-ui.enabled", "false");
        settings.put("bazaar.cli", "true");
        settings.putAll(properties);
        String name = args[0];
        // As command-line properties, so that they win over application.yaml (default properties would not).
        String[] overrides = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run(overrides)) {
            List<ManagementCommand> commands = context.getBeansOfType(ManagementCommand.class).values().stream()
                    .sorted(Comparator.comparing(ManagementCommand::name)).toList();
            Optional<ManagementCommand> command = commands.stream().filter(c -> c.name().equals(name)).findFirst();
            if (command.isEmpty()) {
                if (!name.equals("help")) {
                    out.println("Unknown command '" + name + "'.");
                }
                out.println("Usage: bin/bazaar <command> [options]. Commands:");
                commands.forEach(c -> out.printf("  %-22s %s%n", c.name(), c.summary()));
                return name.equals("help") ? 0 : 2;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return command.get().run(Arrays.asList(args).subList(1, args.length), reader, out);
        }
    }
}
