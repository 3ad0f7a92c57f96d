package dev.bazaar.identity.cli;

import dev.bazaar.identity.crypto.SigningKeys;
import dev.bazaar.platform.ManagementCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code bin/bazaar generate-signing-key}: prints a new EC P-256 private key as a JWK Set, ready for
 * {@code BAZAAR_IDENTITY_JWT_SIGNING_KEYS}. To rotate, put the new key first in the configured set and keep the old one
 * after it until its tokens have expired (at most the access-token lifetime).
 */
@Component
class GenerateSigningKeyCommand implements ManagementCommand {

    @Override
    public String name() {
        return "generate-signing-key";
    }

    @Override
    public String summary() {
        return "print a new ES256 private key as a JWK Set for BAZAAR_IDENTITY_JWT_SIGNING_KEYS";
    }

    @Override
    public int run(List<String> args, BufferedReader in, PrintStream out) {
        out.println(SigningKeys.generate().toString(false));
        return 0;
    }
}
