/** Rate limiting with Bucket4j: buckets in Redis when configured, in process otherwise; IETF RateLimit headers. */
@NullMarked
package dev.bazaar.platform.ratelimit;

import org.jspecify.annotations.NullMarked;
