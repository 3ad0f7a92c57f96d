/** The Stripe adapter over stripe-java: PaymentIntents and Refunds, per-shop credentials, and signed inbound webhooks. */
@NullMarked
package dev.bazaar.payments.gateway.stripe;

import org.jspecify.annotations.NullMarked;
