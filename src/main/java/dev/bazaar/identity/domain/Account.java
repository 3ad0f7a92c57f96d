package dev.bazaar.identity.domain;

import dev.bazaar.platform.persistence.AbstractEntity;
import jakarta.persistence.Column;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A person who can sign in. Life cycle: {@code pending} (registered, address not yet verified, no usable password) →
 * {@code active} → {@code deactivated} (anonymised, credentials gone; terminal).
 */
@Entity
@Table(name = "accounts")
public class Account extends AbstractEntity {

    public enum Status { PENDING, ACTIVE, DEACTIVATED }

    private String email;
    private @Nullable String name;
    private String locale;
    @Column(name = "password_hash")
    private @Nullable String passwordHash;
    @Convert(converter = StatusColumn.class)
    private Status status;
    @Column(name = "email_verified_at")
    private @Nullable Instant emailVerifiedAt;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "platform_roles", columnDefinition = "text[]")
    private String[] platformRoles = new String[0];
    @Column(name = "deactivated_at")
    private @Nullable Instant deactivatedAt;

    protected Account() {
        this.email = "";
        this.locale = "en";
        this.status = Status.PENDING;
    }

    private Account(String email, @Nullable String name, String locale) {
        this.email = email;
        this.name = name;
        this.locale = locale;
        this.status = Status.PENDING;
    }

    /** A registration whose address is not verified yet: it has no usable password. */
    public static Account pending(String email, @Nullable String name, String locale) {
        return new Account(email, name, locale);
    }

    /** An account created by an operator (CLI, demo data): verified and usable at once. */
    public static Account active(String email, @Nullable String name, String locale, String passwordHash, Instant now) {
        Account account = new Account(email, name, locale);
        account.activate(passwordHash, now);
        return account;
    }

    /** Verification or reset proved control of the address: the account becomes usable with this password. */
    public void activate(String passwordHash, Instant now) {
        if (status == Status.DEACTIVATED) {
            throw new IllegalStateException("a deactivated account cannot be activated");
        }
        this.passwordHash = passwordHash;
        this.status = Status.ACTIVE;
        if (emailVerifiedAt == null) {
            this.emailVerifiedAt = now;
        }
    }

    public void changePassword(String passwordHash) {
        if (status != Status.ACTIVE) {
            throw new IllegalStateException("only an active account has a password");
        }
        this.passwordHash = passwordHash;
    }

    public void rename(@Nullable String name) {
        this.name = name;
    }

    public void changeLocale(String locale) {
        this.locale = locale;
    }

    public void grantPlatformRole(String role) {
        Set<String> roles = new LinkedHashSet<>(Arrays.asList(platformRoles));
        roles.add(role);
        this.platformRoles = roles.toArray(String[]::new);
    }

    /** Deactivation: credentials removed, personal data replaced, roles dropped; the address may register again. */
    public void deactivate(Instant now) {
        this.status = Status.DEACTIVATED;
        this.email = "deleted-" + getId() + "@deleted.invalid";
        this.name = null;
        this.passwordHash = null;
        this.platformRoles = new String[0];
        this.deactivatedAt = now;
    }

    public String getEmail() {
        return email;
    }

    public @Nullable String getName() {
        return name;
    }

    public String getLocale() {
        return locale;
    }

    public @Nullable String getPasswordHash() {
        return passwordHash;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public @Nullable Instant getEmailVerifiedAt() {
        return emailVerifiedAt;
    }

    public Set<String> getPlatformRoles() {
        return Set.of(platformRoles);
    }

    /** Statuses are lower-case in the database, like every enumeration in the API. */
    @Converter
    static class StatusColumn implements AttributeConverter<Status, String> {
        @Override
        public String convertToDatabaseColumn(Status status) {
            return status.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public Status convertToEntityAttribute(String column) {
            return Status.valueOf(column.toUpperCase(Locale.ROOT));
        }
    }
}
