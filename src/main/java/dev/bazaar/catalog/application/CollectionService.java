package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.domain.AttributeRepository;
import dev.bazaar.catalog.domain.AttributeRepository.AttributeRow;
import dev.bazaar.catalog.domain.CollectionRepository;
import dev.bazaar.catalog.domain.CollectionRepository.CollectionRow;
import dev.bazaar.catalog.domain.CollectionRepository.Rule;
import dev.bazaar.catalog.domain.ProductRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Collections: {@code manual} ones list products in a chosen order; {@code automatic} ones hold every product that
 * matches all (or any) of their rules, evaluated whenever they are read, so they are never out of date.
 */
@Service
public class CollectionService {

    static final int MAX_RULES = 20;
    private static final Map<String, Set<String>> RELATIONS = Map.of(
            "tag", Set.of("equals", "not_equals"),
            "vendor", Set.of("equals", "not_equals", "contains", "starts_with"),
            "product_type", Set.of("equals", "not_equals", "contains", "starts_with"),
            "title", Set.of("equals", "not_equals", "contains", "starts_with"),
            "price", Set.of("equals", "greater_than", "less_than"),
            "attribute", Set.of("equals", "not_equals", "greater_than", "less_than"));

    private final CollectionRepository collections;
    private final CollectionQueries reads;
    private final ProductRepository products;
    private final AttributeRepository attributes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CollectionService(CollectionRepository collections, CollectionQueries reads, ProductRepository products,
                      AttributeRepository attributes, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.collections = collections;
        this.reads = reads;
        this.products = products;
        this.attributes = attributes;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public record RuleInput(String field, String relation, String value, @Nullable String attribute) {}

    public record CreateCollection(String title, @Nullable String handle, @Nullable String descriptionHtml, String kind,
                                   @Nullable String match, @Nullable List<RuleInput> rules) {}

    public record UpdateCollection(@Nullable String title, @Nullable String handle, @Nullable String descriptionHtml,
                                   @Nullable String match, @Nullable List<RuleInput> rules) {}

    @Transactional
    public CollectionQueries.CollectionDetails create(CreateCollection command) {
        UUID tenant = TenantContext.requireTenantId();
        if (collections.count(tenant) >= CollectionRepository.MAX_COLLECTIONS) {
            throw new ApplicationException(CatalogErrorCode.CATALOG_LIMIT,
                    "A shop has at most " + CollectionRepository.MAX_COLLECTIONS + " collections");
        }
        String kind = command.kind().strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("manual") && !kind.equals("automatic")) {
            throw ApplicationException.invalidField("kind", "unknown_kind", "must be manual or automatic");
        }
        List<Rule> rules = kind.equals("automatic") ? rules(tenant, command.rules()) : noRules(command.rules());
        String title = Text.line("title", command.title(), 255);
        String handle = Handles.chosenOrFree(command.handle(), title, base -> collections.handlesLike(tenant, base));
        Instant now = clock.instant();
        CollectionRow row = new CollectionRow(Ids.newId(), 0, now, now, handle, title,
                RichText.description(command.descriptionHtml()), kind, match(command.match(), "all"), rules);
        try {
            collections.insert(tenant, row);
        } catch (DuplicateKeyException e) {
            throw handleTaken(handle);
        }
        audit.record("collection.created", "collection", row.id(), Map.of(), fields(row));
        events.publishEvent(new CatalogChanged(tenant, now));
        return reads.get(row.id().toString());
    }

    @Transactional
    public CollectionQueries.CollectionDetails update(String reference, UpdateCollection command, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        CollectionRow before = reads.find(tenant, reference).orElseThrow(() -> CollectionQueries.notFound(reference));
        boolean automatic = before.kind().equals("automatic");
        List<Rule> rules = command.rules() == null ? before.rules()
                : automatic ? rules(tenant, command.rules()) : noRules(command.rules());
        CollectionRow after = new CollectionRow(before.id(), before.version(), before.createdAt(), before.updatedAt(),
                command.handle() != null ? Handles.require(command.handle()) : before.handle(),
                command.title() != null ? Text.line("title", command.title(), 255) : before.title(),
                command.descriptionHtml() != null ? RichText.description(command.descriptionHtml())
                        : before.descriptionHtml(), before.kind(), match(command.match(), before.match()), rules);
        Instant now = clock.instant();
        try {
            if (!collections.update(tenant, after, expectedVersion != null ? expectedVersion : before.version(), now)) {
                throw stale();
            }
        } catch (DuplicateKeyException e) {
            throw handleTaken(after.handle());
        }
        audit.record("collection.updated", "collection", before.id(), fields(before), fields(after));
        events.publishEvent(new CatalogChanged(tenant, now));
        return reads.get(before.id().toString());
    }

