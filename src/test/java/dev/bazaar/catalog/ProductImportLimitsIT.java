package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The upload limit (here 2 KB instead of 64 MB): a larger file is refused with 413 and leaves nothing behind. */
@IntegrationTest(properties = {"spring.servlet.multipart.max-file-size=2KB", "spring.servlet.multipart.max-request-size=3KB"})
class ProductImportLimitsIT extends TenancyHttpTest {

    @Test
    void aFileOverTheUploadLimitIsRefusedWith413() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "limits");
        StringBuilder csv = new StringBuilder("Handle,Title,Variant Price\n");
        for (int i = 0; csv.length() < 4096; i++) {
            csv.append("product-").append(i).append(",Product ").append(i).append(",1.00\n");
        }
        HttpResponse<String> refused = CatalogTransfers.upload(api, shop, owner.bearer(), csv.toString(), false);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(IdentityClient.read(refused).get("code").asString()).isEqualTo("payload_too_large");
        assertThat(api.ok(api.call("GET", shop.path("/product-imports"), null, owner.bearer()), 200).get("data").size()).isZero();

        HttpResponse<String> small = CatalogTransfers.upload(api, shop, owner.bearer(), "Handle,Title,Variant Price\nx,X,1.00\n", true);
        assertThat(small.statusCode()).isEqualTo(202);
    }
}
