package dev.bazaar.identity.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.platform.ApplicationException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    static final PasswordPolicy POLICY = new PasswordPolicy();

    static String refusal(String password) {
        try {
            POLICY.check("password", PasswordPolicy.normalise(password), "ann.lovelace@example.com");
            return "accepted";
        } catch (ApplicationException e) {
            return e.violations().getFirst().code();
        }
    }

    @Test
    void shipsAtLeastTenThousandCommonPasswords() {
        assertThat(POLICY.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(POLICY.isCommon("password")).isTrue();
        assertThat(POLICY.isCommon("Iloveyou1")).isTrue();
        assertThat(POLICY.isCommon("violet-harbour-4821")).isFalse();
    }

    @Test
    void lengthIsCountedInCharactersAfterNormalisation() {
        assertThat(refusal("seven77")).isEqualTo("password_too_short");
        assertThat(refusal("eight888x")).isEqualTo("accepted");
        assertThat(refusal("ü".repeat(8))).isEqualTo("accepted");
        assertThat(refusal("😀".repeat(8))).isEqualTo("accepted");
        assertThat(refusal("x".repeat(128))).isEqualTo("accepted");
        assertThat(refusal("x".repeat(129))).isEqualTo("password_too_long");
        assertThat(refusal("a".repeat(64))).isEqualTo("accepted");
    }

    @Test
    void hasNoCompositionRules() {
        assertThat(refusal("all lower case words")).isEqualTo("accepted");
        assertThat(refusal("84619273054")).isEqualTo("accepted");
    }

    @Test
    void refusesCommonPasswordsWhateverTheCase() {
        assertThat(refusal("password1")).isEqualTo("password_too_common");
        assertThat(refusal("PASSWORD1")).isEqualTo("password_too_common");
        assertThat(refusal("qwertyuiop")).isEqualTo("password_too_common");
        // Full-width letters normalise (NFKC) to the same common password.
        assertThat(refusal("ｐａｓｓｗｏｒｄ１")).isEqualTo("password_too_common");
    }

    @Test
    void refusesTheAddressAndTheServiceName() {
        assertThat(refusal("ann.lovelace@example.com")).isEqualTo("password_too_guessable");
        assertThat(refusal("ann.lovelace1")).isEqualTo("password_too_guessable");
        assertThat(refusal("bazaar2026")).isEqualTo("password_too_guessable");
        assertThatCode(() -> POLICY.check("password", "a long phrase mentioning bazaar is fine", null)).doesNotThrowAnyException();
    }

    @Test
    void namesTheFieldInTheError() {
        assertThatThrownBy(() -> POLICY.check("new_password", "short", null)).isInstanceOfSatisfying(ApplicationException.class,
                e -> assertThat(e.violations().getFirst().field()).isEqualTo("new_password"));
    }
}
