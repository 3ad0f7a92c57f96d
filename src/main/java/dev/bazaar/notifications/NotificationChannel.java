package dev.bazaar.notifications;

import java.util.Arrays;
import java.util.Optional;

/** Where a notification reaches its recipient: the in-app feed (and its live stream) or email. */
public enum NotificationChannel {
    IN_APP("in_app"),
    EMAIL("email");

    private final String key;

    NotificationChannel(String key) {
        this.key = key;
    }

    /** The stable name in the API and the database. */
    public String key() {
        return key;
    }

    public static Optional<NotificationChannel> fromKey(String key) {
        return Arrays.stream(values()).filter(channel -> channel.key.equals(key)).findFirst();
    }
}
