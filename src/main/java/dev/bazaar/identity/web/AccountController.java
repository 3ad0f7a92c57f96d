package dev.bazaar.identity.web;

import dev.bazaar.identity.application.AccountService;
import dev.bazaar.platform.CarriesSecrets;
import dev.bazaar.platform.Secret;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registration and email verification. */
@RestController
@Tag(name = "Accounts", description = "Registration and email verification")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    record Registration(@NotBlank @Email @Size(max = 320) String email,
                        @NotNull @Size(max = TokenController.MAX_SECRET_INPUT) String password,
                        @Nullable @Size(max = 200) String name,
                        @Nullable @LanguageTag String locale) {
        @Override
        public String toString() {
            return "Registration[email=" + email + ", password=" + Secret.REDACTED + ", name=" + name + ", locale=" + locale + "]";
        }
    }

    record Verification(@NotBlank @Size(max = 256) String token) {
        @Override
        public String toString() {
            return "Verification[" + Secret.REDACTED + "]";
        }
    }

    record Accepted(String status, String detail) {}

    record Verified(boolean emailVerified) {}

    @PostMapping("/api/v1/accounts")
    @CarriesSecrets
    @Operation(summary = "Register", description = """
            Always 202 with the same body for a well-formed request: a new address gets a verification mail, an address \
            that already has an account gets a "you already have an account" mail. Passwords: 8–128 characters, any \
            characters, not one of the 30,000 most common; otherwise 400 `validation_failed` on `password`.""")
    ResponseEntity<Accepted> register(@Valid @RequestBody Registration registration) {
        accounts.register(registration.email(), registration.password(), blankToNull(registration.name()),
                registration.locale() != null ? LanguageTag.Validator.canonical(registration.locale()) : null);
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore())
                .body(new Accepted("accepted", "Check your inbox: we have sent a mail to this address with the next step"));
    }

    @PostMapping("/api/v1/accounts/email-verification")
    @CarriesSecrets
    @Operation(summary = "Verify an email address", description = "Uses the token from the verification mail (single "
            + "use, 24 hours); the account can sign in afterwards. 400 `token_invalid` otherwise.")
    ResponseEntity<Verified> verify(@Valid @RequestBody Verification verification) {
        accounts.verifyEmail(verification.token());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Verified(true));
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
