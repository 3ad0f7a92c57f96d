package dev.bazaar.notifications.stream;

import dev.bazaar.platform.ErrorCode;

/** The stable error codes of the real-time stream. */
enum StreamErrorCode implements ErrorCode {
    TICKET_INVALID("notifications.stream.ticket_invalid", 401, "Stream ticket is not valid"),
    ORIGIN_NOT_ALLOWED("notifications.stream.origin_not_allowed", 403, "Origin is not allowed to open the stream"),
    TOO_MANY_STREAMS("notifications.stream.too_many_streams", 429, "Too many open streams");

    private final String code;
    private final int status;
    private final String title;

    StreamErrorCode(String code, int status, String title) {
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
