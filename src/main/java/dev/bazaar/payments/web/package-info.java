/** Payments' HTTP endpoints: the shops' gateways and Stripe configuration, the test gateway's authentication, and inbound gateway webhooks. */
@NullMarked
package dev.bazaar.payments.web;

import org.jspecify.annotations.NullMarked;
