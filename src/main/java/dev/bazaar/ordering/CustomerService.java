package dev.bazaar.ordering;

import dev.bazaar.identity.AccountId;
import dev.bazaar.identity.AccountQueries;
import dev.bazaar.identity.AccountSummary;
import dev.bazaar.ordering.domain.CustomerRepository;
import dev.bazaar.ordering.domain.CustomerRepository.AddressRow;
import dev.bazaar.ordering.domain.CustomerRepository.CustomerRow;
import dev.bazaar.ordering.domain.CustomerRepository.CustomerStats;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.tenancy.ShopQueries;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shop's customers: a person who signs in to the shop becomes its customer (one per account and per email), and a
 * guest who checks out is one by email alone. A guest's record is linked to the account that later signs in with the
 * same email (accounts sign in only with a verified email). Customers keep their own address book.
 */
@Service
public class CustomerService {

    public static final int MAX_ADDRESSES = 20;

    private final CustomerRepository customers;
    private final AccountQueries accounts;
    private final ShopQueries shops;
    private final JsonMapper json;
    private final Clock clock;

    CustomerService(CustomerRepository customers, AccountQueries accounts, ShopQueries shops, JsonMapper json, Clock clock) {
        this.customers = customers;
        this.accounts = accounts;
        this.shops = shops;
        this.json = json;
        this.clock = clock;
    }

    /** {@code accountId} null for a guest; {@code totalSpent} is what was captured for their orders less refunds. */
    public record CustomerView(UUID id, String email, @Nullable UUID accountId, boolean guest, long ordersCount,
                               Money totalSpent, @Nullable Instant lastOrderAt, Instant createdAt) {}

    public record AddressView(UUID id, Address address, boolean isDefault, Instant createdAt, Instant updatedAt,
                              @JsonIgnore long version) {}

    public record AddressSpec(@Nullable Address address, @Nullable Boolean isDefault) {}

    /** Staff: newest first; {@code email} matches from the start of the email, ignoring case. */
    @Transactional(readOnly = true)
    public Page<CustomerView> list(@Nullable String email, PageRequest page) {
        UUID tenant = TenantContext.requireTenantId();
        String currency = shops.current().currency();
        String prefix = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        return page.page(customers.list(tenant, prefix, page.afterId(), page.fetchSize()).stream()
                .map(stats -> view(stats, currency)).toList(), customer -> customer.id().toString());
    }

    @Transactional(readOnly = true)
    public CustomerView get(UUID id) {
        return customers.stats(TenantContext.requireTenantId(), id).map(stats -> view(stats, shops.current().currency()))
                .orElseThrow(CustomerService::notFound);
    }

    /**
     * The signed-in person's customer record in the current shop, created (or a guest record with their email linked)
     * on first use, in the caller's transaction. 401 for an anonymous caller, 403 for an API key (it is not a person).
     */
    @Transactional
    public UUID currentCustomerId() {
        Actor actor = requirePerson();
        UUID tenant = TenantContext.requireTenantId();
        return customers.findByAccount(tenant, actor.accountId()).map(CustomerRow::id).orElseGet(() -> {
            AccountSummary account = accounts.find(new AccountId(actor.accountId()))
                    .orElseThrow(() -> new ApplicationException(PlatformErrorCode.UNAUTHENTICATED, CurrentActor.SIGN_IN_HINT));
            CustomerRow row = customers.upsert(tenant, AccountQueries.normaliseEmail(account.email()), actor.accountId(),
                    clock.instant());
            if (!actor.accountId().equals(row.accountId())) {
                throw new ApplicationException(OrderingErrorCode.CUSTOMER_EMAIL_TAKEN,
                        "Another account is this shop's customer with your email");
            }
            return row.id();
        });
    }

    /** The signed-in customer's id if they already are one (no record is created); empty for anyone else. */
    @Transactional(readOnly = true)
    public @Nullable UUID findCurrentCustomerId() {
        return CurrentActor.find().filter(actor -> !actor.isApiKey())
                .flatMap(actor -> customers.findByAccount(TenantContext.requireTenantId(), actor.accountId()))
                .map(CustomerRow::id).orElse(null);
    }

