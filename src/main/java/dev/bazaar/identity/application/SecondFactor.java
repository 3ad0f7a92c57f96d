package dev.bazaar.identity.application;

import dev.bazaar.identity.crypto.SecureTokens;
import dev.bazaar.identity.crypto.Totp;
import dev.bazaar.identity.domain.TotpRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks a second factor: a TOTP code (each 30-second step accepted at most once, never an older one than the last)
 * or a one-time recovery code ({@code xxxx-xxxx-xxxx-xxxx-xxxx-xxxx}, 120 bits — enough that a fast digest, salted
 * with the account id, is a safe way to store it (OWASP ASVS 6.5.2 asks for 112).
 */
@Component
public class SecondFactor {

    /** Which factor was presented. */
    public enum Kind { TOTP, RECOVERY_CODE }

    static final int RECOVERY_CODES = 10;
    static final int RECOVERY_CODE_CHARACTERS = 24;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final TotpRepository totp;
    private final Clock clock;

    SecondFactor(TotpRepository totp, Clock clock) {
        this.totp = totp;
        this.clock = clock;
    }

    public boolean isEnabled(UUID accountId) {
        return totp.isEnabled(accountId);
    }

    /** Accepts the code once if it is a valid TOTP code or an unused recovery code of the account. */
    public Optional<Kind> verify(UUID accountId, String otp) {
        String code = otp.strip();
        Instant now = clock.instant();
        if (code.length() == Totp.DIGITS && code.chars().allMatch(Character::isDigit)) {
            Optional<TotpRepository.Credential> credential = totp.find(accountId).filter(TotpRepository.Credential::confirmed);
            if (credential.isEmpty()) {
                return Optional.empty();
            }
            OptionalLong step = Totp.match(credential.get().secret(), code, now);
            return step.isPresent() && totp.acceptStep(accountId, step.getAsLong(), false, now)
                    ? Optional.of(Kind.TOTP) : Optional.empty();
        }
        String recovery = normaliseRecoveryCode(code);
        if (recovery.length() == RECOVERY_CODE_CHARACTERS && totp.isEnabled(accountId)
                && totp.useRecoveryCode(accountId, recoveryDigest(accountId, recovery), now)) {
            return Optional.of(Kind.RECOVERY_CODE);
        }
        return Optional.empty();
    }

    public int recoveryCodesLeft(UUID accountId) {
        return totp.countUnusedRecoveryCodes(accountId);
    }

    /** New recovery codes (replacing any earlier ones); only their digests are kept. */
    public List<String> newRecoveryCodes(UUID accountId) {
        List<String> codes = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] random = SecureTokens.randomBytes(RECOVERY_CODE_CHARACTERS);
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < RECOVERY_CODE_CHARACTERS; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET[random[c] & 31]);
            }
            codes.add(code.toString());
            digests.add(recoveryDigest(accountId, normaliseRecoveryCode(code.toString())));
        }
        totp.replaceRecoveryCodes(accountId, digests, clock.instant());
        return codes;
    }

    static String normaliseRecoveryCode(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static byte[] recoveryDigest(UUID accountId, String normalised) {
        return SecureTokens.sha256((accountId + ":" + normalised).getBytes(StandardCharsets.UTF_8));
    }
}
