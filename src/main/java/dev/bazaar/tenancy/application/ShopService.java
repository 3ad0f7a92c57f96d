package dev.bazaar.tenancy.application;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.Text;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.ShopAccess;
import dev.bazaar.tenancy.ShopEvent;
import dev.bazaar.tenancy.TenancyErrorCode;
import dev.bazaar.tenancy.config.TenancyProperties;
import dev.bazaar.tenancy.domain.BuiltInRole;
import dev.bazaar.tenancy.domain.MembershipRepository;
import dev.bazaar.tenancy.domain.PlanRepository;
import dev.bazaar.tenancy.domain.RoleRef;
import dev.bazaar.tenancy.domain.ShopRepository;
import dev.bazaar.tenancy.domain.ShopRepository.ShopRow;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Shops: creation (the creator becomes the owner), settings, and the lifecycle administrators drive. */
@Service
public class ShopService {

    /** Handles that would collide with routes, subdomains or the platform's own names. */
    static final Set<String> RESERVED_HANDLES = Set.of("admin", "administrator", "api", "app", "apps", "assets", "auth",
            "bazaar", "billing", "blog", "cdn", "checkout", "dashboard", "dev", "docs", "help", "login", "logout", "mail",
            "me", "new", "null", "oauth", "platform", "root", "security", "settings", "shop", "shops", "signup", "static",
            "status", "store", "support", "system", "undefined", "webhooks", "www");

    private final ShopRepository shops;
    private final MembershipRepository memberships;
    private final PlanRepository plans;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TenancyProperties properties;
    private final Clock clock;

