package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.domain.AttributeRepository;
import dev.bazaar.catalog.domain.AttributeRepository.AttributeRow;
import dev.bazaar.catalog.domain.ProductRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The typed attributes a shop defines for its products ({@code text}, {@code number}, {@code boolean}, {@code choice}),
 * and the validation of a product's attribute values against them. The handle and the type are fixed once created
 * (products store values under the handle); deleting an attribute removes its values from every product.
 */
@Service
public class AttributeService {

    static final Set<String> TYPES = Set.of("text", "number", "boolean", "choice");
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9]+([_-][a-z0-9]+)*");

    private final AttributeRepository attributes;
    private final ProductRepository products;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AttributeService(AttributeRepository attributes, ProductRepository products, AuditLog audit,
                     ApplicationEventPublisher events, Clock clock) {
        this.attributes = attributes;
        this.products = products;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public record AttributeView(UUID id, String handle, String name, String type, List<String> choices, boolean filterable,
                                int position, Instant createdAt, Instant updatedAt) {}

    public record CreateAttribute(String handle, String name, String type, @Nullable List<String> choices,
                                  @Nullable Boolean filterable, @Nullable Integer position) {}

    public record UpdateAttribute(@Nullable String name, @Nullable List<String> choices, @Nullable Boolean filterable,
                                  @Nullable Integer position) {}

    @Transactional(readOnly = true)
    public List<AttributeView> list() {
        return attributes.list(TenantContext.requireTenantId()).stream().map(AttributeService::view).toList();
    }

    @Transactional
    public AttributeView create(CreateAttribute command) {
        UUID tenant = TenantContext.requireTenantId();
        String handle = command.handle().strip();
        if (handle.length() > 60 || !HANDLE.matcher(handle).matches()) {
            throw ApplicationException.invalidField("handle", "invalid_handle",
                    "must be lower-case letters and digits separated by single hyphens or underscores, at most 60 characters");
        }
        String type = command.type().strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ApplicationException.invalidField("type", "unknown_type", "must be text, number, boolean or choice");
        }
        if (attributes.count(tenant) >= AttributeRepository.MAX_ATTRIBUTES) {
            throw new ApplicationException(CatalogErrorCode.CATALOG_LIMIT,
                    "A shop has at most " + AttributeRepository.MAX_ATTRIBUTES + " attributes");
        }
        Instant now = clock.instant();
        AttributeRow row = new AttributeRow(Ids.newId(), now, now, handle, Text.line("name", command.name(), 120), type,
                choices(type, command.choices()), command.filterable() == null || command.filterable(),
                position(command.position(), 0));
        try {
            attributes.insert(tenant, row);
        } catch (DuplicateKeyException e) {
            throw new ApplicationException(CatalogErrorCode.ATTRIBUTE_HANDLE_TAKEN, "Another attribute has the handle '" + handle + "'");
        }
        audit.record("product_attribute.created", "product_attribute", row.id(), Map.of(), fields(row));
        events.publishEvent(new CatalogChanged(tenant, now));
        return view(row);
    }

    @Transactional
    public AttributeView update(UUID id, UpdateAttribute command) {
        UUID tenant = TenantContext.requireTenantId();
        AttributeRow before = attributes.find(tenant, id).orElseThrow(AttributeService::notFound);
        List<String> choices = command.choices() != null ? choices(before.type(), command.choices()) : before.choices();
        if (!choices.containsAll(before.choices())) {
            // Products may hold a removed choice; say so rather than leave values the definition no longer allows.
            throw ApplicationException.invalidField("choices", "choice_removed",
                    "choices can be added and reordered, not removed (products may use them)");
        }
        Instant now = clock.instant();
        AttributeRow after = new AttributeRow(before.id(), before.createdAt(), now, before.handle(),
                command.name() != null ? Text.line("name", command.name(), 120) : before.name(), before.type(), choices,
                command.filterable() != null ? command.filterable() : before.filterable(),
                position(command.position(), before.position()));
        attributes.update(tenant, after, now);
        audit.record("product_attribute.updated", "product_attribute", id, fields(before), fields(after));
        events.publishEvent(new CatalogChanged(tenant, now));
        return view(after);
    }

    @Transactional
    public void delete(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        AttributeRow row = attributes.find(tenant, id).orElseThrow(AttributeService::notFound);
        Instant now = clock.instant();
        int changed = products.removeAttribute(tenant, row.handle(), now);
        attributes.delete(tenant, id);
        Map<String, Object> removed = new LinkedHashMap<>(fields(row));
        removed.put("products_changed", changed);
        audit.record("product_attribute.deleted", "product_attribute", id, removed, Map.of());
        events.publishEvent(new CatalogChanged(tenant, now));
    }

    /**
     * A product's attribute values after applying {@code changes} to {@code current}: each key is an attribute handle;
     * a null value removes it. 400 for an unknown attribute or a value of the wrong type or outside a choice's values.
     * Numbers are kept in their shortest form (1.50 → 1.5), so that equal numbers filter alike.
     */
    Map<String, Object> values(UUID tenant, Map<String, Object> current, @Nullable Map<String, @Nullable Object> changes) {
        if (changes == null || changes.isEmpty()) {
            return current;
        }
        Map<String, AttributeRow> defined = new LinkedHashMap<>();
        attributes.list(tenant).forEach(row -> defined.put(row.handle(), row));
        Map<String, Object> values = new LinkedHashMap<>(current);
        for (Map.Entry<String, @Nullable Object> change : changes.entrySet()) {
            String field = "attributes." + change.getKey();
            AttributeRow attribute = defined.get(change.getKey());
            if (attribute == null) {
                throw ApplicationException.invalidField(field, "unknown_attribute",
                        "is not an attribute of this shop (define it under product-attributes first)");
            }
            if (change.getValue() == null) {
                values.remove(change.getKey());
            } else {
                values.put(change.getKey(), value(field, attribute, change.getValue()));
            }
        }
        return values;
    }

    static Object value(String field, AttributeRow attribute, Object value) {
        return switch (attribute.type()) {
            case "number" -> {
                if (!(value instanceof Number number)) {
                    throw ApplicationException.invalidField(field, "invalid_type", "must be a number");
                }
                yield CatalogNumbers.json(CatalogNumbers.parse(field, number.toString()));
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    throw ApplicationException.invalidField(field, "invalid_type", "must be true or false");
                }
                yield value;
            }
            case "choice" -> {
                if (!(value instanceof String text) || !attribute.choices().contains(text)) {
                    throw ApplicationException.invalidField(field, "unknown_choice",
                            "must be one of " + String.join(", ", attribute.choices()));
                }
                yield text;
            }
            default -> {
                if (!(value instanceof String text)) {
                    throw ApplicationException.invalidField(field, "invalid_type", "must be text");
                }
                yield Text.line(field, text, 500);
            }
        };
    }

    private static List<String> choices(String type, @Nullable List<String> choices) {
        if (!type.equals("choice")) {
            if (choices != null && !choices.isEmpty()) {
                throw ApplicationException.invalidField("choices", "not_a_choice", "only choice attributes have choices");
            }
            return List.of();
        }
        if (choices == null || choices.isEmpty() || choices.size() > 200) {
            throw ApplicationException.invalidField("choices", "invalid_length", "a choice attribute needs 1 to 200 choices");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String choice : choices) {
            if (!distinct.add(Text.line("choices", choice, 120))) {
                throw ApplicationException.invalidField("choices", "duplicate", "choices must differ");
            }
        }
        return List.copyOf(distinct);
    }

    private static int position(@Nullable Integer position, int fallback) {
        if (position != null && position < 0) {
            throw ApplicationException.invalidField("position", "must_not_be_negative", "must be 0 or more");
        }
        return position == null ? fallback : position;
    }

    static ApplicationException notFound() {
        return new ApplicationException(CatalogErrorCode.ATTRIBUTE_NOT_FOUND, "No such attribute in this shop");
    }

    private static Map<String, Object> fields(AttributeRow row) {
        return Map.of("handle", row.handle(), "name", row.name(), "type", row.type(), "choices", row.choices(),
                "filterable", row.filterable());
    }

    private static AttributeView view(AttributeRow row) {
        return new AttributeView(row.id(), row.handle(), row.name(), row.type(), row.choices(), row.filterable(),
                row.position(), row.createdAt(), row.updatedAt());
    }
}
