package dev.bazaar.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.BazaarApplication;
import dev.bazaar.support.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The zero-set-up default: with no database configured, an embedded PostgreSQL whose data survives a restart, and demo
 * accounts and the demo shop made on the first start.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class EmbeddedDatabaseIT {

    @Test
    void firstStartCreatesDemoAccountsAndTheDemoShopAndPrintsTheirCredentialsOnce(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        Path dataDirectory = Files.createTempDirectory("bazaar-demo-it").resolve("postgres");
        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            String printed = output.getOut();
            assertThat(printed).contains("Bazaar demo accounts", "admin@demo.bazaar.localhost", "owner@demo.bazaar.localhost",
                    "Demo shop: /api/v1/shops/demo");
            TestHttp http = new TestHttp(((WebServerApplicationContext) first).getWebServer().getPort());
            String adminToken = signIn(http, printed, "admin@demo.bazaar.localhost");
            assertThat(http.send(http.request("/api/v1/me").header("Authorization", "Bearer " + adminToken).GET().build()).body())
                    .contains("platform_admin");

            String ownerToken = signIn(http, printed, "owner@demo.bazaar.localhost");
            var shop = http.send(http.request("/api/v1/shops/demo").header("Authorization", "Bearer " + ownerToken).GET().build());
            assertThat(shop.statusCode()).as(shop.body()).isEqualTo(200);
            assertThat(shop.body()).contains("\"handle\":\"demo\"", "\"role\":\"owner\"");
            var members = http.send(http.request("/api/v1/shops/demo/members").header("Authorization", "Bearer " + ownerToken)
                    .GET().build());
            assertThat(members.body()).contains("owner@demo.bazaar.localhost");
            assertThat(printed).contains("Demo catalog: 12 products with stock");
            var catalog = http.get("/api/v1/shops/demo/products?limit=100");
            assertThat(catalog.statusCode()).isEqualTo(200);
            assertThat(catalog.body()).contains("Organic Cotton Tee", "\"available_for_sale\":true");
            assertThat(http.get("/api/v1/shops/demo/categories").body()).contains("\"handle\":\"clothing\"", "\"handle\":\"tops\"");
            assertThat(http.get("/api/v1/shops/demo/products?category=clothing&attr.material=cotton").body())
                    .contains("Organic Cotton Tee", "Cotton Hoodie").doesNotContain("Linen Shirt");
            assertThat(http.get("/api/v1/shops/demo/products?collection=staff-picks").body()).contains("Waxed Canvas Jacket");
            assertThat(http.get("/api/v1/shops/demo/products?collection=gifts&limit=100").body()).contains("Gift Card", "Silk Scarf");
        }
        int printedBefore = output.getOut().split("Bazaar demo accounts", -1).length;
        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            assertThat(output.getOut().split("Bazaar demo accounts", -1).length).as("printed only on the first start")
                    .isEqualTo(printedBefore);
        }
    }

    @Test
    void embeddedDatabaseKeepsItsDataAcrossRestarts() throws Exception {
        Path dataDirectory = Files.createTempDirectory("bazaar-embedded-it").resolve("postgres");
        String marker = UUID.randomUUID().toString();

        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            assertThat(first.getEnvironment().getProperty("bazaar.database.mode")).isEqualTo("embedded");
            first.getBean(JdbcClient.class).sql("insert into captured_mail (id, recipient, subject, text_body) values (?, 'a@example.com', ?, 't')")
                    .params(UUID.randomUUID(), marker).update();
            int port = ((WebServerApplicationContext) first).getWebServer().getPort();
            assertThat(new TestHttp(port).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).content().startsWith("17");

        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            assertThat(second.getBean(JdbcClient.class).sql("select count(*) from captured_mail where subject = ?")
                    .param(marker).query(Long.class).single()).isEqualTo(1);
        }
    }

    /** Signs in with the password printed for the demo account. */
    private static String signIn(TestHttp http, String printed, String email) {
        String password = printed.lines().filter(line -> line.contains(email))
                .map(line -> line.replaceAll(".*password: ", "").strip()).findFirst().orElseThrow();
        var token = http.postJson("/api/v1/auth/token", "{\"grant_type\":\"password\",\"email\":\"" + email
                + "\",\"password\":\"" + password + "\"}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(BazaarApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--bazaar.embedded-database.data-directory=" + dataDirectory,
                        "--bazaar.embedded-database.clean-on-start=false");
    }
}
