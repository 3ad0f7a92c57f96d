package dev.bazaar.notifications.application;

import dev.bazaar.notifications.NotificationChannel;
import dev.bazaar.notifications.NotificationErrorCode;
import dev.bazaar.notifications.NotificationType;
import dev.bazaar.notifications.domain.PreferenceRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** One account's notification preferences in the current shop: every type with its effective channels. */
@Service
public class PreferenceService {

    private final PreferenceRepository preferences;
    private final Clock clock;

    PreferenceService(PreferenceRepository preferences, Clock clock) {
        this.preferences = preferences;
        this.clock = clock;
    }

    /** A type's channels for the account. */
    public record TypePreferences(String type, String description, String audience,
                                  Map<String, ChannelPreference> channels) {}

    /** Whether the channel is on for the account, whether it is by default, and whether it can be switched off. */
    public record ChannelPreference(boolean enabled, boolean defaultEnabled, boolean required) {}

    /** Every type, in declaration order. */
    @Transactional(readOnly = true)
    public List<TypePreferences> list(UUID accountId) {
        Map<String, Map<String, Boolean>> chosen = new HashMap<>();
        preferences.of(TenantContext.requireTenantId(), accountId).forEach(row ->
                chosen.computeIfAbsent(row.type(), type -> new HashMap<>()).put(row.channel(), row.enabled()));
        return Arrays.stream(NotificationType.values()).map(type -> {
            Map<String, ChannelPreference> channels = new LinkedHashMap<>();
            for (NotificationChannel channel : NotificationChannel.values()) {
                channels.put(channel.key(), new ChannelPreference(
                        NotificationDeliveryService.enabled(type, channel, chosen.getOrDefault(type.key(), Map.of())),
                        type.defaults().contains(channel), type.required().contains(channel)));
            }
            return new TypePreferences(type.key(), type.description(), type.audience().name().toLowerCase(java.util.Locale.ROOT),
                    channels);
        }).toList();
    }

    /**
     * Merge-patches the account's choices: {@code {type: {channel: true | false | null}}}, null going back to the
     * type's default. 400 {@code validation_failed} for an unknown type or channel; 422
     * {@code notification_channel_required} for switching off a required channel. All or nothing.
     */
    @Transactional
    public List<TypePreferences> update(UUID accountId, Map<String, @Nullable Map<String, @Nullable Boolean>> changes) {
        UUID tenant = TenantContext.requireTenantId();
        List<FieldViolation> violations = new ArrayList<>();
        record Change(NotificationType type, NotificationChannel channel, @Nullable Boolean enabled) {}
        List<Change> valid = new ArrayList<>();
        changes.forEach((typeKey, channels) -> {
            NotificationType type = NotificationType.fromKey(typeKey).orElse(null);
            if (type == null) {
                violations.add(new FieldViolation(typeKey, "unknown_notification_type", "is not a notification type"));
                return;
            }
            if (channels == null) {
                violations.add(new FieldViolation(typeKey, "must_be_object", "must map channels to true, false or null"));
                return;
            }
            channels.forEach((channelKey, enabled) -> {
                NotificationChannel channel = NotificationChannel.fromKey(channelKey).orElse(null);
                if (channel == null) {
                    violations.add(new FieldViolation(typeKey + "." + channelKey, "unknown_channel", "must be in_app or email"));
                } else {
                    valid.add(new Change(type, channel, enabled));
                }
            });
        });
        if (!violations.isEmpty()) {
            throw new ApplicationException(PlatformErrorCode.VALIDATION_FAILED, violations.size() + " preferences are not valid",
                    violations, Map.of());
        }
        for (Change change : valid) {
            if (Boolean.FALSE.equals(change.enabled()) && change.type().required().contains(change.channel())) {
                throw new ApplicationException(NotificationErrorCode.CHANNEL_REQUIRED, "'" + change.type().key()
                        + "' is always sent by " + change.channel().key());
            }
        }
        for (Change change : valid) {
            if (change.enabled() == null) {
                preferences.reset(tenant, accountId, change.type().key(), change.channel().key());
            } else {
                preferences.set(tenant, accountId, change.type().key(), change.channel().key(), change.enabled(), clock.instant());
            }
        }
        return list(accountId);
    }
}
