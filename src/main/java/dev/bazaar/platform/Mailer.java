package dev.bazaar.platform;

import dev.bazaar.platform.mail.MailDelivery;
import dev.bazaar.platform.mail.MailTemplates;
import dev.bazaar.platform.mail.RenderedMail;
import org.springframework.stereotype.Component;

/**
 * Sends templated mail durably: the mail is rendered now (so it shows what was true when it was sent) and handed to a
 * job in the caller's transaction, which delivers it through SMTP or the captured dev mailbox with retries.
 */
@Component
public class Mailer {

    private final MailTemplates templates;
    private final Jobs jobs;

    Mailer(MailTemplates templates, Jobs jobs) {
        this.templates = templates;
        this.jobs = jobs;
    }

    /** Schedules delivery; returns the delivery job's id. Rolls back with the caller's transaction. */
    public String send(MailMessage message) {
        RenderedMail mail = templates.render(message);
        return jobs.enqueue(MailDelivery.JOB, mail);
    }
}
