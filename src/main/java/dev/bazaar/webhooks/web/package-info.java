/** The webhook endpoints API: endpoints, their secrets, deliveries, tests, redeliveries and replays. */
@NullMarked
package dev.bazaar.webhooks.web;

import org.jspecify.annotations.NullMarked;
