package dev.bazaar.identity.cli;

import dev.bazaar.identity.application.SessionService;
import dev.bazaar.platform.ManagementCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code bin/bazaar revoke-all-sessions --yes}: the emergency stop — every session of every account ends, so every
 * refresh and access token stops working at once and everyone signs in again (after a suspected key or database leak).
 */
@Component
class RevokeAllSessionsCommand implements ManagementCommand {

    private final SessionService sessions;

    RevokeAllSessionsCommand(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "revoke-all-sessions";
    }

    @Override
    public String summary() {
        return "sign every account out everywhere (emergency stop): --yes";
    }

    @Override
    public int run(List<String> args, BufferedReader in, PrintStream out) {
        if (!args.contains("--yes")) {
            out.println("revoke-all-sessions signs every account out everywhere; run it with --yes to go ahead");
            return 2;
        }
        out.println("Revoked " + sessions.revokeEverything() + " sessions; every access and refresh token is now invalid.");
        return 0;
    }
}
