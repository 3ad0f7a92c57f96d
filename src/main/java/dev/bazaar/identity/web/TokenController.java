package dev.bazaar.identity.web;

import dev.bazaar.identity.IdentityErrorCode;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.identity.application.AuthenticationService;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.Secret;
import dev.bazaar.platform.CarriesSecrets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in grants, sign-out, and password reset. */
@RestController
@Tag(name = "Authentication", description = "Tokens (password, mfa_otp and refresh_token grants), revocation, password reset")
class TokenController {

    static final int MAX_SECRET_INPUT = 1024;

    private final AuthenticationService authentication;
    private final AccountService accounts;

    TokenController(AuthenticationService authentication, AccountService accounts) {
        this.authentication = authentication;
        this.accounts = accounts;
    }

    /** The token request of every grant; which fields are required depends on {@code grant_type}. */
    record TokenRequest(@NotBlank @Size(max = 32) String grantType,
                        @Nullable @Size(max = 320) String email,
                        @Nullable @Size(max = MAX_SECRET_INPUT) String password,
                        @Nullable @Size(max = 256) String mfaToken,
                        @Nullable @Size(max = 64) String otp,
                        @Nullable @Size(max = 256) String refreshToken) {
        @Override
        public String toString() {
            return "TokenRequest[grant_type=" + grantType + ", email=" + email + ", secrets " + Secret.REDACTED + "]";
        }
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
        @Override
        public String toString() {
            return "TokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn + ", tokens " + Secret.REDACTED + "]";
        }
    }

    record RevokeRequest(@NotBlank @Size(max = 256) String refreshToken) {
        @Override
        public String toString() {
            return "RevokeRequest[" + Secret.REDACTED + "]";
        }
    }

    record PasswordResetRequest(@NotBlank @Email @Size(max = 320) String email) {}

    record PasswordResetConfirmation(@NotBlank @Size(max = 256) String token, @NotNull @Size(max = MAX_SECRET_INPUT) String newPassword) {
        @Override
        public String toString() {
            return "PasswordResetConfirmation[" + Secret.REDACTED + "]";
        }
    }

    record Accepted(String status, String detail) {}

    record Done(String status) {}

    @PostMapping("/api/v1/auth/token")
    @CarriesSecrets
    @Operation(summary = "Get tokens", description = """
            OAuth2-style grants in JSON. `password` (email, password) answers the token pair, or 401 `mfa_required` with an \
            `mfa_token` when two-factor authentication is on; `mfa_otp` (mfa_token, otp: a TOTP code or a recovery code) \
            completes that sign-in; `refresh_token` rotates the refresh token (single use; presenting a used one signs the \
            whole session out). Failures: 401 `invalid_credentials`, `invalid_otp`, `invalid_grant`; 403 `email_not_verified`; \
            429 `too_many_attempts`.""")
    ResponseEntity<TokenResponse> token(@Valid @RequestBody TokenRequest request) {
        AuthenticationService.TokenPair pair = switch (request.grantType()) {
            case "password" -> {
                require(request, Set.of("email", "password"));
                yield authentication.passwordGrant(request.email(), request.password());
            }
            case "mfa_otp" -> {
                require(request, Set.of("mfa_token", "otp"));
                yield authentication.mfaGrant(request.mfaToken(), request.otp());
            }
            case "refresh_token" -> {
                require(request, Set.of("refresh_token"));
                yield authentication.refreshGrant(request.refreshToken());
            }
            default -> throw new ApplicationException(IdentityErrorCode.UNSUPPORTED_GRANT_TYPE,
                    "grant_type must be one of password, mfa_otp, refresh_token");
        };
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                .body(new TokenResponse(pair.accessToken(), "Bearer", pair.expiresIn(), pair.refreshToken()));
    }

    @PostMapping("/api/v1/auth/revoke")
    @CarriesSecrets
    @Operation(summary = "Sign out a session", description = "Revokes the session of the refresh token (RFC 7009: "
            + "an unknown or already revoked token is not an error). Its access tokens stop working at once.")
    ResponseEntity<Void> revoke(@Valid @RequestBody RevokeRequest request) {
        authentication.revoke(request.refreshToken());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping("/api/v1/auth/password-reset")
    @Operation(summary = "Ask for a password reset mail", description = "Always 202 with the same body, whether or not "
            + "the address has an account; the mail holds a single-use link valid for 30 minutes.")
    ResponseEntity<Accepted> requestReset(@Valid @RequestBody PasswordResetRequest request) {
        accounts.requestPasswordReset(request.email());
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(new Accepted("accepted",
                "If the address has an account, a mail with a reset link is on its way"));
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    @CarriesSecrets
    @Operation(summary = "Set a new password with a reset token", description = "Signs out every session of the account.")
    ResponseEntity<Done> confirmReset(@Valid @RequestBody PasswordResetConfirmation request) {
        accounts.confirmPasswordReset(request.token(), request.newPassword());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Done("password_reset"));
    }

    /** Every grant's own fields are required and every other grant's fields are refused, so mistakes are visible. */
    private static void require(TokenRequest request, Set<String> needed) {
        Map<String, @Nullable String> all = new LinkedHashMap<>();
        all.put("email", request.email());
        all.put("password", request.password());
        all.put("mfa_token", request.mfaToken());
        all.put("otp", request.otp());
        all.put("refresh_token", request.refreshToken());
        List<FieldViolation> violations = new ArrayList<>();
        all.forEach((field, value) -> {
            if (needed.contains(field) && (value == null || value.isBlank())) {
                violations.add(new FieldViolation(field, "required", "is required for grant_type " + request.grantType()));
            } else if (!needed.contains(field) && value != null) {
                violations.add(new FieldViolation(field, "not_allowed", "is not part of grant_type " + request.grantType()));
            }
        });
        if (!violations.isEmpty()) {
            throw new ApplicationException(PlatformErrorCode.VALIDATION_FAILED,
                    violations.size() == 1 ? "1 field is not valid" : violations.size() + " fields are not valid",
                    violations, Map.of());
        }
    }
}
