package dev.bazaar.catalog.application;

import dev.bazaar.catalog.application.ProductCsv.Column;
import dev.bazaar.catalog.application.ProductCsv.ImportedProduct;
import dev.bazaar.catalog.application.ProductCsv.RowError;
import dev.bazaar.catalog.domain.AttributeRepository;
import dev.bazaar.catalog.domain.AttributeRepository.AttributeRow;
import dev.bazaar.platform.ApplicationException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The {@code Category} and {@code Attribute: <handle>} cells of an import, as the catalog takes them: the category by
 * its handle, attribute values parsed by the attribute's type and checked like the API checks them. Call inside a
 * transaction of the tenant.
 */
@Component
class ImportedStructure {

    private final AttributeRepository attributes;
    private final CategoryQueries categories;

    ImportedStructure(AttributeRepository attributes, CategoryQueries categories) {
        this.attributes = attributes;
        this.categories = categories;
    }

    /**
     * What a product's row sets: {@code categoryId} null when the file has no category cell, "" to clear; attribute
     * values by handle, null to remove one.
     */
    record Changes(@Nullable String categoryId, Map<String, @Nullable Object> attributes) {

        boolean none() {
            return categoryId == null && attributes.isEmpty();
        }
    }

    /** The shop's lookups for one batch of products: attribute definitions and the categories met so far. */
    final class Lookup {
        private final UUID tenant;
        private final Map<String, AttributeRow> definitions = new HashMap<>();
        private final Map<String, Optional<UUID>> categoryIds = new HashMap<>();

        Lookup(UUID tenant) {
            this.tenant = tenant;
            attributes.list(tenant).forEach(row -> definitions.put(row.handle(), row));
        }

        /** The product's changes, or null with its errors added to {@code errors}. */
        @Nullable Changes resolve(ImportedProduct product, List<RowError> errors) {
            int before = errors.size();
            String categoryId = null;
            if (product.category() != null) {
                String handle = product.category();
                if (handle.isEmpty()) {
                    categoryId = "";
                } else {
                    Optional<UUID> id = categoryIds.computeIfAbsent(handle,
                            key -> categories.find(tenant, key).map(row -> row.id()));
                    if (id.isEmpty()) {
                        errors.add(new RowError(product.firstRow(), Column.CATEGORY.header, "unknown_category",
                                "is not the handle of a category of this shop"));
                    } else {
                        categoryId = id.get().toString();
                    }
                }
            }
            Map<String, @Nullable Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> cell : product.attributes().entrySet()) {
                String column = ProductCsv.ATTRIBUTE_PREFIX + cell.getKey();
                AttributeRow definition = definitions.get(cell.getKey());
                if (definition == null) {
                    errors.add(new RowError(product.firstRow(), column, "unknown_attribute",
                            "names no attribute of this shop (define it under product-attributes first)"));
                } else if (cell.getValue().isEmpty()) {
                    values.put(definition.handle(), null);
                } else {
                    try {
                        values.put(definition.handle(), AttributeService.value(column, definition, parse(definition, cell.getValue())));
                    } catch (ApplicationException e) {
                        errors.add(RowError.of(product.firstRow(), column, e));
                    }
                }
            }
            return errors.size() > before ? null : new Changes(categoryId, values);
        }
    }

    Lookup lookup(UUID tenant) {
        return new Lookup(tenant);
    }

    /** What of {@code changes} differs from the product as it is (the rest left out, so that unchanged is unchanged). */
    static Changes difference(Changes changes, ProductDetails existing) {
        String categoryId = changes.categoryId();
        String current = existing.category() == null ? "" : existing.category().id().toString();
        if (categoryId != null && categoryId.equals(current)) {
            categoryId = null;
        }
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        changes.attributes().forEach((handle, value) -> {
            Object stored = existing.attributes().get(handle);
            if (!same(stored, value)) {
                values.put(handle, value);
            }
        });
        return new Changes(categoryId, values);
    }

    private static boolean same(@Nullable Object stored, @Nullable Object value) {
        if (stored instanceof Number a && value instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(stored, value);
    }

    /** A cell as the attribute's type reads it (the catalog then checks the value as it checks the API's). */
    private static Object parse(AttributeRow definition, String cell) {
        return switch (definition.type()) {
            case "number" -> {
                try {
                    yield new BigDecimal(cell);
                } catch (NumberFormatException e) {
                    yield cell;
                }
            }
            case "boolean" -> switch (cell.toLowerCase(Locale.ROOT)) {
                case "true", "yes" -> true;
                case "false", "no" -> false;
                default -> cell;
            };
            default -> cell;
        };
    }
}
