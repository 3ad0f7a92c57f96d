/** The port to payment providers ({@link dev.bazaar.payments.gateway.PaymentGateway}) and its result types; one adapter package per provider. */
@NullMarked
package dev.bazaar.payments.gateway;

import org.jspecify.annotations.NullMarked;
