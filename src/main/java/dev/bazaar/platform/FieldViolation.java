package dev.bazaar.platform;

/** One invalid field of a request: {@code field} is the JSON path in snake_case, e.g. {@code price.amount}. */
public record FieldViolation(String field, String code, String message) {}
