package dev.bazaar.catalog.application;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bazaar.platform.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product as the API shows it, with its variants, option values, attributes, category path and media in one object.
 * {@code version} is the ETag: any change to the product, a variant or the media changes it (and {@link #contentTag()}
 * covers what changes without it: stock and the category's path).
 */
public record ProductDetails(UUID id, String handle, String title, String descriptionHtml, String status,
                             @Nullable String vendor, @Nullable String productType, List<String> tags,
                             Map<String, Object> attributes, @Nullable Category category, Seo seo,
                             List<Option> options, PriceRange priceRange, List<Variant> variants, List<Media> media,
                             Instant createdAt, Instant updatedAt, @JsonIgnore long version) {

    public record Seo(@Nullable String title, @Nullable String description) {}

    /** The product's category with its path from the top level (inclusive). */
    public record Category(UUID id, String handle, String name, List<CategoryQueries.CategoryRef> path) {}

    /** An option name with the values its variants use, in order of first use. */
    public record Option(String name, List<String> values) {}

    public record PriceRange(Money min, Money max) {}

    /**
     * {@code title} joins the option values ("M / Red"); "Default" for a product without options.
     * {@code availableForSale}: not tracked, or some stock available at an active location. {@code quantityAvailable}:
     * the units available, shown only to callers with {@code inventory:read} (null otherwise, and when not tracked).
     */
    public record Variant(UUID id, String title, List<String> optionValues, @Nullable String sku, @Nullable String barcode,
                          Money price, @Nullable Money compareAtPrice, @Nullable Integer weightGrams, boolean trackInventory,
                          int position, boolean availableForSale, @Nullable Long quantityAvailable) {}

    /** A summary of what is shown besides the product's own version, for the ETag: stock and the category's path. */
    public String contentTag() {
        long hash = category == null ? 17 : category.path().hashCode();
        for (Variant variant : variants) {
            hash = hash * 31 + (variant.availableForSale() ? 1 : 0);
            hash = hash * 31 + (variant.quantityAvailable() == null ? -1 : variant.quantityAvailable());
        }
        return Long.toHexString(hash);
    }

    public record Media(UUID id, String url, @Nullable String alt, int position, @Nullable UUID variantId) {}
}
