package dev.bazaar.ordering;

import dev.bazaar.platform.ErrorCode;

/** Ordering's stable error codes. */
public enum OrderingErrorCode implements ErrorCode {
    SHIPPING_ZONE_NOT_FOUND("shipping_zone_not_found", 404, "Shipping zone not found"),
    SHIPPING_AREA_TAKEN("shipping_area_taken", 409, "A country or region already belongs to another shipping zone"),
    TAX_RATE_NOT_FOUND("tax_rate_not_found", 404, "Tax rate not found"),
    TAX_RATE_TAKEN("tax_rate_taken", 409, "A tax rate for this country and region exists"),
    DISCOUNT_NOT_FOUND("discount_not_found", 404, "Discount not found"),
    DISCOUNT_CODE_TAKEN("discount_code_taken", 409, "Another discount of this shop has this code"),
    DISCOUNT_TARGET_NOT_FOUND("discount_target_not_found", 422, "A targeted product does not exist in this shop");

    private final String code;
    private final int status;
    private final String title;

    OrderingErrorCode(String code, int status, String title) {
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
