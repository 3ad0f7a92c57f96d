package dev.bazaar.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bazaar.catalog.ProductSnapshots;
import dev.bazaar.ordering.domain.DiscountRepository;
import dev.bazaar.ordering.domain.DiscountRepository.DiscountRow;
import dev.bazaar.ordering.domain.Discounts;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import dev.bazaar.tenancy.ShopQueries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shop's discount definitions: codes entered at checkout (matched ignoring case) and automatic discounts (no code).
 * Only the definitions; redemption (counting uses, per customer, under concurrency) comes with checkout.
 */
@Service
public class DiscountService {

    public static final int MAX_DISCOUNTS = 500;
    public static final int MAX_TARGETS = 100;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,40}");
    private static final Pattern PERCENTAGE = Pattern.compile("\\d{1,3}(\\.\\d{1,4})?");

    private final DiscountRepository discounts;
    private final ShopQueries shops;
    private final ProductSnapshots products;
    private final AuditLog audit;
    private final Clock clock;

    DiscountService(DiscountRepository discounts, ShopQueries shops, ProductSnapshots products, AuditLog audit, Clock clock) {
        this.discounts = discounts;
        this.shops = shops;
        this.products = products;
        this.audit = audit;
        this.clock = clock;
    }

    /** Absent (null) fields stay as they are on update. */
    public record DiscountSpec(@Nullable String code, @Nullable String name, @Nullable String kind,
                               @Nullable String percentage, @Nullable Money amount, @Nullable Money minimumSubtotal,
                               @Nullable String targets, @Nullable List<UUID> targetIds, @Nullable Instant startsAt,
                               @Nullable Instant endsAt, @Nullable Long usageLimit, @Nullable Long perCustomerLimit,
                               @Nullable String status) {}

    /** {@code percentage} (4 fraction digits) for percentage discounts, {@code amount} for fixed_amount ones. */
    public record DiscountView(UUID id, @Nullable String code, String name, String kind, @Nullable String percentage,
                               @Nullable Money amount, @Nullable Money minimumSubtotal, String targets,
                               List<UUID> targetIds, Instant startsAt, @Nullable Instant endsAt, @Nullable Long usageLimit,
                               @Nullable Long perCustomerLimit, long timesUsed, String status, Instant createdAt,
                               Instant updatedAt, @JsonIgnore long version) {}

    @Transactional(readOnly = true)
    public List<DiscountView> list(@Nullable String code) {
        UUID tenant = TenantContext.requireTenantId();
        if (code != null) {
            return discounts.findByCode(tenant, code.strip()).map(DiscountService::view).stream().toList();
        }
        return discounts.list(tenant, MAX_DISCOUNTS).stream().map(DiscountService::view).toList();
    }

    @Transactional(readOnly = true)
    public DiscountView get(UUID id) {
        return discounts.find(TenantContext.requireTenantId(), id).map(DiscountService::view)
                .orElseThrow(DiscountService::notFound);
    }

    /** The discount with this code (ignoring case), or empty. */
    @Transactional(readOnly = true)
    public java.util.Optional<DiscountView> findByCode(String code) {
        return discounts.findByCode(TenantContext.requireTenantId(), code.strip()).map(DiscountService::view);
    }

    /** Active automatic discounts in force now. */
    @Transactional(readOnly = true)
    public List<DiscountView> automatic() {
        return discounts.automatic(TenantContext.requireTenantId(), clock.instant(), MAX_DISCOUNTS).stream()
                .map(DiscountService::view).toList();
    }

    /**
     * Redeems the discount for an order, in the caller's transaction: counts one use (409 {@code discount_exhausted}
     * when none is left) and, with a per-customer limit, refuses (409 {@code discount_limit_reached}) an email that
     * has used it that many times. Concurrent redemptions of one discount run one at a time on its row, so the limits
     * hold. Returns the discount as it is after the use.
     */
    @Transactional
    public DiscountView redeem(UUID discountId, UUID orderId, String email) {
        UUID tenant = TenantContext.requireTenantId();
        DiscountRow used = discounts.use(tenant, discountId).orElseThrow(() -> new ApplicationException(
                OrderingErrorCode.DISCOUNT_EXHAUSTED, "The discount has been used as many times as it may be"));
        if (used.perCustomerLimit() != null && discounts.usesBy(tenant, discountId, email) >= used.perCustomerLimit()) {
            throw new ApplicationException(OrderingErrorCode.DISCOUNT_LIMIT_REACHED,
                    "This email has used the discount as many times as one customer may");
        }
        discounts.recordUse(tenant, discountId, orderId, email, clock.instant());
        return view(used);
    }

    /** A definition as the pure calculation reads it, for checkout. */
    public static Discounts.Definition definition(DiscountView view) {
        return new Discounts.Definition(Discounts.Kind.valueOf(view.kind().toUpperCase(Locale.ROOT)),
                view.percentage() == null ? null : new BigDecimal(view.percentage()),
                view.amount() == null ? 0 : view.amount().amount(),
                view.minimumSubtotal() == null ? null : view.minimumSubtotal().amount(),
                Discounts.Targets.valueOf(view.targets().toUpperCase(Locale.ROOT)), Set.copyOf(view.targetIds()),
                view.startsAt(), view.endsAt(), view.usageLimit(), view.timesUsed(), view.status().equals("active"));
    }

    @Transactional
    public DiscountView create(DiscountSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        if (spec.name() == null) {
            throw ApplicationException.invalidField("name", "required", "is required");
        }
        if (spec.kind() == null) {
            throw ApplicationException.invalidField("kind", "required", "is required");
        }
        Instant now = clock.instant();
        DiscountRow row = row(Ids.newId(), 0, now, now, spec.code(), spec.name(), spec.kind(), spec.percentage(),
                spec.amount(), spec.minimumSubtotal(), spec.targets() != null ? spec.targets() : "all",
                spec.targetIds() != null ? spec.targetIds() : List.of(), spec.startsAt() != null ? spec.startsAt() : now,
                spec.endsAt(), spec.usageLimit(), spec.perCustomerLimit(), spec.status() != null ? spec.status() : "active", 0);
        if (discounts.count(tenant) >= MAX_DISCOUNTS) {
            throw ApplicationException.invalidField("name", "too_many", "a shop has at most " + MAX_DISCOUNTS + " discounts");
        }
        requireCodeFree(tenant, row.code(), null);
        try {
            discounts.insert(tenant, row);
        } catch (DuplicateKeyException e) {
            throw codeTaken();
        }
        audit.record("discount.created", "discount", row.id(), Map.of(), fields(row));
        return get(row.id());
    }

    @Transactional
    public DiscountView update(UUID id, DiscountSpec spec, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        DiscountRow before = discounts.find(tenant, id).orElseThrow(DiscountService::notFound);
        String kind = spec.kind() != null ? spec.kind() : before.kind();
        boolean sameKind = kind.equals(before.kind());
        String targets = spec.targets() != null ? spec.targets() : before.targets();
        DiscountRow after = row(id, before.version(), before.createdAt(), before.updatedAt(),
                spec.code() != null ? spec.code() : before.code(), spec.name() != null ? spec.name() : before.name(), kind,
                spec.percentage() != null ? spec.percentage()
                        : sameKind && before.percentage() != null ? before.percentage().toPlainString() : null,
                spec.amount() != null ? spec.amount()
                        : sameKind && before.amount() != null ? new Money(before.amount(), before.currency()) : null,
                spec.minimumSubtotal() != null ? spec.minimumSubtotal()
                        : before.minimumSubtotal() != null ? new Money(before.minimumSubtotal(), before.currency()) : null,
                targets, spec.targetIds() != null ? spec.targetIds()
                        : targets.equals(before.targets()) ? before.targetIds() : List.of(),
                spec.startsAt() != null ? spec.startsAt() : before.startsAt(),
                spec.endsAt() != null ? spec.endsAt() : before.endsAt(),
                spec.usageLimit() != null ? spec.usageLimit() : before.usageLimit(),
                spec.perCustomerLimit() != null ? spec.perCustomerLimit() : before.perCustomerLimit(),
                spec.status() != null ? spec.status() : before.status(), before.timesUsed());
        requireCodeFree(tenant, after.code(), id);
        try {
            if (!discounts.update(tenant, after, expectedVersion != null ? expectedVersion : before.version(), clock.instant())) {
                throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The discount was changed since you read it");
            }
        } catch (DuplicateKeyException e) {
            throw codeTaken();
        }
        audit.record("discount.updated", "discount", id, fields(before), fields(after));
        return get(id);
    }

    @Transactional
    public void delete(UUID id, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        DiscountRow discount = discounts.find(tenant, id).orElseThrow(DiscountService::notFound);
        if (!discounts.delete(tenant, id, expectedVersion)) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The discount was changed since you read it");
        }
        audit.record("discount.deleted", "discount", id, fields(discount), Map.of());
    }

    /** Validates the merged fields of a discount into a row. */
    private DiscountRow row(UUID id, long version, Instant createdAt, Instant updatedAt, @Nullable String code, String name,
                            String kind, @Nullable String percentage, @Nullable Money amount,
                            @Nullable Money minimumSubtotal, String targets, List<UUID> targetIds, Instant startsAt,
                            @Nullable Instant endsAt, @Nullable Long usageLimit, @Nullable Long perCustomerLimit,
                            String status, long timesUsed) {
        String currency = shops.current().currency();
        if (code != null && !CODE.matcher(code).matches()) {
            throw ApplicationException.invalidField("code", "invalid_code",
                    "must be 3 to 40 letters, digits, '_' or '-'");
        }
        if (!Set.of("percentage", "fixed_amount", "free_shipping").contains(kind)) {
            throw ApplicationException.invalidField("kind", "unknown_kind", "must be percentage, fixed_amount or free_shipping");
        }
        BigDecimal rate = null;
        if (kind.equals("percentage")) {
            if (percentage == null) {
                throw ApplicationException.invalidField("percentage", "required", "is required for a percentage discount");
            }
            String stripped = percentage.strip();
            if (!PERCENTAGE.matcher(stripped).matches() || !Discounts.isValidPercentage(new BigDecimal(stripped))) {
                throw ApplicationException.invalidField("percentage", "invalid_percentage",
                        "must be a percentage above 0 and at most 100 with at most 4 fraction digits, such as \"10.0000\"");
            }
            rate = new BigDecimal(stripped).setScale(4);
        } else if (percentage != null) {
            throw ApplicationException.invalidField("percentage", "not_allowed", "only a percentage discount has one");
        }
        Long fixed = null;
        if (kind.equals("fixed_amount")) {
            if (amount == null) {
                throw ApplicationException.invalidField("amount", "required", "is required for a fixed_amount discount");
            }
            fixed = Money.price("amount", amount.amount(), amount.currency(), currency).amount();
            if (fixed == 0) {
                throw ApplicationException.invalidField("amount.amount", "must_be_positive", "must be more than 0");
            }
        } else if (amount != null) {
            throw ApplicationException.invalidField("amount", "not_allowed", "only a fixed_amount discount has one");
        }
        Long minimum = minimumSubtotal == null ? null
                : Money.price("minimum_subtotal", minimumSubtotal.amount(), minimumSubtotal.currency(), currency).amount();
        if (!Set.of("all", "products", "collections").contains(targets)) {
            throw ApplicationException.invalidField("targets", "unknown_targets", "must be all, products or collections");
        }
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(targetIds));
        if (targets.equals("all") && !ids.isEmpty()) {
            throw ApplicationException.invalidField("target_ids", "not_allowed", "a discount on all products lists no ids");
        }
        if (!targets.equals("all") && ids.isEmpty()) {
            throw ApplicationException.invalidField("target_ids", "required", "lists the targeted " + targets);
        }
        if (ids.size() > MAX_TARGETS) {
            throw ApplicationException.invalidField("target_ids", "too_many", "at most " + MAX_TARGETS + " ids");
        }
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw ApplicationException.invalidField("ends_at", "must_be_after_starts_at", "must be after starts_at");
        }
        positive("usage_limit", usageLimit);
        positive("per_customer_limit", perCustomerLimit);
        if (usageLimit != null && usageLimit < timesUsed) {
            throw ApplicationException.invalidField("usage_limit", "below_times_used", "is below the " + timesUsed + " uses so far");
        }
        if (!status.equals("active") && !status.equals("disabled")) {
            throw ApplicationException.invalidField("status", "unknown_status", "must be active or disabled");
        }
        if (targets.equals("products")) {
            Set<UUID> missing = new HashSet<>(ids);
            missing.removeAll(products.staffViews(ids).keySet());
            if (!missing.isEmpty()) {
                throw new ApplicationException(OrderingErrorCode.DISCOUNT_TARGET_NOT_FOUND,
                        "A targeted product does not exist in this shop", List.of(),
                        Map.of("missing", ids.stream().filter(missing::contains).map(UUID::toString).toList()));
            }
        }
        return new DiscountRow(id, version, createdAt, updatedAt, code, Text.line("name", name, 120), kind, rate, fixed,
                currency, minimum, targets, ids, startsAt, endsAt, usageLimit, perCustomerLimit, timesUsed, status);
    }

    private static void positive(String field, @Nullable Long value) {
        if (value != null && value <= 0) {
            throw ApplicationException.invalidField(field, "must_be_positive", "must be more than 0");
        }
    }

    private void requireCodeFree(UUID tenant, @Nullable String code, @Nullable UUID self) {
        if (code != null && discounts.findByCode(tenant, code).filter(other -> !other.id().equals(self)).isPresent()) {
            throw codeTaken();
        }
    }

    private static ApplicationException codeTaken() {
        return new ApplicationException(OrderingErrorCode.DISCOUNT_CODE_TAKEN,
                "Another discount of this shop has this code (codes are matched ignoring case)");
    }

    static ApplicationException notFound() {
        return new ApplicationException(OrderingErrorCode.DISCOUNT_NOT_FOUND, "No such discount in this shop");
    }

    private static Map<String, Object> fields(DiscountRow row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", Objects.requireNonNullElse(row.code(), ""));
        fields.put("name", row.name());
        fields.put("kind", row.kind());
        fields.put("value", row.percentage() != null ? row.percentage().toPlainString()
                : row.amount() != null ? row.amount() + " " + row.currency() : "");
        fields.put("status", row.status());
        return fields;
    }

    private static DiscountView view(DiscountRow row) {
        return new DiscountView(row.id(), row.code(), row.name(), row.kind(),
                row.percentage() == null ? null : row.percentage().setScale(4).toPlainString(),
                row.amount() == null ? null : new Money(row.amount(), row.currency()),
                row.minimumSubtotal() == null ? null : new Money(row.minimumSubtotal(), row.currency()), row.targets(),
                row.targetIds(), row.startsAt(), row.endsAt(), row.usageLimit(), row.perCustomerLimit(), row.timesUsed(),
                row.status(), row.createdAt(), row.updatedAt(), row.version());
    }
}
