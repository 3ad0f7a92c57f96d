package dev.bazaar.platform.security;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A port, implemented by the tenancy module: resolves the {@code {shop}} of a request path (a handle or an id) and
 * what the actor may do there. Called once per shop-scoped request, outside any tenant scope.
 */
public interface ShopDirectory {

    /**
     * The shop and the actor's access to it; empty when no such shop exists or it is deleted. For an anonymous caller
     * (null) or a non-member the access has no role and no permissions; an API key is a member of its own shop only.
     */
    Optional<ShopAccess> resolve(String shopReference, @Nullable Actor actor);
}
