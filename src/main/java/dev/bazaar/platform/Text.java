package dev.bazaar.platform;

/** Checks of short text people type and others see (names, titles, option values). */
public final class Text {

    private Text() {}

    /**
     * {@code value} stripped; 400 naming {@code field} when it is blank, longer than {@code max} characters, or holds
     * control characters (names go into mail subjects, headers and logs).
     */
    public static String line(String field, String value, int max) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw ApplicationException.invalidField(field, "blank", "must not be blank");
        }
        if (stripped.length() > max) {
            throw ApplicationException.invalidField(field, "too_long", "must be at most " + max + " characters");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw ApplicationException.invalidField(field, "control_characters", "must not contain control characters");
        }
        return stripped;
    }
}
