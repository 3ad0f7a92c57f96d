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
