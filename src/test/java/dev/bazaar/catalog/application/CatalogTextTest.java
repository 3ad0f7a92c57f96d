package dev.bazaar.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.platform.ApplicationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handles made from titles, and descriptions sanitised before they are stored. */
class CatalogTextTest {

    @Test
    void slugsDropAccentsPunctuationAndCase() {
        assertThat(Handles.slug("Café Crème")).isEqualTo("cafe-creme");
        assertThat(Handles.slug("  T-Shirt (Organic!) -- 100% cotton ")).isEqualTo("t-shirt-organic-100-cotton");
        assertThat(Handles.slug("日本")).isEqualTo("product");
        assertThat(Handles.slug("x".repeat(300))).hasSizeLessThanOrEqualTo(Handles.MAX_LENGTH - 6);
    }

    @Test
    void aFreeHandleCountsUpFromTwo() {
        assertThat(Handles.free("tee", List.of())).isEqualTo("tee");
        assertThat(Handles.free("tee", List.of("tee", "tee-2", "tee-4"))).isEqualTo("tee-3");
    }

    @Test
    void chosenHandlesMustBeSlugs() {
        assertThat(Handles.require(" my-tee ")).isEqualTo("my-tee");
        for (String bad : List.of("My-Tee", "my--tee", "-tee", "tee-", "t e e", "x".repeat(101))) {
            assertThatThrownBy(() -> Handles.require(bad)).as(bad).isInstanceOf(ApplicationException.class);
        }
    }

    @Test
    void descriptionsKeepFormattingAndLoseEverythingActive() {
        String clean = RichText.sanitise("<h2 style=\"color:red\">Title</h2><p>Soft <strong>cotton</strong></p>"
                + "<script>alert(1)</script><iframe src=\"https://evil\"></iframe><p onmouseover=\"x()\">"
                + "<a href=\"javascript:alert(1)\">bad</a><a href=\"https://example.com\" target=\"_blank\">good</a></p>"
                + "<svg onload=alert(1)></svg><img src=x onerror=alert(1)>");
        assertThat(clean).contains("<h2>Title</h2>", "<strong>cotton</strong>",
                "<a href=\"https://example.com\" rel=\"nofollow noopener\">good</a>");
        assertThat(clean).doesNotContain("script", "iframe", "onmouseover", "javascript", "svg", "onerror", "style", "target");
    }
}
