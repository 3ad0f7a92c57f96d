package dev.bazaar.platform.mail;

import org.jspecify.annotations.Nullable;

/** A mail ready to deliver. */
public record RenderedMail(String to, String subject, String text, @Nullable String html) {}