    ShopService(ShopRepository shops, MembershipRepository memberships, PlanRepository plans, TenantScope tenantScope,
                TransactionTemplate transactions, AuditLog audit, ApplicationEventPublisher events,
                TenancyProperties properties, Clock clock) {
        this.shops = shops;
        this.memberships = memberships;
        this.plans = plans;
        this.tenantScope = tenantScope;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a caller sees of a shop; {@code role} is the caller's. */
    public record ShopView(UUID id, String handle, String name, String currency, String timezone, String locale,
                           String status, @Nullable String role, Instant createdAt, Instant updatedAt,
                           @com.fasterxml.jackson.annotation.JsonIgnore long version) {

        static ShopView of(ShopRow shop, @Nullable String role) {
            return new ShopView(shop.id(), shop.handle(), shop.name(), shop.currency(), shop.timezone(), shop.locale(),
                    shop.status(), role, shop.createdAt(), shop.updatedAt(), shop.version());
        }
    }

    /** What administrators see of a shop. */
    public record AdminShopView(UUID id, String handle, String name, String status, @Nullable String statusReason,
                                @Nullable Instant suspendedAt, @Nullable Instant deletedAt, UUID createdBy,
                                Instant createdAt, Instant updatedAt) {

        static AdminShopView of(ShopRow shop) {
            return new AdminShopView(shop.id(), shop.handle(), shop.name(), shop.status(), shop.statusReason(),
                    shop.suspendedAt(), shop.deletedAt(), shop.createdBy(), shop.createdAt(), shop.updatedAt());
        }
    }

    public record CreateShop(String name, String handle, String currency, String timezone, String locale) {}

    public record UpdateShop(@Nullable String name, @Nullable String currency, @Nullable String timezone, @Nullable String locale) {}

    /** Creates the shop with the caller as its owner, on the default plan; 409 {@code handle_taken}. */
    public ShopView create(Actor actor, CreateShop command) {
        String handle = command.handle().trim();
        validateHandle(handle);
        String currency = currency(command.currency());
        String timezone = timezone(command.timezone());
        String locale = locale(command.locale());
        int owned = tenantScope.system("count the shops an account owns",
                () -> transactions.execute(status -> shops.countOwnedBy(actor.accountId())));
        if (owned >= properties.maxShopsPerAccount()) {
            throw new ApplicationException(TenancyErrorCode.SHOP_LIMIT_REACHED,
                    "An account may own at most " + properties.maxShopsPerAccount() + " shops");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        ShopRow shop = new ShopRow(id, 0, now, now, handle, Text.line("name", command.name(), 200), currency, timezone, locale, "active",
                null, null, null, actor.accountId());
        try {
            return tenantScope.call(id, () -> transactions.execute(status -> {
                shops.insert(shop);
                memberships.insert(id, Ids.newId(), actor.accountId(), RoleRef.of(BuiltInRole.OWNER), now);
                var plan = plans.find(properties.defaultPlan())
                        .orElseThrow(() -> new IllegalStateException("the default plan '" + properties.defaultPlan() + "' does not exist"));
                plans.insertSubscription(id, plan.id(), "active", now, now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(), null);
                audit.record("shop.created", "shop", id, Map.of(), settings(shop));
                events.publishEvent(new ShopEvent.ShopCreated(id, handle, actor.accountId(), now));
                return ShopView.of(shops.find(id).orElseThrow(), BuiltInRole.OWNER.key());
            }));
        } catch (DuplicateKeyException e) {
            throw new ApplicationException(TenancyErrorCode.HANDLE_TAKEN, "The handle '" + handle + "' is taken");
        }
    }

    /** The shop of the current request, with the caller's role. */
    @Transactional(readOnly = true)
    public ShopView current() {
        ShopRow shop = shops.find(TenantContext.requireTenantId()).orElseThrow(() -> ApplicationException.notFound("Shop not found"));
        return ShopView.of(shop, callerRole());
    }

    /** Changes the current shop's settings; 412 when {@code expectedVersion} is stale. */
    @Transactional
    public ShopView update(UpdateShop command, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ShopRow before = shops.lock(tenant).orElseThrow(() -> ApplicationException.notFound("Shop not found"));
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The shop was changed since you read it");
        }
        String name = command.name() != null ? Text.line("name", command.name(), 200) : before.name();
        String currency = command.currency() != null ? currency(command.currency()) : before.currency();
        String timezone = command.timezone() != null ? timezone(command.timezone()) : before.timezone();
        String locale = command.locale() != null ? locale(command.locale()) : before.locale();
        Instant now = clock.instant();
        shops.updateSettings(tenant, before.version(), name, currency, timezone, locale, now);
        ShopRow after = shops.find(tenant).orElseThrow();
        audit.record("shop.updated", "shop", tenant, settings(before), settings(after));
        events.publishEvent(new ShopEvent.ShopUpdated(tenant, now));
        return ShopView.of(after, callerRole());
    }

    private static @Nullable String callerRole() {
        return CurrentShop.find().map(ShopAccess::role).orElse(null);
    }

    /** The account's shops with its role in each. */
    public Page<ShopView> listMine(Actor actor, PageRequest page) {
        var rows = tenantScope.system("list the shops of an account", () -> transactions.execute(status ->
                shops.listForAccount(actor.accountId(), page.afterId(), page.fetchSize())));
        return page.page(rows.stream().map(row -> ShopView.of(row.shop(), row.role())).toList(), view -> view.id().toString());
    }

    /** Every shop, for platform administrators. */
    public Page<AdminShopView> listAll(@Nullable String status, @Nullable String query, PageRequest page) {
        if (status != null && !List.of("active", "suspended", "deleted").contains(status)) {
            throw ApplicationException.invalidField("status", "invalid_value", "must be active, suspended or deleted");
        }
        var rows = tenantScope.system("administrators list every shop", () -> transactions.execute(s ->
                shops.listAll(status, query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT),
                        page.afterId(), page.fetchSize())));
        return page.page(rows.stream().map(AdminShopView::of).toList(), view -> view.id().toString());
    }

    /** Whether a shop (in any state) has this handle or id. */
    public boolean exists(String reference) {
        return findAnywhere(reference).isPresent();
    }

    public AdminShopView adminGet(String reference) {
        return AdminShopView.of(adminFind(reference));
    }

    public AdminShopView suspend(String reference, String reason) {
        return changeStatus(reference, "suspended", reason, "shop.suspended", Set.of("active"));
    }

    public AdminShopView reactivate(String reference) {
        return changeStatus(reference, "active", null, "shop.reactivated", Set.of("suspended"));
    }

