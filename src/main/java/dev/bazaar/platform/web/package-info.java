/** The HTTP contract's machinery: problem details, request ids, access log, body limits, security headers, CORS, API docs. */
@NullMarked
package dev.bazaar.platform.web;

import org.jspecify.annotations.NullMarked;
