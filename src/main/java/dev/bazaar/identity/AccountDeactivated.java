package dev.bazaar.identity;

/**
 * Published when an account is deactivated and anonymised, so that other modules can let go of it. Synchronous
 * listeners run inside the deactivation's transaction: throwing an {@code ApplicationException} refuses the
 * deactivation with that problem (tenancy does so for a shop's last owner).
 */
public record AccountDeactivated(AccountId accountId) {}
