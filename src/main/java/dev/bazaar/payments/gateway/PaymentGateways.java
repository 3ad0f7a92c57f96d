package dev.bazaar.payments.gateway;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every {@link PaymentGateway} adapter, by name. */
@Component
public class PaymentGateways {

    private final List<PaymentGateway> gateways;

    PaymentGateways(List<PaymentGateway> gateways) {
        this.gateways = List.copyOf(gateways);
    }

    public Optional<PaymentGateway> find(String name) {
        return gateways.stream().filter(gateway -> gateway.name().equals(name)).findFirst();
    }

    /** The adapter of a recorded payment; throws {@link IllegalStateException} for a name no adapter has. */
    public PaymentGateway require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no payment gateway " + name));
    }

    /** The names of the gateways the current shop may pay through, in a fixed order (test, then stripe). */
    public List<String> available() {
        return gateways.stream().filter(PaymentGateway::isAvailable).map(PaymentGateway::name).sorted().sorted(
                (a, b) -> Boolean.compare(!a.equals("test"), !b.equals("test"))).toList();
    }
}
