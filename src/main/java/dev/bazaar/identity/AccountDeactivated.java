package dev.bazaar.identity;

/** Published when an account is deactivated and anonymised, so that other modules can let go of it. */
public record AccountDeactivated(AccountId accountId) {}
