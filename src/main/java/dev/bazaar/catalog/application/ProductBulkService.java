package dev.bazaar.catalog.application;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Create and update up to {@value #MAX_ITEMS} products in one request, each item on its own: an item that fails
 * (a taken handle, an unknown category, a plan limit, …) changes nothing and is reported with its problem, while the
 * others are written. An item updates the product with its {@code id}, else the product with its {@code handle} if one
 * exists, and otherwise creates a product (then {@code title} and {@code variants} are needed). Items are applied in
 * order, so a later item sees what an earlier one wrote.
 */
@Service
public class ProductBulkService {

    public static final int MAX_ITEMS = 100;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProductBulkService.class);

    private final ProductService products;
    private final ProductQueries reads;

    ProductBulkService(ProductService products, ProductQueries reads) {
        this.products = products;
        this.reads = reads;
    }

    /**
     * One item: the fields to change on an update (absent fields stay), and the create command when it has a title
     * and variants. Variants are taken only on a create ({@code variantsGiven} on an update fails the item).
     */
    public record BulkItem(@Nullable UUID id, ProductService.UpdateProduct fields,
                           ProductService.@Nullable CreateProduct create, boolean variantsGiven) {}

    /** What happened to one item: {@code created}, {@code updated} or {@code failed} (with its problem). */
    public record BulkResult(int index, String status, @Nullable ProductDetails product, @Nullable BulkError error) {}

    /** An item's problem, as problem details would have it. */
    public record BulkError(int status, String code, String detail, List<FieldViolation> errors) {}

    public record BulkOutcome(List<BulkResult> results, int created, int updated, int failed) {}

    public BulkOutcome apply(List<BulkItem> items) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw ApplicationException.invalidField("products", "invalid_length", "needs 1 to " + MAX_ITEMS + " products");
        }
        List<BulkResult> results = new ArrayList<>();
        int created = 0;
        int updated = 0;
        for (int i = 0; i < items.size(); i++) {
            BulkItem item = items.get(i);
            try {
                Optional<String> existing = item.id() != null ? Optional.of(item.id().toString())
                        : item.fields().handle() == null ? Optional.empty()
                        : reads.findIdByHandle(item.fields().handle().strip()).map(UUID::toString);
                if ((item.id() != null || existing.isPresent()) && item.variantsGiven()) {
                    throw ApplicationException.invalidField("variants", "not_on_update", "are only taken when creating a "
                            + "product; change an existing product's variants through its variants endpoints");
                }
                if (item.id() != null || existing.isPresent()) {
                    results.add(new BulkResult(i, "updated", products.update(existing.orElseThrow(), item.fields(), null), null));
                    updated++;
                } else if (item.create() == null) {
                    throw new ApplicationException(dev.bazaar.platform.PlatformErrorCode.VALIDATION_FAILED,
                            "A new product needs a title and variants", List.of(
                            new FieldViolation("title", "required", "is required to create a product"),
                            new FieldViolation("variants", "required", "are required to create a product")), Map.of());
                } else {
                    results.add(new BulkResult(i, "created", products.create(item.create()), null));
                    created++;
                }
            } catch (ApplicationException e) {
                results.add(new BulkResult(i, "failed", null, new BulkError(e.errorCode().status(), e.errorCode().code(),
                        e.getMessage(), e.violations())));
            } catch (RuntimeException e) {
                // The item rolled back on its own; the items before it are written, so say what happened to each.
                log.error("Bulk item {} failed", i, e);
                results.add(new BulkResult(i, "failed", null, new BulkError(500, "internal_error",
                        "Something went wrong on our side with this item; it was not written", List.of())));
            }
        }
        return new BulkOutcome(results, created, updated, items.size() - created - updated);
    }
}
