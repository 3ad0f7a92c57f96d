package dev.bazaar.platform.web;

import java.io.IOException;

/** Thrown while reading a request body that crosses {@code bazaar.http.max-request-body}; rendered as 413. */
public final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long maxBytes) {
        super("request body exceeds " + maxBytes + " bytes");
    }
}