    /** The guest customer for a checkout's email (created when new), in the caller's transaction. */
    @Transactional
    public UUID guestCustomerId(String email) {
        return customers.upsert(TenantContext.requireTenantId(), email.toLowerCase(Locale.ROOT), null, clock.instant()).id();
    }

    @Transactional(readOnly = true)
    public List<AddressView> myAddresses() {
        UUID customer = currentCustomerIdReadOnly();
        if (customer == null) {
            return List.of();
        }
        return customers.addresses(TenantContext.requireTenantId(), customer).stream().map(this::view).toList();
    }

    @Transactional
    public AddressView addAddress(AddressSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        UUID customer = currentCustomerId();
        Address address = Address.checked("address", spec.address());
        customers.lock(tenant, customer);
        List<AddressRow> existing = customers.addresses(tenant, customer);
        if (existing.size() >= MAX_ADDRESSES) {
            throw ApplicationException.invalidField("address", "too_many", "a customer keeps at most " + MAX_ADDRESSES
                    + " addresses");
        }
        boolean isDefault = existing.isEmpty() || Boolean.TRUE.equals(spec.isDefault());
        if (isDefault) {
            customers.clearDefault(tenant, customer);
        }
        Instant now = clock.instant();
        UUID id = Ids.newId();
        customers.insertAddress(tenant, new AddressRow(id, customer, 0, now, now, json.writeValueAsString(address), isDefault));
        return customers.address(tenant, customer, id).map(this::view).orElseThrow();
    }

    /** 412 when it changed since {@code expectedVersion}; making another address the default unsets this one. */
    @Transactional
    public AddressView updateAddress(UUID id, AddressSpec spec, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        UUID customer = currentCustomerId();
        customers.lock(tenant, customer);
        AddressRow before = customers.address(tenant, customer, id).orElseThrow(CustomerService::addressNotFound);
        Address address = spec.address() == null ? read(before.address()) : Address.checked("address", spec.address());
        boolean isDefault = spec.isDefault() == null ? before.isDefault() : spec.isDefault();
        if (isDefault && !before.isDefault()) {
            customers.clearDefault(tenant, customer);
        }
        long version = expectedVersion != null ? expectedVersion : before.version();
        if (!customers.updateAddress(tenant, new AddressRow(id, customer, version, before.createdAt(), clock.instant(),
                json.writeValueAsString(address), isDefault), version)) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The address was changed since you read it");
        }
        return customers.address(tenant, customer, id).map(this::view).orElseThrow();
    }

    @Transactional
    public void deleteAddress(UUID id, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        UUID customer = currentCustomerId();
        customers.lock(tenant, customer);
        customers.address(tenant, customer, id).orElseThrow(CustomerService::addressNotFound);
        if (!customers.deleteAddress(tenant, customer, id, expectedVersion)) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The address was changed since you read it");
        }
    }

    /** The signed-in person: 401 for an anonymous caller, 403 for an API key (it acts for its shop, not as a customer). */
    static Actor requirePerson() {
        Actor actor = CurrentActor.require();
        if (actor.isApiKey()) {
            throw new ApplicationException(PlatformErrorCode.FORBIDDEN, "API keys cannot act as a customer; sign in as one");
        }
        return actor;
    }

    private @Nullable UUID currentCustomerIdReadOnly() {
        Actor actor = requirePerson();
        return customers.findByAccount(TenantContext.requireTenantId(), actor.accountId()).map(CustomerRow::id).orElse(null);
    }

    private AddressView view(AddressRow row) {
        return new AddressView(row.id(), read(row.address()), row.isDefault(), row.createdAt(), row.updatedAt(), row.version());
    }

    Address read(String address) {
        return json.readValue(address, Address.class);
    }

    private static CustomerView view(CustomerStats stats, String currency) {
        CustomerRow row = stats.customer();
        return new CustomerView(row.id(), row.email(), row.accountId(), row.accountId() == null, stats.ordersCount(),
                new Money(stats.totalSpent(), currency), stats.lastOrderAt(), row.createdAt());
    }

    static ApplicationException notFound() {
        return new ApplicationException(OrderingErrorCode.CUSTOMER_NOT_FOUND, "No customer with this id in this shop");
    }

    private static ApplicationException addressNotFound() {
        return new ApplicationException(OrderingErrorCode.ADDRESS_NOT_FOUND, "No address with this id in your address book");
    }
}
