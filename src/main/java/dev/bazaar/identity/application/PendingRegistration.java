package dev.bazaar.identity.application;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one registration of a not-yet-verified address chose — password (as its Argon2id hash), name, locale — kept
 * with its verification token, so that following a link applies exactly the choices of the registration that sent it.
 */
record PendingRegistration(String passwordHash, @Nullable String name, String locale) {

    String toJson(JsonMapper json) {
        return json.writeValueAsString(this);
    }

    static PendingRegistration parse(JsonMapper json, String payload) {
        return json.readValue(payload, PendingRegistration.class);
    }
}
