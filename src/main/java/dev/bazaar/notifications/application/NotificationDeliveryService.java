package dev.bazaar.notifications.application;

import dev.bazaar.identity.AccountId;
import dev.bazaar.identity.AccountQueries;
import dev.bazaar.identity.AccountSummary;
import dev.bazaar.notifications.NotificationChannel;
import dev.bazaar.notifications.NotificationCreated;
import dev.bazaar.notifications.NotificationType;
import dev.bazaar.notifications.domain.NotificationRepository;
import dev.bazaar.notifications.domain.PreferenceRepository;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.MailMessage;
import dev.bazaar.platform.Mailer;
import dev.bazaar.platform.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers one notification to its recipients in the current transaction: per recipient, an in-app row (announced as
 * {@link NotificationCreated} after the commit) and a durable mail job, each unless the recipient switched that
 * channel off (required channels cannot be). Deactivated and unknown accounts receive nothing. Mails are rendered in
 * the recipient's locale. A rollback leaves no row, no mail job and no announcement.
 */
@Service
public class NotificationDeliveryService {

    /** What to say: the feed's title, summary and data, the mail's subject, and the mail template's model. */
    public record Content(String title, String summary, Map<String, Object> data, String subject,
                          Map<String, Object> mailModel) {}

    private final NotificationRepository notifications;
    private final PreferenceRepository preferences;
    private final AccountQueries accounts;
    private final Mailer mailer;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    NotificationDeliveryService(NotificationRepository notifications, PreferenceRepository preferences, AccountQueries accounts, Mailer mailer,
             JsonMapper json, ApplicationEventPublisher publisher, Clock clock) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.accounts = accounts;
        this.mailer = mailer;
        this.json = json;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Joins the caller's transaction (or starts one); returns how many in-app rows were written. */
    @Transactional
    public int notify(NotificationType type, Collection<UUID> accountIds, Content content) {
        UUID tenant = TenantContext.requireTenantId();
        List<UUID> recipients = List.copyOf(new LinkedHashSet<>(accountIds));
        if (recipients.isEmpty()) {
            return 0;
        }
        Map<AccountId, AccountSummary> found = accounts.findAll(recipients.stream().map(AccountId::new).toList());
        Map<UUID, Map<String, Boolean>> chosen = new HashMap<>();
        preferences.forType(tenant, type.key(), recipients).forEach(row ->
                chosen.computeIfAbsent(row.accountId(), id -> new HashMap<>()).put(row.channel(), row.enabled()));
        // PostgreSQL keeps microseconds: the announced body must equal what the feed reads back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String data = json.writeValueAsString(content.data());
        int written = 0;
        for (UUID accountId : recipients) {
            AccountSummary account = found.get(new AccountId(accountId));
            if (account == null || account.status().equals("deactivated")) {
                continue;
            }
            Map<String, Boolean> choices = chosen.getOrDefault(accountId, Map.of());
            if (enabled(type, NotificationChannel.IN_APP, choices)) {
                NotificationView view = NotificationQueries.view(notifications.insert(tenant, Ids.newId(), accountId,
                        type.key(), content.title(), content.summary(), data, now), json);
                announceAfterCommit(new NotificationCreated(tenant, accountId, view.id(), type.key(),
                        json.writeValueAsString(view), view.createdAt()));
                written++;
            }
            if (enabled(type, NotificationChannel.EMAIL, choices)) {
                Map<String, Object> model = new LinkedHashMap<>(content.mailModel());
                model.put("title", content.title());
                model.put("summary", content.summary());
                model.put("name", account.name() == null ? "" : account.name());
                mailer.send(new MailMessage(account.email(), content.subject(), type.template(), model,
                        Locale.forLanguageTag(account.locale())));
            }
        }
        return written;
    }

    /** The effective choice: required channels are always on; otherwise the recipient's choice, else the default. */
    static boolean enabled(NotificationType type, NotificationChannel channel, Map<String, Boolean> choices) {
        if (type.required().contains(channel)) {
            return true;
        }
        Boolean choice = choices.get(channel.key());
        return choice != null ? choice : type.defaults().contains(channel);
    }

    private void announceAfterCommit(NotificationCreated created) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publisher.publishEvent(created);
            }
        });
    }
}
