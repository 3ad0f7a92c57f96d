package dev.bazaar.identity.web;

import dev.bazaar.identity.application.MfaService;
import dev.bazaar.identity.crypto.Totp;
import dev.bazaar.platform.Secret;
import dev.bazaar.platform.CarriesSecrets;
import dev.bazaar.platform.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** TOTP two-factor authentication of the signed-in account. */
@RestController
@Tag(name = "Me", description = "The signed-in account")
@SecurityRequirement(name = "bearer")
class MfaController {

    private final MfaService mfa;

    MfaController(MfaService mfa) {
        this.mfa = mfa;
    }

    record EnrolmentResponse(String secret, String otpauthUri, String algorithm, int digits, int period) {
        @Override
        public String toString() {
            return "EnrolmentResponse[" + Secret.REDACTED + "]";
        }
    }

    record Code(@NotBlank @Size(max = 64) String otp) {
        @Override
        public String toString() {
            return "Code[" + Secret.REDACTED + "]";
        }
    }

    record RecoveryCodes(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodes[" + recoveryCodes.size() + " codes " + Secret.REDACTED + "]";
        }
    }

    @PostMapping("/api/v1/me/mfa/totp")
    @CarriesSecrets
    @Operation(summary = "Start TOTP enrolment", description = "Returns a new secret and its otpauth:// URI for an "
            + "authenticator app; confirm with a first code. 409 `mfa_already_enabled` if two-factor is on.")
    ResponseEntity<EnrolmentResponse> start() {
        MfaService.Enrolment enrolment = mfa.startEnrolment(CurrentActor.require());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new EnrolmentResponse(enrolment.secret(),
                enrolment.otpauthUri(), "SHA1", Totp.DIGITS, Totp.PERIOD_SECONDS));
    }

    @PostMapping("/api/v1/me/mfa/totp/confirm")
    @CarriesSecrets
    @Operation(summary = "Confirm TOTP enrolment", description = "With a current code; turns two-factor on and returns "
            + "10 single-use recovery codes, shown only in this response.")
    ResponseEntity<RecoveryCodes> confirm(@Valid @RequestBody Code code) {
        List<String> codes = mfa.confirmEnrolment(CurrentActor.require(), code.otp());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new RecoveryCodes(codes));
    }

    @DeleteMapping("/api/v1/me/mfa/totp")
    @CarriesSecrets
    @Operation(summary = "Turn two-factor off", description = "Needs a fresh TOTP code (or a recovery code) in the body.")
    ResponseEntity<Void> disable(@Valid @RequestBody Code code) {
        mfa.disable(CurrentActor.require(), code.otp());
        return ResponseEntity.noContent().build();
    }
}
