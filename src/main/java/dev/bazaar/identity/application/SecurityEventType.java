package dev.bazaar.identity.application;

import java.util.Locale;

/** The kinds of stored security events; their lower-case names are the {@code type} clients see. */
public enum SecurityEventType {
    ACCOUNT_REGISTERED,
    REGISTRATION_FOR_EXISTING_ACCOUNT,
    EMAIL_VERIFIED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    LOGIN_THROTTLED,
    MFA_CHALLENGE_FAILED,
    RECOVERY_CODE_USED,
    REFRESH_TOKEN_REUSED,
    /** Logged only (every few minutes per client), not stored. */
    TOKEN_REFRESHED,
    /** Logged only, not stored. */
    TOKEN_REFRESH_FAILED,
    SESSIONS_REVOKED_BY_ADMINISTRATOR,
    LOGOUT,
    SESSION_REVOKED,
    OTHER_SESSIONS_REVOKED,
    PASSWORD_CHANGED,
    PASSWORD_CHANGE_FAILED,
    PASSWORD_RESET_REQUESTED,
    PASSWORD_RESET,
    MFA_ENROLMENT_STARTED,
    MFA_ENROLMENT_FAILED,
    EMAIL_VERIFICATION_FAILED,
    PASSWORD_RESET_FAILED,
    REAUTHENTICATION_REQUIRED,
    MFA_ENABLED,
    MFA_DISABLED,
    PROFILE_UPDATED,
    ACCOUNT_DEACTIVATED,
    PLATFORM_ROLE_GRANTED;

    public String type() {
        return name().toLowerCase(Locale.ROOT);
    }
}