    /** Soft delete: the shop disappears at once and is purged after the grace period, unless restored before. */
    public AdminShopView delete(String reference, @Nullable String reason) {
        if (reason != null && reason.length() > 500) {
            throw ApplicationException.invalidField("reason", "too_long", "must be at most 500 characters");
        }
        return changeStatus(reference, "deleted", reason, "shop.deleted", Set.of("active", "suspended"));
    }

    public AdminShopView restore(String reference) {
        return changeStatus(reference, "active", null, "shop.restored", Set.of("deleted"));
    }

    /** Purges shops deleted longer ago than the grace period; returns how many. Safe to run on several instances. */
    public int purgeExpired() {
        Instant before = clock.instant().minus(properties.deletionGracePeriod());
        return tenantScope.system("purge shops whose deletion grace period is over", () -> {
            int purged = 0;
            for (UUID id : transactions.execute(status -> shops.purgeable(before, 100))) {
                Boolean done = transactions.execute(status -> shops.purge(id));
                if (Boolean.TRUE.equals(done)) {
                    events.publishEvent(new ShopEvent.ShopStatusChanged(id, "purged", null, clock.instant()));
                    purged++;
                }
            }
            return purged;
        });
    }

    private AdminShopView changeStatus(String reference, String status, @Nullable String reason, String action, Set<String> from) {
        ShopRow shop = adminFind(reference);
        return tenantScope.call(shop.id(), () -> transactions.execute(tx -> {
            ShopRow before = shops.lock(shop.id()).orElseThrow();
            if (!from.contains(before.status())) {
                throw new ApplicationException(TenancyErrorCode.SHOP_NOT_ACTIVE,
                        "The shop is " + before.status() + "; this needs it to be " + String.join(" or ", from));
            }
            Instant now = clock.instant();
            shops.setStatus(shop.id(), status, reason, now);
            Map<String, Object> beforeFields = new LinkedHashMap<>();
            beforeFields.put("status", before.status());
            beforeFields.put("status_reason", before.statusReason());
            Map<String, Object> afterFields = new LinkedHashMap<>();
            afterFields.put("status", status);
            afterFields.put("status_reason", reason);
            audit.record(action, "shop", shop.id(), beforeFields, afterFields);
            events.publishEvent(new ShopEvent.ShopStatusChanged(shop.id(), status, reason, now));
            return AdminShopView.of(shops.find(shop.id()).orElseThrow());
        }));
    }

    private ShopRow adminFind(String reference) {
        return findAnywhere(reference).orElseThrow(() -> ApplicationException.notFound("No shop '" + reference + "'"));
    }

    private Optional<ShopRow> findAnywhere(String reference) {
        return tenantScope.system("find a shop by handle or id across tenants", () -> transactions.execute(status ->
                shops.findByReference(reference)));
    }

    private static Map<String, Object> settings(ShopRow shop) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", shop.name());
        fields.put("handle", shop.handle());
        fields.put("currency", shop.currency());
        fields.put("timezone", shop.timezone());
        fields.put("locale", shop.locale());
        return fields;
    }

    static void validateHandle(String handle) {
        if (!ShopRepository.HANDLE.matcher(handle).matches()) {
            throw ApplicationException.invalidField("handle", "invalid_handle",
                    "must be 3-40 lower-case letters, digits and hyphens, starting and ending with a letter or digit");
        }
        if (RESERVED_HANDLES.contains(handle) || handle.contains("--")) {
            throw ApplicationException.invalidField("handle", "reserved", "is reserved; choose another");
        }
        if (Ids.parse(handle).isPresent()) {
            throw ApplicationException.invalidField("handle", "reserved", "must not look like an id");
        }
    }


    private static String currency(String code) {
        try {
            String upper = code.strip().toUpperCase(Locale.ROOT);
            if (!upper.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            return Currency.getInstance(upper).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ApplicationException.invalidField("currency", "invalid_currency", "must be an ISO 4217 code such as EUR");
        }
    }

    private static String timezone(String zone) {
        try {
            return ZoneId.of(zone.strip()).getId();
        } catch (DateTimeException e) {
            throw ApplicationException.invalidField("timezone", "invalid_timezone", "must be an IANA time zone such as Europe/Berlin");
        }
    }

    private static String locale(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException();
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw ApplicationException.invalidField("locale", "invalid_locale", "must be a BCP 47 language tag such as en-GB");
        }
    }
}
