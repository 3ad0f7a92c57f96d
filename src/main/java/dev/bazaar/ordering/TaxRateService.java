package dev.bazaar.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bazaar.ordering.domain.TaxRateRepository;
import dev.bazaar.ordering.domain.TaxRateRepository.TaxRateRow;
import dev.bazaar.ordering.domain.Taxes;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shop's tax rates: one per country, or per region of a country (ISO 3166-2), which then wins over its country's.
 * A rate is a percentage written as a decimal string with at most 4 fraction digits ({@code "19.0000"}), 0 to 100.
 */
@Service
public class TaxRateService {

    public static final int MAX_RATES = 500;
    private static final Pattern RATE = Pattern.compile("\\d{1,3}(\\.\\d{1,4})?");

    private final TaxRateRepository rates;
    private final AuditLog audit;
    private final Clock clock;

    TaxRateService(TaxRateRepository rates, AuditLog audit, Clock clock) {
        this.rates = rates;
        this.audit = audit;
        this.clock = clock;
    }

    /** Absent (null) fields stay as they are on update; a blank region on update makes the rate country-wide. */
    public record TaxRateSpec(@Nullable String name, @Nullable String country, @Nullable String region,
                              @Nullable String rate) {}

    /** {@code rate} always with 4 fraction digits. */
    public record TaxRateView(UUID id, String name, String country, @Nullable String region, String rate,
                              Instant createdAt, Instant updatedAt, @JsonIgnore long version) {}

    @Transactional(readOnly = true)
    public List<TaxRateView> list() {
        return rates.list(TenantContext.requireTenantId(), MAX_RATES).stream().map(TaxRateService::view).toList();
    }

    @Transactional(readOnly = true)
    public TaxRateView get(UUID id) {
        return rates.find(TenantContext.requireTenantId(), id).map(TaxRateService::view).orElseThrow(TaxRateService::notFound);
    }

    /** The rate that applies to a destination: its region's, else its country's, else none. */
    @Transactional(readOnly = true)
    public @Nullable BigDecimal rateFor(String country, @Nullable String region) {
        List<TaxRateRow> all = rates.list(TenantContext.requireTenantId(), MAX_RATES);
        return all.stream().filter(r -> r.country().equals(country) && region != null && region.equals(r.region()))
                .findFirst().or(() -> all.stream().filter(r -> r.country().equals(country) && r.region() == null).findFirst())
                .map(TaxRateRow::rate).orElse(null);
    }

    @Transactional
    public TaxRateView create(TaxRateSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        if (spec.name() == null) {
            throw ApplicationException.invalidField("name", "required", "is required");
        }
        if (spec.rate() == null) {
            throw ApplicationException.invalidField("rate", "required", "is required");
        }
        String country = Places.country("country", spec.country());
        Instant now = clock.instant();
        TaxRateRow row = new TaxRateRow(Ids.newId(), 0, now, now, Text.line("name", spec.name(), 120), country,
                Places.region("region", country, spec.region()), rate(spec.rate()));
        if (rates.list(tenant, MAX_RATES).size() >= MAX_RATES) {
            throw ApplicationException.invalidField("country", "too_many", "a shop has at most " + MAX_RATES + " tax rates");
        }
        try {
            rates.insert(tenant, row);
        } catch (DuplicateKeyException e) {
            throw taken();
        }
        audit.record("tax_rate.created", "tax_rate", row.id(), Map.of(), fields(row));
        return get(row.id());
    }

    @Transactional
    public TaxRateView update(UUID id, TaxRateSpec spec, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        TaxRateRow before = rates.find(tenant, id).orElseThrow(TaxRateService::notFound);
        String country = spec.country() != null ? Places.country("country", spec.country()) : before.country();
        String region = spec.region() != null ? Places.region("region", country, spec.region())
                : spec.country() != null && !country.equals(before.country()) ? null : before.region();
        TaxRateRow after = new TaxRateRow(id, before.version(), before.createdAt(), before.updatedAt(),
                spec.name() != null ? Text.line("name", spec.name(), 120) : before.name(), country, region,
                spec.rate() != null ? rate(spec.rate()) : before.rate());
        try {
            if (!rates.update(tenant, after, expectedVersion != null ? expectedVersion : before.version(), clock.instant())) {
                throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The tax rate was changed since you read it");
            }
        } catch (DuplicateKeyException e) {
            throw taken();
        }
        audit.record("tax_rate.updated", "tax_rate", id, fields(before), fields(after));
        return get(id);
    }

    @Transactional
    public void delete(UUID id, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        TaxRateRow rate = rates.find(tenant, id).orElseThrow(TaxRateService::notFound);
        if (!rates.delete(tenant, id, expectedVersion)) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The tax rate was changed since you read it");
        }
        audit.record("tax_rate.deleted", "tax_rate", id, fields(rate), Map.of());
    }

    private static BigDecimal rate(String value) {
        String stripped = value.strip();
        if (!RATE.matcher(stripped).matches() || !Taxes.isValidRate(new BigDecimal(stripped))) {
            throw ApplicationException.invalidField("rate", "invalid_rate",
                    "must be a percentage from 0 to 100 with at most 4 fraction digits, such as \"19.0000\"");
        }
        return new BigDecimal(stripped).setScale(4);
    }

    private static ApplicationException taken() {
        return new ApplicationException(OrderingErrorCode.TAX_RATE_TAKEN, "This shop already has a tax rate for this country and region");
    }

    static ApplicationException notFound() {
        return new ApplicationException(OrderingErrorCode.TAX_RATE_NOT_FOUND, "No such tax rate in this shop");
    }

    private static Map<String, Object> fields(TaxRateRow row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", row.name());
        fields.put("country", row.country());
        fields.put("region", row.region() == null ? "" : row.region());
        fields.put("rate", row.rate().setScale(4).toPlainString());
        return fields;
    }

    private static TaxRateView view(TaxRateRow row) {
        return new TaxRateView(row.id(), row.name(), row.country(), row.region(), row.rate().setScale(4).toPlainString(),
                row.createdAt(), row.updatedAt(), row.version());
    }
}
