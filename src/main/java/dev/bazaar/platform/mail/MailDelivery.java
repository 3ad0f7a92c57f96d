package dev.bazaar.platform.mail;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mail delivery job: ten attempts with backoff from 30 s (about four hours in all), then dead. */
@Configuration(proxyBeanMethods = false)
public class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    public static final JobDefinition<RenderedMail> JOB = JobDefinition.of("mail.deliver", RenderedMail.class)
            .withRetries(10, Duration.ofSeconds(30), Duration.ofHours(4))
            // Mails may carry one-time links; a mail that could not be delivered is kept without its body.
            .withoutPayloadWhenDead();

    @Bean
    Task<?> mailDeliveryTask(Jobs jobs, MailTransport transport, BazaarProperties properties) {
        return jobs.handler(JOB, mail -> {
            transport.deliver(mail, properties.mail().from());
            log.info("Mail '{}' delivered", mail.subject());
        });
    }
}
