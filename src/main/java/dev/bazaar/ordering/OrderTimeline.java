package dev.bazaar.ordering;

import dev.bazaar.ordering.domain.OrderRepository;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Appends to an order's timeline who did what and when, in the caller's transaction. */
@Component
class OrderTimeline {

    private final OrderRepository orders;
    private final JsonMapper json;
    private final Clock clock;

    OrderTimeline(OrderRepository orders, JsonMapper json, Clock clock) {
        this.orders = orders;
        this.json = json;
        this.clock = clock;
    }

    void append(UUID orderId, String kind, String message, Map<String, ?> data) {
        Actor actor = CurrentActor.find().orElse(null);
        orders.appendEvent(TenantContext.requireTenantId(), orderId, clock.instant(), kind, CurrentActor.type(),
                actor == null ? null : actor.id(), message, json.writeValueAsString(data));
    }
}
