/** Payments' state: payments and refunds with their guarded status transitions, gateway settings, and their JDBC repositories. */
@NullMarked
package dev.bazaar.payments.domain;

import org.jspecify.annotations.NullMarked;
