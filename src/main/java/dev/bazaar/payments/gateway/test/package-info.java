/** The built-in {@code test} gateway: Stripe's test payment-method ids drive its outcomes; its "remote" state is in the database. */
@NullMarked
package dev.bazaar.payments.gateway.test;

import org.jspecify.annotations.NullMarked;
