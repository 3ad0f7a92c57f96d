package dev.bazaar.identity.cli;

import dev.bazaar.identity.application.AccountService;
import dev.bazaar.identity.crypto.SecureTokens;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.ManagementCommand;
import dev.bazaar.platform.security.Actor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code bin/bazaar create-admin --email <address> [--name <name>] [--generate-password]}: creates a platform
 * administrator (or grants the role to the existing account). The password is read from the first line of standard
 * input, so it never appears in the process list or shell history; {@code --generate-password} makes and prints one.
 */
@Component
class CreateAdminCommand implements ManagementCommand {

    private final AccountService accounts;

    CreateAdminCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "create-admin";
    }

    @Override
    public String summary() {
        return "create a platform administrator: --email <address> [--name <name>] [--generate-password]; password on stdin";
    }

    @Override
    public int run(List<String> args, BufferedReader in, PrintStream out) {
        String email = ManagementCommand.option(args, "--email");
        String name = ManagementCommand.option(args, "--name");
        boolean generate = args.contains("--generate-password");
        if (email == null || email.isBlank()) {
            out.println("create-admin: --email <address> is required");
            return 2;
        }
        String password;
        try {
            password = generate ? SecureTokens.generate("").substring(0, 24) : in.readLine();
        } catch (IOException e) {
            out.println("create-admin: could not read the password from standard input");
            return 1;
        }
        try {
            boolean created = accounts.createOrGrant(email, name, password == null || password.isEmpty() ? null : password,
                    Actor.PLATFORM_ADMIN);
            if (created) {
                out.println("Created platform administrator " + email + (generate ? " with password: " + password : "."));
            } else {
                out.println("Account " + email + " exists; it is a platform administrator now (its password is unchanged).");
            }
            return 0;
        } catch (ApplicationException e) {
            String reason = e.violations().isEmpty() ? e.getMessage()
                    : e.violations().getFirst().field() + " " + e.violations().getFirst().message();
            out.println("create-admin: " + reason + (password == null || password.isEmpty()
                    ? " (pipe the password on standard input, or use --generate-password)" : ""));
            return 2;
        }
    }

}
