package dev.bazaar.catalog;

import dev.bazaar.platform.ErrorCode;

/** The catalog's stable error codes. */
public enum CatalogErrorCode implements ErrorCode {
    PRODUCT_NOT_FOUND("product_not_found", 404, "Product not found"),
    VARIANT_NOT_FOUND("variant_not_found", 404, "Variant not found"),
    HANDLE_TAKEN("product_handle_taken", 409, "A product with this handle exists"),
    SKU_TAKEN("sku_taken", 409, "A variant with this SKU exists"),
    OPTIONS_TAKEN("variant_options_taken", 409, "A variant with these option values exists"),
    LAST_VARIANT("last_variant", 422, "A product needs at least one variant"),
    ATTRIBUTE_NOT_FOUND("attribute_not_found", 404, "Attribute not found"),
    ATTRIBUTE_HANDLE_TAKEN("attribute_handle_taken", 409, "An attribute with this handle exists"),
    CATEGORY_NOT_FOUND("category_not_found", 404, "Category not found"),
    CATEGORY_HANDLE_TAKEN("category_handle_taken", 409, "A category with this handle exists"),
    CATEGORY_NOT_EMPTY("category_not_empty", 409, "The category has subcategories"),
    CATEGORY_CYCLE("category_cycle", 422, "A category cannot move below itself"),
    CATEGORY_TOO_DEEP("category_too_deep", 422, "The category tree would be too deep"),
    COLLECTION_NOT_FOUND("collection_not_found", 404, "Collection not found"),
    COLLECTION_HANDLE_TAKEN("collection_handle_taken", 409, "A collection with this handle exists"),
    COLLECTION_NOT_MANUAL("collection_not_manual", 422, "Only a manual collection lists its products by hand"),
    CATALOG_LIMIT("catalog_limit_reached", 422, "The catalog holds no more of these"),
    INVALID_IMPORT_FILE("invalid_import_file", 400, "The file is not a product CSV"),
    IMPORT_NOT_FOUND("product_import_not_found", 404, "Product import not found"),
    EXPORT_NOT_FOUND("product_export_not_found", 404, "Product export not found"),
    EXPORT_NOT_READY("product_export_not_ready", 409, "The export has not finished"),
    IMPORT_HAS_ERRORS("product_import_has_errors", 422, "The import has errors");

    private final String code;
    private final int status;
    private final String title;

    CatalogErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
