package dev.bazaar.identity;

import java.util.UUID;

/** The id of an account, for other modules to reference accounts by (never by mapping identity's tables). */
public record AccountId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