    /** Sets a manual collection's products, in the order given (each once, each a product of this shop). */
    @Transactional
    public CollectionQueries.CollectionDetails setProducts(String reference, List<UUID> productIds,
                                                           @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        CollectionRow row = reads.find(tenant, reference).orElseThrow(() -> CollectionQueries.notFound(reference));
        if (!row.kind().equals("manual")) {
            throw new ApplicationException(CatalogErrorCode.COLLECTION_NOT_MANUAL,
                    "An automatic collection holds the products its rules match; change its rules instead");
        }
        if (productIds.size() > CollectionRepository.MAX_PRODUCTS) {
            throw ApplicationException.invalidField("product_ids", "too_many",
                    "a collection lists at most " + CollectionRepository.MAX_PRODUCTS + " products");
        }
        if (new LinkedHashSet<>(productIds).size() != productIds.size()) {
            throw ApplicationException.invalidField("product_ids", "duplicate", "lists a product twice");
        }
        if (products.countExisting(tenant, productIds) != productIds.size()) {
            throw ApplicationException.invalidField("product_ids", "unknown_product", "names a product this shop does not have");
        }
        Instant now = clock.instant();
        // The version check locks the collection: concurrent replacements apply one after the other.
        if (!collections.update(tenant, row, expectedVersion != null ? expectedVersion : row.version(), now)) {
            throw stale();
        }
        List<UUID> before = collections.productIds(tenant, row.id());
        collections.replaceProducts(tenant, row.id(), productIds);
        audit.record("collection.products_set", "collection", row.id(), Map.of("product_ids", before),
                Map.of("product_ids", productIds));
        events.publishEvent(new CatalogChanged(tenant, now));
        return reads.get(row.id().toString());
    }

    @Transactional
    public void delete(String reference, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        CollectionRow row = reads.find(tenant, reference).orElseThrow(() -> CollectionQueries.notFound(reference));
        if (!collections.delete(tenant, row.id(), expectedVersion != null ? expectedVersion : row.version())) {
            throw stale();
        }
        audit.record("collection.deleted", "collection", row.id(), fields(row), Map.of());
        events.publishEvent(new CatalogChanged(tenant, clock.instant()));
    }

    private List<Rule> rules(UUID tenant, @Nullable List<RuleInput> inputs) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_RULES) {
            throw ApplicationException.invalidField("rules", "invalid_length",
                    "an automatic collection needs 1 to " + MAX_RULES + " rules");
        }
        Map<String, AttributeRow> defined = new LinkedHashMap<>();
        attributes.list(tenant).forEach(row -> defined.put(row.handle(), row));
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            RuleInput input = inputs.get(i);
            String prefix = "rules[" + i + "].";
            String field = input.field().strip().toLowerCase(Locale.ROOT);
            String relation = input.relation().strip().toLowerCase(Locale.ROOT);
            if (!RELATIONS.containsKey(field)) {
                throw ApplicationException.invalidField(prefix + "field", "unknown_field",
                        "must be tag, vendor, product_type, title, price or attribute");
            }
            if (!RELATIONS.get(field).contains(relation)) {
                throw ApplicationException.invalidField(prefix + "relation", "unknown_relation",
                        "must be one of " + String.join(", ", RELATIONS.get(field).stream().sorted().toList()) + " for " + field);
            }
            String value = Text.line(prefix + "value", input.value(), 255);
            String attribute = null;
            if (field.equals("attribute")) {
                AttributeRow definition = input.attribute() == null ? null : defined.get(input.attribute().strip());
                if (definition == null) {
                    throw ApplicationException.invalidField(prefix + "attribute", "unknown_attribute",
                            "must name an attribute of this shop");
                }
                attribute = definition.handle();
                boolean numeric = relation.equals("greater_than") || relation.equals("less_than");
                if (numeric && !definition.type().equals("number")) {
                    throw ApplicationException.invalidField(prefix + "relation", "unknown_relation",
                            "greater_than and less_than need a number attribute");
                }
                if (definition.type().equals("number")) {
                    value = CatalogNumbers.parse(prefix + "value", value).toPlainString();
                }
            } else if (field.equals("price")) {
                try {
                    value = Long.toString(Math.max(0, Long.parseLong(value)));
                } catch (NumberFormatException e) {
                    throw ApplicationException.invalidField(prefix + "value", "invalid_number", "must be an amount in minor units");
                }
            }
            rules.add(new Rule(field, relation, value, attribute));
        }
        return rules;
    }

    private static List<Rule> noRules(@Nullable List<RuleInput> rules) {
        if (rules != null && !rules.isEmpty()) {
            throw ApplicationException.invalidField("rules", "not_automatic", "only automatic collections have rules");
        }
        return List.of();
    }

    private static String match(@Nullable String match, String fallback) {
        String value = match == null ? fallback : match.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("all") && !value.equals("any")) {
            throw ApplicationException.invalidField("match", "unknown_match", "must be all or any");
        }
        return value;
    }

    private static ApplicationException handleTaken(String handle) {
        return new ApplicationException(CatalogErrorCode.COLLECTION_HANDLE_TAKEN,
                "Another collection has the handle '" + handle + "'");
    }

    private static ApplicationException stale() {
        return new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED,
                "The collection has changed since you read it (If-Match does not match its ETag); read it again");
    }

    private static Map<String, Object> fields(CollectionRow row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("handle", row.handle());
        fields.put("title", row.title());
        fields.put("kind", row.kind());
        fields.put("match", row.match());
        fields.put("rules", row.rules());
        return fields;
    }
}
