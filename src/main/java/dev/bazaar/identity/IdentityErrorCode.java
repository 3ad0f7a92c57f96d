package dev.bazaar.identity;

import dev.bazaar.platform.ErrorCode;

/**
 * Identity's stable error codes. The sign-in codes follow OAuth 2.0's vocabulary (RFC 6749 §5.2:
 * {@code invalid_grant}, {@code unsupported_grant_type}) so that OAuth-minded clients recognise them.
 */
public enum IdentityErrorCode implements ErrorCode {
    INVALID_CREDENTIALS("invalid_credentials", 401, "Email or password is not correct"),
    MFA_REQUIRED("mfa_required", 401, "A second factor is required"),
    INVALID_OTP("invalid_otp", 401, "The one-time code is not correct"),
    INVALID_GRANT("invalid_grant", 401, "The grant is not valid"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400, "Unsupported grant type"),
    REAUTHENTICATION_REQUIRED("reauthentication_required", 403, "A recent sign-in is required"),
    TOO_MANY_ATTEMPTS("too_many_attempts", 429, "Too many failed attempts"),
    TOKEN_INVALID("token_invalid", 400, "The link is invalid, has expired or was already used"),
    MFA_ALREADY_ENABLED("mfa_already_enabled", 409, "Two-factor authentication is already on"),
    MFA_NOT_ENABLED("mfa_not_enabled", 409, "Two-factor authentication is not on"),
    MFA_ENROLMENT_NOT_STARTED("mfa_enrolment_not_started", 409, "Two-factor enrolment has not been started");

    private final String code;
    private final int status;
    private final String title;

    IdentityErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
