package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.domain.CategoryRepository;
import dev.bazaar.catalog.domain.CategoryRepository.CategoryRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The category tree: create, rename, move (to another parent and/or position) and delete. Every write takes the shop's
 * tree lock, so concurrent moves are serialised: a category never ends below itself, siblings keep the positions
 * 0..n-1 (the database checks this at commit), and the tree is at most {@value CategoryRepository#MAX_DEPTH} deep.
 * A position beyond the end means the end. Products in a deleted category keep no category.
 */
@Service
public class CategoryService {

    private final CategoryRepository categories;
    private final CategoryQueries reads;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CategoryService(CategoryRepository categories, CategoryQueries reads, AuditLog audit, ApplicationEventPublisher events,
                    Clock clock) {
        this.categories = categories;
        this.reads = reads;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public record CreateCategory(String name, @Nullable String handle, @Nullable String descriptionHtml,
                                 @Nullable UUID parentId, @Nullable Integer position) {}

    /** Absent fields stay; {@code parentId} is a category id, or an empty string for the top level. */
    public record UpdateCategory(@Nullable String name, @Nullable String handle, @Nullable String descriptionHtml,
                                 @Nullable String parentId, @Nullable Integer position) {}

    @Transactional
    public CategoryQueries.CategoryDetails create(CreateCategory command) {
        UUID tenant = TenantContext.requireTenantId();
        categories.lockTree(tenant);
        if (categories.count(tenant) >= CategoryRepository.MAX_CATEGORIES) {
            throw new ApplicationException(CatalogErrorCode.CATALOG_LIMIT,
                    "A shop has at most " + CategoryRepository.MAX_CATEGORIES + " categories");
        }
        UUID parent = command.parentId();
        if (parent != null) {
            requireExists(tenant, parent);
            depth(categories.path(tenant, parent).size() + 1);
        }
        String name = Text.line("name", command.name(), 255);
        String handle = Handles.chosenOrFree(command.handle(), name, base -> categories.handlesLike(tenant, base));
        Instant now = clock.instant();
        UUID id = Ids.newId();
        int position = position(command.position(), categories.countChildren(tenant, parent));
        categories.shift(tenant, parent, position, 1, id);
        CategoryRow row = new CategoryRow(id, 0, now, now, parent, handle, name, RichText.description(command.descriptionHtml()),
                position);
        try {
            categories.insert(tenant, row);
        } catch (DuplicateKeyException e) {
            throw handleTaken(handle);
        }
        audit.record("category.created", "category", id, Map.of(), fields(row));
        events.publishEvent(new CatalogChanged(tenant, now));
        return reads.get(id.toString());
    }

    @Transactional
    public CategoryQueries.CategoryDetails update(String reference, UpdateCategory command, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        categories.lockTree(tenant);
        CategoryRow before = reads.find(tenant, reference).orElseThrow(() -> CategoryQueries.notFound(reference));
        UUID parent = before.parentId();
        if (command.parentId() != null) {
            parent = command.parentId().isBlank() ? null : Ids.parse(command.parentId().strip()).orElseThrow(
                    () -> ApplicationException.invalidField("parent_id", "invalid_id", "is not a category id"));
        }
        int position = before.position();
        boolean moved = !Objects.equals(parent, before.parentId()) || command.position() != null;
        if (moved) {
            if (parent != null) {
                requireExists(tenant, parent);
                List<UUID> path = categories.path(tenant, parent);
                if (path.contains(before.id())) {
                    throw new ApplicationException(CatalogErrorCode.CATEGORY_CYCLE,
                            "A category cannot move below itself or one of its subcategories");
                }
                depth(path.size() + 1 + categories.height(tenant, before.id()));
            }
            // Close the gap it leaves, then open one where it goes (itself excluded from both).
            categories.shift(tenant, before.parentId(), before.position() + 1, -1, before.id());
            int siblings = categories.countChildren(tenant, parent) - (Objects.equals(parent, before.parentId()) ? 1 : 0);
            position = position(command.position(), siblings);
            categories.shift(tenant, parent, position, 1, before.id());
        }
        String name = command.name() != null ? Text.line("name", command.name(), 255) : before.name();
        CategoryRow after = new CategoryRow(before.id(), before.version(), before.createdAt(), before.updatedAt(), parent,
                command.handle() != null ? Handles.require(command.handle()) : before.handle(), name,
                command.descriptionHtml() != null ? RichText.description(command.descriptionHtml()) : before.descriptionHtml(),
                position);
        Instant now = clock.instant();
        try {
            if (!categories.update(tenant, after, expectedVersion != null ? expectedVersion : before.version(), now)) {
                throw stale();
            }
        } catch (DuplicateKeyException e) {
            throw handleTaken(after.handle());
        }
        audit.record(moved ? "category.moved" : "category.updated", "category", before.id(), fields(before), fields(after));
        events.publishEvent(new CatalogChanged(tenant, now));
        return reads.get(before.id().toString());
    }

    @Transactional
    public void delete(String reference, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        categories.lockTree(tenant);
        CategoryRow row = reads.find(tenant, reference).orElseThrow(() -> CategoryQueries.notFound(reference));
        if (categories.countChildren(tenant, row.id()) > 0) {
            throw new ApplicationException(CatalogErrorCode.CATEGORY_NOT_EMPTY,
                    "Move or delete its subcategories first");
        }
        if (!categories.delete(tenant, row.id(), expectedVersion != null ? expectedVersion : row.version())) {
            throw stale();
        }
        categories.shift(tenant, row.parentId(), row.position() + 1, -1, row.id());
        audit.record("category.deleted", "category", row.id(), fields(row), Map.of());
        events.publishEvent(new CatalogChanged(tenant, clock.instant()));
    }

    private void requireExists(UUID tenant, UUID id) {
        if (categories.find(tenant, id).isEmpty()) {
            throw ApplicationException.invalidField("parent_id", "unknown_category", "is not a category of this shop");
        }
    }

    private static void depth(int depth) {
        if (depth > CategoryRepository.MAX_DEPTH) {
            throw new ApplicationException(CatalogErrorCode.CATEGORY_TOO_DEEP,
                    "Categories nest at most " + CategoryRepository.MAX_DEPTH + " levels deep");
        }
    }

    /** The requested position, or the end; beyond the end means the end. */
    private static int position(@Nullable Integer requested, int siblings) {
        if (requested != null && requested < 0) {
            throw ApplicationException.invalidField("position", "must_not_be_negative", "must be 0 or more");
        }
        return requested == null ? siblings : Math.min(requested, siblings);
    }

    private static ApplicationException handleTaken(String handle) {
        return new ApplicationException(CatalogErrorCode.CATEGORY_HANDLE_TAKEN, "Another category has the handle '" + handle + "'");
    }

    private static ApplicationException stale() {
        return new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED,
                "The category has changed since you read it (If-Match does not match its ETag); read it again");
    }

    private static Map<String, Object> fields(CategoryRow row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("handle", row.handle());
        fields.put("name", row.name());
        fields.put("parent_id", row.parentId());
        fields.put("position", row.position());
        return fields;
    }
}
