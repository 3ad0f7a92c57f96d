package dev.bazaar.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/EVENTS.md lists every event of the catalog with its version and the permission to receive it live. */
class EventCatalogDocTest {

    @Test
    void everyEventIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("docs/EVENTS.md"));
        for (EventType type : EventType.values()) {
            String permission = type == EventType.PING ? "—" : "`" + type.permission().code() + "`";
            assertThat(doc).as("the row of %s", type.eventName())
                    .contains("| `" + type.eventName() + "` | " + type.version() + " | " + permission + " |");
        }
    }

    @Test
    void filtersAcceptNamesGroupsAndEverythingButNotPing() {
        assertThat(EventType.isValidFilter("*")).isTrue();
        assertThat(EventType.isValidFilter("product.*")).isTrue();
        assertThat(EventType.isValidFilter("order.*")).isTrue();
        assertThat(EventType.isValidFilter("comment.*")).as("a group whose events come later").isTrue();
        assertThat(EventType.ORDER_PAID.matches("order.*")).isTrue();
        assertThat(EventType.PAYMENT_SUCCEEDED.matches("order.*")).isFalse();
        assertThat(EventType.isValidFilter("product.updated")).isTrue();
        assertThat(EventType.isValidFilter("ping")).isFalse();
        assertThat(EventType.isValidFilter("product.exploded")).isFalse();
        assertThat(EventType.isValidFilter("Product.*")).isFalse();
        assertThat(EventType.isValidFilter("nothing.*")).isFalse();
        assertThat(EventType.PRODUCT_UPDATED.matches("product.*")).isTrue();
        assertThat(EventType.PRODUCT_UPDATED.matches("*")).isTrue();
        assertThat(EventType.PING.matches("*")).isFalse();
        assertThat(EventType.MEMBER_ADDED.matches("product.*")).isFalse();
    }
}
