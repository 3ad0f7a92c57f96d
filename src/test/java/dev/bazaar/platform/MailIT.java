package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Templated mail through the durable job into the captured dev mailbox. */
@IntegrationTest
class MailIT {

    @Autowired
    Mailer mailer;

    @Autowired
    TransactionTemplate transaction;

    @LocalServerPort
    int port;

    @Test
    void mailIsRenderedDeliveredByAJobAndListedNewestFirst() {
        String code = UUID.randomUUID().toString();
        String older = UUID.randomUUID().toString();
        TestHttp http = new TestHttp(port);
        transaction.executeWithoutResult(status ->
                mailer.send(new MailMessage("first@example.com", "First", "probe", Map.of("name", "Ann", "code", older))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/dev/mailbox.json").body()).contains(older));
        transaction.executeWithoutResult(status ->
                mailer.send(new MailMessage("ada@example.com", "Your code", "probe", Map.of("name", "Ada <&>", "code", code))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode mails = JsonMapper.builder().build().readTree(http.get("/dev/mailbox.json").body()).get("data");
            var matching = mails.valueStream().filter(m -> m.get("text").asString().contains(code)).toList();
            assertThat(matching).hasSize(1);
            JsonNode mine = matching.getFirst();
            assertThat(mails.get(0)).isEqualTo(mine); // newest first
            assertThat(mine.get("to").asString()).isEqualTo("ada@example.com");
            assertThat(mine.get("subject").asString()).isEqualTo("Your code");
            assertThat(mine.get("text").asString()).contains("Hello Ada <&>,");
            assertThat(mine.get("html").asString()).contains("<strong>Ada &lt;&amp;&gt;</strong>");
            assertThat(mine.get("sent_at").asString()).isNotBlank();
        });
        HttpResponse<String> page = http.get("/dev/mailbox");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(code).contains("ada@example.com");
    }

    @Test
    void mailOfARolledBackTransactionIsNeverSent() {
        String code = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            mailer.send(new MailMessage("bob@example.com", "Never", "probe", Map.of("name", "Bob", "code", code)));
            status.setRollbackOnly();
        });
        TestHttp http = new TestHttp(port);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(http.get("/dev/mailbox.json").body()).doesNotContain(code));
    }
}
