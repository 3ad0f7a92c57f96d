/**
 * Payments: one payment per attempt to pay an order, its capture, voiding and refunds, through a {@code PaymentGateway}
 * port with one adapter package per provider (the built-in {@code test} gateway and Stripe); ordering calls this
 * module's root API and listens to its {@link dev.bazaar.payments.PaymentEvent}s.
 */
@ApplicationModule(displayName = "Payments",
        allowedDependencies = {"platform", "platform :: security", "platform :: persistence", "tenancy"})
@NullMarked
package dev.bazaar.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
