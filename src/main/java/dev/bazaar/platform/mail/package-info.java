/** Mail rendering (Thymeleaf text + HTML), the delivery job, and the transports: SMTP or the captured dev mailbox. */
@NullMarked
package dev.bazaar.platform.mail;

import org.jspecify.annotations.NullMarked;
