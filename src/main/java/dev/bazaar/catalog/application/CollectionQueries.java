package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.domain.CollectionRepository;
import dev.bazaar.catalog.domain.CollectionRepository.CollectionRow;
import dev.bazaar.catalog.domain.CollectionRepository.Rule;
import dev.bazaar.catalog.domain.ProductRepository.CollectionFilter;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of collections; their products are listed through the product list's {@code collection} filter. */
@Service
public class CollectionQueries {

    private final CollectionRepository collections;

    CollectionQueries(CollectionRepository collections) {
        this.collections = collections;
    }

    /** {@code productIds}: a manual collection's products in order (null for an automatic one). */
    public record CollectionDetails(UUID id, String handle, String title, String descriptionHtml, String kind, String match,
                                    List<Rule> rules, @Nullable List<UUID> productIds, Instant createdAt,
                                    Instant updatedAt, @com.fasterxml.jackson.annotation.JsonIgnore long version) {}

    public record CollectionSummary(UUID id, String handle, String title, String kind, Instant updatedAt) {}

    @Transactional(readOnly = true)
    public Page<CollectionSummary> list(PageRequest page) {
        List<CollectionRow> rows = collections.list(TenantContext.requireTenantId(), page.after(), page.fetchSize());
        return page.page(rows.stream().map(row -> new CollectionSummary(row.id(), row.handle(), row.title(), row.kind(),
                row.updatedAt())).toList(), CollectionSummary::handle);
    }

    @Transactional(readOnly = true)
    public CollectionDetails get(String reference) {
        UUID tenant = TenantContext.requireTenantId();
        CollectionRow row = find(tenant, reference).orElseThrow(() -> notFound(reference));
        return new CollectionDetails(row.id(), row.handle(), row.title(), row.descriptionHtml(), row.kind(), row.match(),
                row.rules(), !row.kind().equals("manual") ? null : ProductQueries.seesAllStatuses()
                        ? collections.productIds(tenant, row.id())
                        : collections.activeProductIds(tenant, row.id()),
                row.createdAt(), row.updatedAt(), row.version());
    }

    /** The product filter of a collection named by id or handle; 400 on {@code field} when there is none. */
    CollectionFilter filter(UUID tenant, String field, String reference) {
        CollectionRow row = find(tenant, reference).orElseThrow(
                () -> ApplicationException.invalidField(field, "unknown_collection", "is not a collection of this shop"));
        return new CollectionFilter(row.id(), row.kind().equals("manual"), row.match().equals("all"), row.rules());
    }

    Optional<CollectionRow> find(UUID tenant, String reference) {
        Optional<UUID> id = Ids.parse(reference);
        return id.isPresent() ? collections.find(tenant, id.get()) : collections.findByHandle(tenant, reference);
    }

    static ApplicationException notFound(String reference) {
        return new ApplicationException(CatalogErrorCode.COLLECTION_NOT_FOUND, "There is no collection '" + reference + "'");
    }
}
