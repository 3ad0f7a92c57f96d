package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.bazaar.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** With SMTP configured, mail goes out through the delivery job as multipart text + HTML. */
@IntegrationTest(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025", "bazaar.mail.transport=smtp",
        "bazaar.mail.from=Bazaar <shop@bazaar.test>"})
class SmtpMailIT {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    Mailer mailer;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void mailIsDeliveredOverSmtp() throws Exception {
        String code = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status ->
                mailer.send(new MailMessage("ada@example.com", "Your code", "probe", Map.of("name", "Ada", "code", code))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(smtp.getReceivedMessages()).hasSize(1));
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("Your code");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Bazaar <shop@bazaar.test>");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        String raw = GreenMailUtil.getWholeMessage(message);
        assertThat(raw).contains("text/plain", "text/html", code);
    }
}
