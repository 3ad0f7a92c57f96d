package dev.bazaar;

import dev.bazaar.platform.Terminal;
import dev.bazaar.platform.ManagementCli;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Bazaar: a self-hostable, multi-tenant commerce platform backend. Without arguments (or with only {@code --option}s)
 * it serves; with a command name first ({@code create-admin}, {@code help}, …) it runs that management command and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BazaarApplication {

    public static void main(String[] args) {
        if (ManagementCli.isCommand(args)) {
            System.exit(ManagementCli.run(BazaarApplication.class, args, Terminal.in(), Terminal.out(), Map.of()));
        }
        SpringApplication.run(BazaarApplication.class, args);
    }
}
