package dev.bazaar.platform.mail;

/** Where mail goes: an SMTP server, or the captured dev mailbox. Throws to have the delivery job retry. */
interface MailTransport {

    void deliver(RenderedMail mail, String from);
}
