package dev.bazaar.identity.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.IllformedLocaleException;
import java.util.Locale;

/** A well-formed BCP 47 language tag such as {@code en}, {@code de-CH} or {@code pt-BR}; null is allowed. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LanguageTag.Validator.class)
@interface LanguageTag {

    String message() default "must be a language tag such as en or de-CH";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LanguageTag, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValidTag(value);
        }

        /** The canonical form of a valid tag ({@code de-ch} → {@code de-CH}). */
        static String canonical(String value) {
            return new Locale.Builder().setLanguageTag(value).build().toLanguageTag();
        }

        static boolean isValidTag(String value) {
            if (value.length() < 2 || value.length() > 35) {
                return false;
            }
            try {
                Locale locale = new Locale.Builder().setLanguageTag(value).build();
                return !locale.getLanguage().isEmpty();
            } catch (IllformedLocaleException e) {
                return false;
            }
        }
    }

}
