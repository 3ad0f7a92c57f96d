package dev.bazaar.notifications;

import dev.bazaar.platform.ErrorCode;

/** Notifications' stable error codes. */
public enum NotificationErrorCode implements ErrorCode {
    NOTIFICATION_NOT_FOUND("notification_not_found", 404, "Notification not found"),
    CHANNEL_REQUIRED("notification_channel_required", 422, "This notification cannot be switched off on this channel");

    private final String code;
    private final int status;
    private final String title;

    NotificationErrorCode(String code, int status, String title) {
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
