package dev.bazaar.platform.web;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.ClientAddress;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.RateLimitPolicy;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.ratelimit.RateLimiter;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.AnyShopMember;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.PublicShopAccess;
import dev.bazaar.platform.security.RequiresPermission;
import dev.bazaar.platform.security.ShopAccess;
import dev.bazaar.platform.security.ShopDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one place where shop-scoped requests ({@code /api/v1/shops/{shop}/…}) are resolved and authorised, before the
 * handler runs: the shop is looked up by handle or id together with the caller's membership (one query), the handler's
 * declaration ({@link RequiresPermission}, {@link AnyShopMember}, {@link PublicShopAccess}) is checked, the shop plan's
 * rate limit is taken, and the tenant is bound for the rest of the request. Unknown shops and shops the caller is not a
 * member of answer the same 404; a suspended shop answers 403 {@code shop_suspended} to its members and 404 to others.
 */
class ShopAccessInterceptor implements HandlerInterceptor {

    static final String SHOP_VARIABLE = "shop";
    private static final String OPEN_SCOPE = ShopAccessInterceptor.class.getName() + ".scope";

    private final ShopDirectory directory;
    private final TenantScope tenantScope;
    private final RateLimiter rateLimiter;
    private final boolean rateLimitsEnabled;

    ShopAccessInterceptor(ShopDirectory directory, TenantScope tenantScope, RateLimiter rateLimiter, BazaarProperties properties) {
        this.directory = directory;
        this.tenantScope = tenantScope;
        this.rateLimiter = rateLimiter;
        this.rateLimitsEnabled = properties.rateLimit().enabled();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                instanceof Map<?, ?> variables) || !(variables.get(SHOP_VARIABLE) instanceof String reference)) {
            return true;
        }
        Declaration declaration = Declaration.of(method)
                .orElseThrow(() -> new IllegalStateException("shop-scoped handler without an access declaration: " + method));
        Actor actor = CurrentActor.find().orElse(null);
        if (actor == null && !declaration.isPublic()) {
            // Asking to sign in reveals nothing: it is the answer for every shop, existing or not.
            throw new ApplicationException(PlatformErrorCode.UNAUTHENTICATED, CurrentActor.SIGN_IN_HINT);
        }
        ShopAccess access = directory.resolve(reference, actor).orElseThrow(() -> shopNotFound(reference));
        authorise(declaration, access, actor, reference);
        if (rateLimitsEnabled) {
            rateLimiter.consume(List.of(planRule(access, actor, request)), request, response);
        }
        request.setAttribute(CurrentShop.ATTRIBUTE, access);
        request.setAttribute(OPEN_SCOPE, tenantScope.open(access.tenantId()));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (request.getAttribute(OPEN_SCOPE) instanceof TenantScope.OpenScope scope) {
            request.removeAttribute(OPEN_SCOPE);
            scope.close();
        }
    }

    private static void authorise(Declaration declaration, ShopAccess access, @Nullable Actor actor, String reference) {
        if (declaration.isPublic()) {
            if (access.suspended()) {
                throw access.isMember() ? suspended() : shopNotFound(reference);
            }
            return;
        }
        if (!access.isMember()) {
            throw shopNotFound(reference);
        }
        if (access.suspended()) {
            throw suspended();
        }
        if (actor != null && actor.isApiKey() && !declaration.apiKeys()) {
            throw new ApplicationException(PlatformErrorCode.PERMISSION_DENIED, "API keys cannot do this; a person must");
        }
        if (declaration.permission() != null && !access.has(declaration.permission())) {
            throw new ApplicationException(PlatformErrorCode.PERMISSION_DENIED,
                    "This needs the permission '" + declaration.permission().code() + "'", List.of(),
                    Map.of("required_permission", declaration.permission().code()));
        }
    }

    /** Per credential (account or API key) per shop, sized by the plan; anonymous callers per client address per shop. */
    private static RateLimitPolicy.Rule planRule(ShopAccess access, @Nullable Actor actor, HttpServletRequest request) {
        String caller = actor != null ? actor.id().toString() : "ip:" + ClientAddress.bucket(request.getRemoteAddr());
        // The rate is part of the key, so a plan change takes effect at once instead of when the old bucket expires.
        String key = access.tenantId() + ":" + caller + ":" + access.apiRatePerSecond() + "/" + access.apiBurst();
        return RateLimitPolicy.Rule.tokenBucket("shop-api", key, access.apiBurst(), access.apiRatePerSecond());
    }

    static ApplicationException shopNotFound(String reference) {
        return new ApplicationException(PlatformErrorCode.SHOP_NOT_FOUND, "There is no shop '" + reference + "' you can see");
    }

    private static ApplicationException suspended() {
        return new ApplicationException(PlatformErrorCode.SHOP_SUSPENDED,
                "This shop is suspended by the platform's administrators; contact them to reactivate it");
    }

    /** What a handler declares about who may call it. */
    record Declaration(boolean isPublic, boolean apiKeys, @Nullable Permission permission) {

        static Optional<Declaration> of(HandlerMethod method) {
            RequiresPermission requires = method.getMethodAnnotation(RequiresPermission.class);
            AnyShopMember member = method.getMethodAnnotation(AnyShopMember.class);
            PublicShopAccess open = method.getMethodAnnotation(PublicShopAccess.class);
            int declared = (requires != null ? 1 : 0) + (member != null ? 1 : 0) + (open != null ? 1 : 0);
            if (declared != 1) {
                return Optional.empty();
            }
            if (requires != null) {
                return Optional.of(new Declaration(false, requires.apiKeys(), requires.value()));
            }
            return Optional.of(member != null ? new Declaration(false, member.apiKeys(), null) : new Declaration(true, true, null));
        }
    }
}
