package dev.bazaar.catalog.application;

/**
 * A storefront answer ready to send: its JSON body and its entity tag. The public's answers are cached in this form,
 * so that a cache hit costs no rendering.
 */
public record Rendered(String etag, String json) {

    /** One string for the cache: the tag, a line break, the body. */
    String encode() {
        return etag + "\n" + json;
    }

    static Rendered decode(String cached) {
        int newline = cached.indexOf('\n');
        return new Rendered(cached.substring(0, newline), cached.substring(newline + 1));
    }
}
