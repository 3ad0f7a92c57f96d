package dev.bazaar.notifications.stream;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message on the {@value #TOPIC} broadcast topic: a recorded event of a shop ({@code seq}, event name, frozen body)
 * or a notification for one account in a shop. Encoded as lines (the body last, so it may hold anything).
 */
record StreamMessage(Kind kind, UUID tenantId, long seq, UUID id, String name, @Nullable UUID accountId, String body) {

    static final String TOPIC = "stream";

    enum Kind { EVENT, NOTIFICATION }

    static StreamMessage event(UUID tenantId, long seq, UUID id, String name, String body) {
        return new StreamMessage(Kind.EVENT, tenantId, seq, id, name, null, body);
    }

    static StreamMessage notification(UUID tenantId, UUID accountId, UUID id, String body) {
        return new StreamMessage(Kind.NOTIFICATION, tenantId, 0, id, "notification", accountId, body);
    }

    String encode() {
        return String.join("\n", kind.name(), tenantId.toString(), Long.toString(seq), id.toString(), name,
                accountId == null ? "-" : accountId.toString(), body);
    }

    /** The message, or null for anything that is not one (another version's format): ignored, never fatal. */
    static @Nullable StreamMessage decode(String encoded) {
        String[] parts = encoded.split("\n", 7);
        if (parts.length != 7) {
            return null;
        }
        try {
            return new StreamMessage(Kind.valueOf(parts[0]), UUID.fromString(parts[1]), Long.parseLong(parts[2]),
                    UUID.fromString(parts[3]), parts[4], parts[5].equals("-") ? null : UUID.fromString(parts[5]), parts[6]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
