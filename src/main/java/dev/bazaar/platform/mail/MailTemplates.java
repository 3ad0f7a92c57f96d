package dev.bazaar.platform.mail;

import dev.bazaar.platform.MailMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders {@code templates/mail/<name>.txt} (required) and {@code templates/mail/<name>.html} (optional). */
@Component
public class MailTemplates {

    private static final String PREFIX = "templates/mail/";
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");

    public RenderedMail render(MailMessage message) {
        Context context = new Context(message.locale(), message.model());
        String textBody = text.process(message.template(), context);
        String htmlBody = new ClassPathResource(PREFIX + message.template() + ".html").exists()
                ? html.process(message.template(), context) : null;
        return new RenderedMail(message.to(), message.subject(), textBody, htmlBody);
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(PREFIX);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
