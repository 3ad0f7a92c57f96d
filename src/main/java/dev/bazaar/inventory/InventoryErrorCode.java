package dev.bazaar.inventory;

import dev.bazaar.platform.ErrorCode;

/** Inventory's stable error codes. */
public enum InventoryErrorCode implements ErrorCode {
    LOCATION_NOT_FOUND("stock_location_not_found", 404, "Stock location not found"),
    LOCATION_TAKEN("stock_location_taken", 409, "A stock location with this name exists"),
    LOCATION_IN_USE("stock_location_in_use", 409, "The stock location still holds or has reserved stock"),
    VARIANT_NOT_FOUND("variant_not_found", 404, "Variant not found"),
    INSUFFICIENT_STOCK("insufficient_stock", 409, "Not enough stock is available"),
    VARIANT_NOT_TRACKED("variant_not_tracked", 422, "The variant does not track inventory"),
    RESERVATION_NOT_FOUND("reservation_not_found", 404, "Reservation not found"),
    RESERVATION_NOT_ACTIVE("reservation_not_active", 422, "The reservation is no longer active"),
    RESTOCK_EXCEEDS_COMMITTED("restock_exceeds_committed", 422, "More units would be put back than the reservation took");

    private final String code;
    private final int status;
    private final String title;

    InventoryErrorCode(String code, int status, String title) {
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
