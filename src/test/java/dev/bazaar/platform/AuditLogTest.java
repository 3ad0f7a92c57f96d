package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    @Test
    void recordsOnlyChangedFieldsAndMasksSecrets() {
        Map<String, Object> changes = AuditLog.changes(
                Map.of("name", "Old", "currency", "EUR", "secret_hash", "abc", "gone", "x"),
                Map.of("name", "New", "currency", "EUR", "secret_hash", "def"));
        assertThat(changes).containsOnlyKeys("name", "secret_hash", "gone");
        assertThat(changes.get("name")).isEqualTo(Map.of("before", "Old", "after", "New"));
        assertThat(changes.get("secret_hash")).isEqualTo(Map.of("before", "[redacted]", "after", "[redacted]"));
        assertThat(((Map<?, ?>) changes.get("gone")).get("after")).isNull();
    }
}
