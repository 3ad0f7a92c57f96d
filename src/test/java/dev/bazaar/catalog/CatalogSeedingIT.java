package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.platform.ManagementCommand;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code bin/bazaar seed-catalog}: generated products with variants and stock, through the services. */
@IntegrationTest
class CatalogSeedingIT extends TenancyHttpTest {

    @Autowired
    List<ManagementCommand> commands;

    private int seed(ByteArrayOutputStream output, String... args) {
        ManagementCommand command = commands.stream().filter(c -> c.name().equals("seed-catalog")).findFirst().orElseThrow();
        return command.run(List.of(args), new BufferedReader(new StringReader("")), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @Test
    void seedsProductsWithSizesAndStockThatTheStorefrontLists() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "seeded");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        assertThat(seed(output, "--shop", shop.handle(), "--products", "30", "--variants", "3", "--stock", "7")).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Seeded 30 products with 3 variant(s) each");

        JsonNode page = api.ok(api.call("GET", shop.path("/products?limit=100&facets=vendor"), null, null), 200);
        assertThat(page.get("data").size()).isEqualTo(30);
        JsonNode product = page.get("data").get(0);
        assertThat(product.get("variants").size()).isEqualTo(3);
        assertThat(product.get("options").get(0).get("values").valueStream().map(JsonNode::asString).toList())
                .containsExactly("S", "M", "L");
        assertThat(product.get("variants").get(0).get("available_for_sale").asBoolean()).isTrue();
        assertThat(page.get("facets").get("vendor").size()).isGreaterThan(1);
        JsonNode levels = api.ok(api.call("GET", shop.path("/inventory-levels?limit=100"), null, owner.bearer()), 200).get("data");
        assertThat(levels.size()).isEqualTo(90);
        assertThat(levels.valueStream().allMatch(level -> level.get("on_hand").asLong() == 7)).isTrue();
        assertThat(api.ok(api.call("GET", shop.path("/audit-events?limit=1"), null, owner.bearer()), 200).get("data").get(0)
                .get("actor_type").asString()).isEqualTo("system");
    }

    @Test
    void refusesBadArgumentsAndUnknownShops() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        assertThat(seed(output)).isEqualTo(2);
        assertThat(seed(output, "--shop", "x", "--products", "many")).isEqualTo(2);
        assertThat(seed(output, "--shop", "x", "--variants", "4")).isEqualTo(2);
        assertThat(seed(output, "--shop", "no-such-shop-here")).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("there is no shop 'no-such-shop-here'");
    }
}
