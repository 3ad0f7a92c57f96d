package dev.bazaar.platform.mail;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The captured mailbox of the default profile: {@code /dev/mailbox} (HTML) and {@code /dev/mailbox.json}, newest first,
 * so that verification and reset links work without an SMTP server. Absent in {@code prod}.
 */
@Controller
@Profile("!prod")
@ConditionalOnProperty(name = "bazaar.mail.transport", havingValue = "captured")
class DevMailboxController {

    private static final int LIMIT = 100;
    private final CapturedMailbox mailbox;

    DevMailboxController(CapturedMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/dev/mailbox")
    String page(Model model) {
        model.addAttribute("mails", mailbox.newest(LIMIT));
        return "dev/mailbox";
    }

    @GetMapping(path = "/dev/mailbox.json", produces = "application/json")
    @ResponseBody
    Map<String, List<CapturedMailbox.CapturedMail>> json() {
        return Map.of("data", mailbox.newest(LIMIT));
    }
}
