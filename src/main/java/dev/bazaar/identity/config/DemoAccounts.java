package dev.bazaar.identity.config;

import dev.bazaar.identity.application.AccountService;
import dev.bazaar.identity.crypto.SecureTokens;
import dev.bazaar.platform.Terminal;
import dev.bazaar.platform.security.Actor;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded default's demo data: on first start (the demo administrator does not exist yet) a platform
 * administrator and a shop owner account are created with random passwords, which are printed once to the terminal —
 * never to the log. Only on the embedded database, outside {@code prod} and outside the management CLI.
 */
@Component
public class DemoAccounts {

    public static final String ADMIN_EMAIL = "admin@demo.bazaar.localhost";
    public static final String OWNER_EMAIL = "owner@demo.bazaar.localhost";

    /** A demo account and its one-time printed password. */
    public record Credential(String role, String email, String password) {}

    private final AccountService accounts;
    private final IdentityProperties properties;
    private final Environment environment;

    DemoAccounts(AccountService accounts, IdentityProperties properties, Environment environment) {
        this.accounts = accounts;
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        boolean applies = properties.demoAccounts()
                && "embedded".equals(environment.getProperty("bazaar.database.mode"))
                && !environment.matchesProfiles("prod")
                && !environment.getProperty("bazaar.cli", Boolean.class, false);
        if (applies) {
            createOnFirstStart().ifPresent(credentials -> print(credentials, Terminal.out()));
        }
    }

    /** Creates the demo accounts if the demo administrator does not exist; their credentials, or empty. */
    public Optional<List<Credential>> createOnFirstStart() {
        String adminPassword = SecureTokens.generate("").substring(0, 20);
        if (!accounts.createOrGrant(ADMIN_EMAIL, "Demo Administrator", adminPassword, Actor.PLATFORM_ADMIN)) {
            return Optional.empty();
        }
        String ownerPassword = SecureTokens.generate("").substring(0, 20);
        accounts.createOrGrant(OWNER_EMAIL, "Demo Shop Owner", ownerPassword, null);
        return Optional.of(List.of(new Credential("platform administrator", ADMIN_EMAIL, adminPassword),
                new Credential("shop owner", OWNER_EMAIL, ownerPassword)));
    }

    static void print(List<Credential> credentials, PrintStream out) {
        StringBuilder text = new StringBuilder()
                .append("\n=== Bazaar demo accounts (shown once; not written to the log) ===\n");
        for (Credential credential : credentials) {
            text.append(String.format("  %-24s %-30s password: %s%n", credential.role(), credential.email(), credential.password()));
        }
        text.append("  Sign in: POST /api/v1/auth/token {\"grant_type\":\"password\",\"email\":…,\"password\":…}\n")
                .append("  Lost them? Reset the password through /dev/mailbox, or run bin/bazaar create-admin.\n")
                .append("=================================================================\n");
        out.print(text);
        out.flush();
    }
}
