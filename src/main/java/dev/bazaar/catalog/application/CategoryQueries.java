package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.catalog.domain.CategoryRepository;
import dev.bazaar.catalog.domain.CategoryRepository.CategoryRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.TenantContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the category tree: the whole tree (bounded), one category with its path and children, and product paths. */
@Service
public class CategoryQueries {

    private final CategoryRepository categories;

    CategoryQueries(CategoryRepository categories) {
        this.categories = categories;
    }

    /** A category as a step of a path or a child in a list. */
    public record CategoryRef(UUID id, String handle, String name) {}

    public record CategoryNode(UUID id, String handle, String name, int position, List<CategoryNode> children) {}

    public record CategoryTree(List<CategoryNode> data) {}

    /** {@code path} runs from the top level down to this category (inclusive). */
    public record CategoryDetails(UUID id, String handle, String name, String descriptionHtml, @Nullable UUID parentId,
                                  int position, List<CategoryRef> path, List<CategoryRef> children, Instant createdAt,
                                  Instant updatedAt, @com.fasterxml.jackson.annotation.JsonIgnore long version) {}

    @Transactional(readOnly = true)
    public CategoryTree tree() {
        List<CategoryRow> rows = categories.all(TenantContext.requireTenantId());
        Map<UUID, List<CategoryRow>> byParent = new HashMap<>();
        for (CategoryRow row : rows) {
            byParent.computeIfAbsent(row.parentId(), key -> new ArrayList<>()).add(row);
        }
        return new CategoryTree(nodes(byParent, null));
    }

    private static List<CategoryNode> nodes(Map<UUID, List<CategoryRow>> byParent, @Nullable UUID parent) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .map(row -> new CategoryNode(row.id(), row.handle(), row.name(), row.position(), nodes(byParent, row.id())))
                .toList();
    }

    /** By id or handle; 404 {@code category_not_found}. */
    @Transactional(readOnly = true)
    public CategoryDetails get(String reference) {
        UUID tenant = TenantContext.requireTenantId();
        CategoryRow row = find(tenant, reference).orElseThrow(() -> notFound(reference));
        List<CategoryRef> path = paths(tenant, List.of(row.id())).get(row.id());
        List<CategoryRef> children = categories.children(tenant, row.id()).stream().map(CategoryQueries::ref).toList();
        return new CategoryDetails(row.id(), row.handle(), row.name(), row.descriptionHtml(), row.parentId(), row.position(),
                path, children, row.createdAt(), row.updatedAt(), row.version());
    }

    /** The id of a category named by id or handle, for filters; 400 on the {@code field} when there is none. */
    @Transactional(readOnly = true)
    public UUID resolve(String field, String reference) {
        return find(TenantContext.requireTenantId(), reference).map(CategoryRow::id).orElseThrow(
                () -> ApplicationException.invalidField(field, "unknown_category", "is not a category of this shop"));
    }

    /** The path from the top level to each of the categories, in one query. */
    Map<UUID, List<CategoryRef>> paths(UUID tenant, Collection<UUID> ids) {
        Map<UUID, CategoryRow> rows = new HashMap<>();
        categories.withAncestors(tenant, ids).forEach(row -> rows.put(row.id(), row));
        Map<UUID, List<CategoryRef>> paths = new LinkedHashMap<>();
        for (UUID id : ids) {
            List<CategoryRef> path = new ArrayList<>();
            for (CategoryRow step = rows.get(id); step != null && path.size() <= CategoryRepository.MAX_DEPTH;
                 step = step.parentId() == null ? null : rows.get(step.parentId())) {
                path.addFirst(ref(step));
            }
            paths.put(id, List.copyOf(path));
        }
        return paths;
    }

    Optional<CategoryRow> find(UUID tenant, String reference) {
        Optional<UUID> id = Ids.parse(reference);
        return id.isPresent() ? categories.find(tenant, id.get()) : categories.findByHandle(tenant, reference);
    }

    static ApplicationException notFound(String reference) {
        return new ApplicationException(CatalogErrorCode.CATEGORY_NOT_FOUND, "There is no category '" + reference + "'");
    }

    private static CategoryRef ref(CategoryRow row) {
        return new CategoryRef(row.id(), row.handle(), row.name());
    }
}
