package dev.bazaar.webhooks;

import dev.bazaar.platform.ErrorCode;

/** The webhooks module's stable error codes. */
public enum WebhooksErrorCode implements ErrorCode {
    ENDPOINT_NOT_FOUND("webhook_endpoint_not_found", 404, "Webhook endpoint not found"),
    DELIVERY_NOT_FOUND("webhook_delivery_not_found", 404, "Webhook delivery not found"),
    URL_FORBIDDEN("webhook_url_forbidden", 422, "Webhooks cannot be sent to this URL"),
    ENDPOINT_LIMIT("webhook_endpoint_limit_reached", 422, "The shop's plan allows no more webhook endpoints"),
    ENDPOINT_DISABLED("webhook_endpoint_disabled", 422, "The webhook endpoint is disabled"),
    REPLAY_WINDOW_INVALID("webhook_replay_window_invalid", 422, "The replay window is not valid");

    private final String code;
    private final int status;
    private final String title;

    WebhooksErrorCode(String code, int status, String title) {
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
