package dev.bazaar.platform.mail;

import dev.bazaar.platform.Ids;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Development transport: keeps every mail in the database, listed newest first at {@code /dev/mailbox}. */
@Component
@ConditionalOnProperty(name = "bazaar.mail.transport", havingValue = "captured")
class CapturedMailbox implements MailTransport {

    private final JdbcClient jdbc;

    CapturedMailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void deliver(RenderedMail mail, String from) {
        jdbc.sql("insert into captured_mail (id, recipient, subject, text_body, html_body) values (?, ?, ?, ?, ?)")
                .params(Ids.newId(), mail.to(), mail.subject(), mail.text(), mail.html())
                .update();
    }

    List<CapturedMail> newest(int limit) {
        return jdbc.sql("select recipient, subject, text_body, html_body, sent_at from captured_mail order by sent_at desc, id desc limit ?")
                .param(limit)
                .query((rs, n) -> new CapturedMail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    record CapturedMail(String to, String subject, String text, @Nullable String html, Instant sentAt) {}
}
