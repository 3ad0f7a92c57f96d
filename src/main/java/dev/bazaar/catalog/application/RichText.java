package dev.bazaar.catalog.application;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Product descriptions are HTML from staff, shown to every visitor of the storefront: they are stored sanitised against
 * an allow-list (jsoup's basic list plus headings; links get {@code rel="nofollow noopener"}), so that whatever was
 * sent, what is served is safe to render as is. No scripts, styles, event handlers, frames or {@code javascript:} URLs.
 */
final class RichText {

    private static final Safelist ALLOWED = Safelist.basic()
            .addTags("h2", "h3", "h4", "h5", "h6", "hr")
            .removeEnforcedAttribute("a", "rel")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private RichText() {}

    static String sanitise(String html) {
        return Jsoup.clean(html, "", ALLOWED, OUTPUT);
    }

    /** A {@code description_html} field: sanitised, at most 100,000 characters (400 beyond); empty when absent. */
    static String description(@org.jspecify.annotations.Nullable String html) {
        String clean = html == null ? "" : sanitise(html);
        if (clean.length() > 100_000) {
            throw dev.bazaar.platform.ApplicationException.invalidField("description_html", "too_long",
                    "must be at most 100,000 characters");
        }
        return clean;
    }
}
