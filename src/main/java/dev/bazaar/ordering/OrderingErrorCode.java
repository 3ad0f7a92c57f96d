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
    DISCOUNT_TARGET_NOT_FOUND("discount_target_not_found", 422, "A targeted product does not exist in this shop"),
    DISCOUNT_CODE_INVALID("discount_code_invalid", 422, "No discount has this code"),
    DISCOUNT_NOT_APPLICABLE("discount_not_applicable", 422, "The discount does not apply to this cart"),
    DISCOUNT_EXHAUSTED("discount_exhausted", 409, "The discount has no uses left"),
    DISCOUNT_LIMIT_REACHED("discount_limit_reached", 409, "The customer has used the discount as often as allowed"),
    CUSTOMER_NOT_FOUND("customer_not_found", 404, "Customer not found"),
    CUSTOMER_EMAIL_TAKEN("customer_email_taken", 409, "Another account is the customer with this email"),
    ADDRESS_NOT_FOUND("address_not_found", 404, "Address not found"),
    CART_NOT_FOUND("cart_not_found", 404, "Cart not found"),
    CART_NOT_ACTIVE("cart_not_active", 409, "The cart was checked out or merged into another"),
    CART_LINE_NOT_FOUND("cart_line_not_found", 404, "The cart has no line for this variant"),
    CART_FULL("cart_full", 422, "The cart has as many lines as it may"),
    VARIANT_NOT_FOUND("variant_not_found", 422, "The variant does not exist in this shop"),
    VARIANT_UNAVAILABLE("variant_unavailable", 422, "The variant's product is not for sale"),
    CURRENCY_MISMATCH("currency_mismatch", 422, "The variant is priced in another currency than the cart"),
    CART_EMPTY("cart_empty", 422, "The cart has no lines"),
    EMAIL_REQUIRED("email_required", 422, "The cart needs an email before checkout"),
    SHIPPING_ADDRESS_REQUIRED("shipping_address_required", 422, "The cart needs a shipping address before checkout"),
    SHIPPING_RATE_REQUIRED("shipping_rate_required", 422, "The cart needs one of the shipping rates on offer"),
    SHIPPING_RATE_UNAVAILABLE("shipping_rate_unavailable", 422, "The shipping rate is not offered for this cart"),
    TOTAL_CHANGED("total_changed", 409, "The cart's total is not the one expected"),
    ORDER_NOT_FOUND("order_not_found", 404, "Order not found"),
    ORDER_NOT_CANCELABLE("order_not_cancelable", 422, "The order cannot be canceled in its state"),
    ORDER_NOT_FULFILLABLE("order_not_fulfillable", 422, "The order cannot be fulfilled in its state"),
    FULFILLMENT_EXCEEDS_ORDER("fulfillment_exceeds_order", 422, "More units would be fulfilled than are left to fulfil"),
    ORDER_NOT_REFUNDABLE("order_not_refundable", 422, "The order has nothing that can be refunded"),
    REFUND_EXCEEDS_CAPTURED("refund_exceeds_captured", 422, "The refund is more than was captured and not yet refunded"),
    PAYMENT_GATEWAY_UNAVAILABLE("payment_gateway_unavailable", 422, "The shop takes no payments through this gateway"),
    ORDER_NOT_PAYABLE("order_not_payable", 422, "The order is not waiting for a payment"),
    ORDER_NOT_CAPTURABLE("order_not_capturable", 422, "The order has no authorized payment to capture");

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
