package dev.bazaar.catalog.web;

import dev.bazaar.platform.security.CurrentActor;
import org.springframework.http.CacheControl;

/** The Cache-Control of storefront reads. */
final class StorefrontCaching {

    private StorefrontCaching() {}

    /**
     * Public reads may be stored but are revalidated every time (the ETag makes that cheap); what a signed-in caller
     * sees may include drafts, so it is never stored by shared caches.
     */
    static CacheControl cacheControl() {
        return CurrentActor.find().isPresent() ? CacheControl.noCache().cachePrivate() : CacheControl.noCache().cachePublic();
    }
}
