package dev.bazaar.identity.cli;

import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.identity.crypto.PasswordHasher;
import dev.bazaar.platform.ManagementCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code bin/bazaar measure-password-hash [--runs N]}: times Argon2id hashing and verification with the configured
 * cost on this machine, so operators can tune {@code bazaar.identity.password.*} to the 50–100 ms target.
 */
@Component
class MeasurePasswordHashCommand implements ManagementCommand {

    private final PasswordHasher hasher;
    private final IdentityProperties properties;

    MeasurePasswordHashCommand(PasswordHasher hasher, IdentityProperties properties) {
        this.hasher = hasher;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "measure-password-hash";
    }

    @Override
    public String summary() {
        return "time Argon2id with the configured cost on this machine: [--runs N] (default 30)";
    }

    @Override
    public int run(List<String> args, BufferedReader in, PrintStream out) {
        String runsOption = ManagementCommand.option(args, "--runs");
        int runs;
        try {
            runs = runsOption == null ? 30 : Integer.parseInt(runsOption);
        } catch (NumberFormatException e) {
            out.println("measure-password-hash: --runs must be a whole number");
            return 2;
        }
        if (runs < 1) {
            out.println("measure-password-hash: --runs must be at least 1");
            return 2;
        }
        String password = "correct horse battery staple";
        for (int i = 0; i < 5; i++) {
            hasher.hash(password);
        }
        List<Double> hashTimes = new ArrayList<>();
        List<Double> verifyTimes = new ArrayList<>();
        String hash = hasher.hash(password);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            hash = hasher.hash(password);
            hashTimes.add((System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            hasher.verify(password, hash);
            verifyTimes.add((System.nanoTime() - start) / 1e6);
        }
        IdentityProperties.Password cost = properties.password();
        out.printf("Argon2id m=%d KiB, t=%d, p=%d on %d cores, %d runs%n", cost.argon2MemoryKib(), cost.argon2Iterations(),
                cost.argon2Parallelism(), Runtime.getRuntime().availableProcessors(), runs);
        out.println("  hash   " + summary(hashTimes));
        out.println("  verify " + summary(verifyTimes));
        return 0;
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return String.format("mean %.1f ms, median %.1f ms, min %.1f ms, max %.1f ms", mean, sorted.get(sorted.size() / 2),
                sorted.getFirst(), sorted.getLast());
    }
}
