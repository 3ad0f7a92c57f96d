package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.catalog.application.ImportFaults;
import dev.bazaar.catalog.application.TransferPurge;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Product imports and exports over real HTTP: dry runs with per-row errors, confirmed imports that create and update
 * by handle and SKU, re-runs and crashes that never duplicate, CSV and JSONL exports and their round trip, refusals.
 * The test profile writes 2 products per batch, so that small files span several batches.
 */
@IntegrationTest
class ProductTransfersIT extends TenancyHttpTest {

    private static final String HEADER = "Handle,Title,Body (HTML),Vendor,Type,Tags,Status,Option1 Name,Option1 Value,"
            + "Variant SKU,Variant Price,Variant Compare At Price,Image Src,Image Alt Text\n";

    @Autowired
    TransferPurge purge;

    @Autowired
    TenantScope tenantScope;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void noFaults() {
        ImportFaults.reset();
    }

    private JsonNode upload(Person owner, Shop shop, String csv, boolean dryRun) {
        return api.ok(CatalogTransfers.upload(api, shop, owner.bearer(), csv, dryRun), 202);
    }

    private JsonNode products(Person owner, Shop shop) {
        return api.ok(api.call("GET", shop.path("/products?limit=100&sort=title"), null, owner.bearer()), 200).get("data");
    }

    private List<JsonNode> errors(Person owner, Shop shop, JsonNode job) {
        List<JsonNode> errors = new ArrayList<>();
        api.ok(api.call("GET", shop.path("/product-imports/" + job.get("id").asString() + "/errors?limit=100"), null,
                owner.bearer()), 200).get("data").forEach(errors::add);
        return errors;
    }

    @Test
    void aDryRunReportsEveryBadRowAndWritesNothing() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "dry");
        api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Existing","handle":"existing","option_names":["Size"],
                 "variants":[{"option_values":["M"],"price":{"amount":100,"currency":"EUR"}}]}""", owner.bearer()), 201);
        String csv = HEADER
                + "good-tee,Good Tee,,Acme,Shirt,,active,Size,M,GOOD-M,19.99,,,\n"
                + "good-tee,,,,,,,,L,GOOD-L,abc,,,\n"
                + "Not A Slug,Bad handle,,,,,,,,,5.00,,,\n"
                + "no-title,,,,,,,,,,5.00,,,\n"
                + "sold,Sold,,,,,sold,,,,5.00,,,\n"
                + "copy,Copy,,,,,,,,GOOD-M,5.001,,ftp://example.com/x.jpg,\n"
                + "good-tee,Again,,,,,,,,,5.00,,,\n"
                // An existing product: its variant M needs no price, a new variant L does.
                + "existing,,,,,,,Size,M,,,,,\n"
                + "existing,,,,,,,,L,,,,,\n";
        JsonNode job = upload(owner, shop, csv, true);
        assertThat(job.get("status").asString()).isEqualTo("queued");
        assertThat(job.get("dry_run").asBoolean()).isTrue();
        JsonNode done = CatalogTransfers.await(api, shop.path("/product-imports/" + job.get("id").asString()), owner.bearer(),
                "validated", "failed");
        assertThat(done.get("status").asString()).isEqualTo("validated");
        assertThat(done.get("progress").get("total").asInt()).isEqualTo(9);

        List<String> found = errors(owner, shop, done).stream().map(error -> error.get("row").asInt() + " "
                + error.get("column").asString("") + " " + error.get("code").asString()).toList();
        assertThat(found).containsExactly(
                "3 Variant Price invalid_number",
                "4 Handle invalid_handle",
                "5 Title required",
                "6 Status unknown_status",
                "7 Variant Price too_many_decimals",
                "7 Image Src invalid_url",
                "8 Handle handle_not_consecutive",
                "10 Variant Price required");
        assertThat(done.get("error_count").asInt()).isEqualTo(8);

        assertThat(products(owner, shop).size()).as("a dry run writes nothing").isEqualTo(1);
        HttpResponse<String> start = api.call("POST", shop.path("/product-imports/" + job.get("id").asString() + "/start"),
                null, owner.bearer());
        assertThat(start.statusCode()).isEqualTo(422);
        assertThat(IdentityClient.read(start).get("code").asString()).isEqualTo("product_import_has_errors");
        assertThat(products(owner, shop).size()).isEqualTo(1);
    }

    @Test
    void filesThatAreNotTheFormatAreRefusedAtOnce() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "bad-files");
        HttpResponse<String> unknown = CatalogTransfers.upload(api, shop, owner.bearer(), "Handle,Title,Colour\nx,X,red\n", true);
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode problem = IdentityClient.read(unknown);
        assertThat(problem.get("code").asString()).isEqualTo("invalid_import_file");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("unknown_column");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("Colour");
        HttpResponse<String> noHandle = CatalogTransfers.upload(api, shop, owner.bearer(), "Title\nX\n", true);
        assertThat(IdentityClient.read(noHandle).get("errors").get(0).get("code").asString()).isEqualTo("missing_column");
        HttpResponse<String> json = api.call("POST", shop.path("/product-imports"), "{}", owner.bearer());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(json).get("code").asString()).isEqualTo("invalid_import_file");
        // A byte order mark is fine.
        JsonNode bom = upload(owner, shop, "\uFEFFHandle,Title,Variant Price\nbom,Bom,1.00\n", true);
        assertThat(awaitImport(owner, shop, bom).get("error_count").asInt()).isZero();
        assertThat(api.ok(api.call("GET", shop.path("/product-imports"), null, owner.bearer()), 200).get("data").size())
                .as("only the good file became an import").isEqualTo(1);
    }

    private JsonNode awaitImport(Person owner, Shop shop, JsonNode job) {
        return CatalogTransfers.await(api, shop.path("/product-imports/" + job.get("id").asString()), owner.bearer(),
                "validated", "succeeded", "failed");
    }

    @Test
    void aConfirmedImportCreatesAndUpdatesByHandleAndSkuAndARerunChangesNothing() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "imports");
        JsonNode tee = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Tee","handle":"tee","status":"active","option_names":["Size"],
                 "variants":[{"option_values":["M"],"sku":"TEE-M","price":{"amount":1500,"currency":"EUR"}}]}""",
                owner.bearer()), 201);
        String csv = HEADER
                + "tee,Tee,<p>Soft</p>,Acme,Shirt,\"summer, cotton\",active,Size,M,TEE-M,17.50,20.00,https://cdn.example.com/tee.jpg,A tee\n"
                + "tee,,,,,,,,L,TEE-L,18.50,,,\n"
                + "mug,Mug,,Acme,Kitchen,,draft,,,MUG,12.5,,https://cdn.example.com/mug.jpg,\n"
                + "mug,,,,,,,,,,,,https://cdn.example.com/mug-2.jpg,Side\n";
        JsonNode job = upload(owner, shop, csv, true);
        JsonNode validated = awaitImport(owner, shop, job);
        assertThat(validated.get("status").asString()).isEqualTo("validated");
        assertThat(validated.get("error_count").asInt()).isZero();
        assertThat(products(owner, shop).size()).as("nothing before the start").isEqualTo(1);

        api.ok(api.call("POST", shop.path("/product-imports/" + job.get("id").asString() + "/start"), null, owner.bearer()), 202);
        JsonNode done = CatalogTransfers.await(api, shop.path("/product-imports/" + job.get("id").asString()), owner.bearer(),
                "succeeded", "failed");
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("progress").get("done").asInt()).isEqualTo(4);
        assertThat(done.get("counts").get("created").asInt()).isEqualTo(1);
        assertThat(done.get("counts").get("updated").asInt()).isEqualTo(1);
        assertThat(done.get("counts").get("failed_rows").asInt()).isZero();

        JsonNode updated = api.ok(api.call("GET", shop.path("/products/tee"), null, owner.bearer()), 200);
        assertThat(updated.get("id").asString()).isEqualTo(tee.get("id").asString());
        assertThat(updated.get("variants").size()).isEqualTo(2);
        assertThat(updated.get("variants").get(0).get("id").asString()).as("the SKU's variant was updated, not replaced")
                .isEqualTo(tee.get("variants").get(0).get("id").asString());
        assertThat(updated.get("variants").get(0).get("price").get("amount").asLong()).isEqualTo(1750);
        assertThat(updated.get("variants").get(0).get("compare_at_price").get("amount").asLong()).isEqualTo(2000);
        assertThat(updated.get("variants").get(1).get("sku").asString()).isEqualTo("TEE-L");
        assertThat(updated.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("summer", "cotton");
        assertThat(updated.get("media").get(0).get("alt").asString()).isEqualTo("A tee");
        JsonNode mug = api.ok(api.call("GET", shop.path("/products/mug"), null, owner.bearer()), 200);
        assertThat(mug.get("status").asString()).isEqualTo("draft");
        assertThat(mug.get("variants").get(0).get("price").get("amount").asLong()).isEqualTo(1250);
        assertThat(mug.get("media").size()).isEqualTo(2);
        assertThat(mug.get("media").get(1).get("alt").asString()).isEqualTo("Side");
        assertThat(api.ok(api.call("GET", shop.path("/audit-events?action=product.created"), null, owner.bearer()), 200)
                .get("data").size()).as("products are written through the catalog's service, audited").isEqualTo(2);

        Map<String, String> tags = etags(owner, shop);
        JsonNode again = upload(owner, shop, csv, false);
        JsonNode rerun = CatalogTransfers.await(api, shop.path("/product-imports/" + again.get("id").asString()), owner.bearer(),
                "succeeded", "failed", "validated");
        assertThat(rerun.get("status").asString()).isEqualTo("succeeded");
        assertThat(rerun.get("counts").get("created").asInt()).isZero();
        assertThat(rerun.get("counts").get("updated").asInt()).isZero();
        assertThat(rerun.get("counts").get("unchanged").asInt()).isEqualTo(2);
        assertThat(products(owner, shop).size()).isEqualTo(2);
        assertThat(etags(owner, shop)).as("a re-run changes no product").isEqualTo(tags);
    }

    private Map<String, String> etags(Person owner, Shop shop) {
        Map<String, String> tags = new HashMap<>();
        for (JsonNode product : products(owner, shop)) {
            String handle = product.get("handle").asString();
            tags.put(handle, api.call("GET", shop.path("/products/" + handle), null, owner.bearer()).headers()
                    .firstValue("ETag").orElseThrow());
        }
        return tags;
    }

    @Test
    void aRunThatCrashesAfterItsFirstBatchResumesWithoutDuplicates() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "crash");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 5; i++) {
            csv.append("p").append(i).append(",Product ").append(i).append(",,,,,active,Size,S,P").append(i)
                    .append("-S,1.00,,,\n");
            csv.append("p").append(i).append(",,,,,,,,M,P").append(i).append("-M,2.00,,,\n");
        }
        ImportFaults.crashOnceAfterBatch(1);
        JsonNode job = upload(owner, shop, csv.toString(), false);
        JsonNode done = CatalogTransfers.await(api, shop.path("/product-imports/" + job.get("id").asString()), owner.bearer(),
                "succeeded", "failed");
        assertThat(ImportFaults.crashes()).as("the first attempt crashed after its first batch").isEqualTo(1);
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("counts").get("created").asInt()).isEqualTo(5);
        assertThat(done.get("progress").get("done").asInt()).isEqualTo(10);
        JsonNode all = products(owner, shop);
        assertThat(all.size()).isEqualTo(5);
        for (JsonNode product : all) {
            assertThat(product.get("variants").size()).as(product.get("handle").asString()).isEqualTo(2);
        }
    }

    @Test
    void aProductTheCatalogRefusesWhileWritingIsReportedAndTheRestIsWritten() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "late-refusal");
        String csv = "Handle,Title,Variant SKU,Variant Price\n"
                + "first,First,FIRST,1.00\n"
                + "second,Second,TAKEN-LATER,2.00\n"
                + "third,Third,THIRD,3.00\n";
        JsonNode job = upload(owner, shop, csv, true);
        assertThat(awaitImport(owner, shop, job).get("error_count").asInt()).isZero();
        // Between the validation and the start, another product takes a SKU of the file.
        api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Meanwhile","handle":"meanwhile","variants":[{"sku":"TAKEN-LATER","price":{"amount":100,"currency":"EUR"}}]}""",
                owner.bearer()), 201);
        api.ok(api.call("POST", shop.path("/product-imports/" + job.get("id").asString() + "/start"), null, owner.bearer()), 202);
        JsonNode done = CatalogTransfers.await(api, shop.path("/product-imports/" + job.get("id").asString()), owner.bearer(),
                "succeeded", "failed");
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("counts").get("created").asInt()).isEqualTo(2);
        assertThat(done.get("counts").get("failed_rows").asInt()).isEqualTo(1);
        assertThat(done.get("error_count").asInt()).isEqualTo(1);
        assertThat(errors(owner, shop, done)).singleElement().satisfies(error -> {
            assertThat(error.get("row").asInt()).isEqualTo(3);
            assertThat(error.get("code").asString()).isEqualTo("sku_taken");
        });
        assertThat(products(owner, shop).valueStream().map(product -> product.get("handle").asString()).toList())
                .as("nothing of the refused product, all of the others").containsExactlyInAnyOrder("first", "meanwhile", "third");
    }

    @Test
    void exportsDownloadAsCsvAndJsonlAndTheCsvImportsBackUnchanged() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "exports");
        structure(owner, shop);
        api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Organic Tee","status":"active","vendor":"Acme","product_type":"Shirt","tags":["summer","cotton"],
                 "category_id":"tops","attributes":{"material":"cotton","weight":1.50,"organic":true},
                 "description_html":"<p>Soft, \\"organic\\"</p>\\n<ul><li>100%</li></ul>","seo_title":"Tee","option_names":["Size","Colour"],
                 "variants":[{"option_values":["M","Red"],"sku":"TEE-M-RED","barcode":"123","price":{"amount":1999,"currency":"EUR"},
                              "weight_grams":180,"track_inventory":false},
                             {"option_values":["L","Red"],"price":{"amount":2199,"currency":"EUR"},
                              "compare_at_price":{"amount":2500,"currency":"EUR"}}],
                 "media":[{"url":"https://cdn.example.com/tee.jpg","alt":"A tee"},{"url":"https://cdn.example.com/b.jpg"},
                          {"url":"https://cdn.example.com/c.jpg","alt":"C"}]}""", owner.bearer()), 201);
        for (int i = 0; i < 3; i++) {
            api.ok(api.call("POST", shop.path("/products"), """
                    {"title":"Plain %d","status":"draft","variants":[{"price":{"amount":%d,"currency":"EUR"}}]}"""
                    .formatted(i, 100 + i), owner.bearer()), 201);
        }
        Map<String, String> before = etags(owner, shop);

        HttpResponse<String> csv = download(owner, shop, "csv");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).startsWith("attachment").contains(".csv"));
        assertThat(csv.body()).startsWith("Handle,Title,Body (HTML),Vendor");
        assertThat(csv.body()).contains("organic-tee,Organic Tee", "TEE-M-RED", "19.99", "25.00", "https://cdn.example.com/c.jpg");
        assertThat(csv.body().lines().findFirst().orElseThrow())
                .endsWith(",Category,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,"
                        + "Variant SKU,Variant Barcode,Variant Price,Variant Compare At Price,Variant Grams,"
                        + "Variant Track Inventory,Image Src,Image Position,Image Alt Text,Attribute: material,"
                        + "Attribute: organic,Attribute: weight");
        assertThat(csv.body()).as("attribute columns in the attributes' order (position, then handle)")
                .contains(",tops,", ",cotton,true,1.5");

        HttpResponse<String> jsonl = download(owner, shop, "jsonl");
        assertThat(jsonl.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-ndjson"));
        List<JsonNode> lines = jsonl.body().lines().map(IdentityClient.JSON::readTree).toList();
        assertThat(lines).hasSize(4);
        JsonNode tee = lines.stream().filter(line -> line.get("handle").asString().equals("organic-tee")).findFirst().orElseThrow();
        JsonNode read = api.ok(api.call("GET", shop.path("/products/organic-tee"), null, owner.bearer()), 200);
        for (String field : List.of("id", "title", "description_html", "tags", "options", "price_range", "media", "seo",
                "attributes", "category")) {
            assertThat(tee.get(field)).as(field).isEqualTo(read.get(field));
        }
        assertThat(tee.get("variants").get(1).get("compare_at_price")).isEqualTo(read.get("variants").get(1).get("compare_at_price"));

        JsonNode roundTrip = upload(owner, shop, csv.body(), true);
        JsonNode validated = awaitImport(owner, shop, roundTrip);
        assertThat(errors(owner, shop, validated)).as("an export imports back without errors").isEmpty();
        api.ok(api.call("POST", shop.path("/product-imports/" + roundTrip.get("id").asString() + "/start"), null, owner.bearer()), 202);
        JsonNode done = CatalogTransfers.await(api, shop.path("/product-imports/" + roundTrip.get("id").asString()),
                owner.bearer(), "succeeded", "failed");
        assertThat(done.get("counts").get("unchanged").asInt()).isEqualTo(4);
        assertThat(done.get("counts").get("updated").asInt()).isZero();
        assertThat(done.get("counts").get("created").asInt()).isZero();
        assertThat(etags(owner, shop)).as("the round trip changed nothing").isEqualTo(before);
    }

    /** Attributes material (choice), weight (number), organic (boolean) and the category "tops". */
    private void structure(Person owner, Shop shop) {
        api.ok(api.call("POST", shop.path("/product-attributes"),
                "{\"handle\":\"material\",\"name\":\"Material\",\"type\":\"choice\",\"choices\":[\"cotton\",\"wool\"]}",
                owner.bearer()), 201);
        api.ok(api.call("POST", shop.path("/product-attributes"), "{\"handle\":\"weight\",\"name\":\"Weight\",\"type\":\"number\"}",
                owner.bearer()), 201);
        api.ok(api.call("POST", shop.path("/product-attributes"), "{\"handle\":\"organic\",\"name\":\"Organic\",\"type\":\"boolean\"}",
                owner.bearer()), 201);
        String tops = api.ok(api.call("POST", shop.path("/categories"), "{\"name\":\"Tops\"}", owner.bearer()), 201)
                .get("id").asString();
        assertThat(tops).isNotBlank();
    }

    @Test
    void categoriesAndAttributeValuesImportByHandleAndAreCheckedLikeTheApiChecksThem() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "structure");
        structure(owner, shop);
        String header = "Handle,Title,Category,Variant Price,Attribute: material,Attribute: weight,Attribute: organic\n";
        JsonNode bad = awaitImport(owner, shop, upload(owner, shop, header
                + "a,A,nowhere,1.00,cotton,1,true\n"
                + "b,B,tops,1.00,silk,1,true\n"
                + "c,C,tops,1.00,wool,heavy,true\n"
                + "d,D,tops,1.00,wool,2,maybe\n", true));
        assertThat(errors(owner, shop, bad).stream().map(e -> e.get("row").asInt() + ":" + e.get("column").asString() + ":"
                + e.get("code").asString()).toList()).containsExactly("2:Category:unknown_category",
                "3:Attribute: material:unknown_choice", "4:Attribute: weight:invalid_type", "5:Attribute: organic:invalid_type");
        JsonNode unknown = awaitImport(owner, shop, upload(owner, shop, "Handle,Title,Variant Price,Attribute: colour\nx,X,1.00,red\n", true));
        assertThat(errors(owner, shop, unknown).getFirst().get("code").asString()).isEqualTo("unknown_attribute");
        assertThat(products(owner, shop).size()).isZero();

        JsonNode good = upload(owner, shop, header + "tee,Tee,tops,19.99,cotton,1.50,yes\nsock,Sock,,2.00,,,\n", false);
        JsonNode done = CatalogTransfers.await(api, shop.path("/product-imports/" + good.get("id").asString()), owner.bearer(),
                "succeeded", "failed");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        JsonNode tee = api.ok(api.call("GET", shop.path("/products/tee"), null, owner.bearer()), 200);
        assertThat(tee.get("category").get("handle").asString()).isEqualTo("tops");
        assertThat(tee.get("attributes").get("material").asString()).isEqualTo("cotton");
        assertThat(tee.get("attributes").get("weight").asDouble()).isEqualTo(1.5);
        assertThat(tee.get("attributes").get("organic").asBoolean()).isTrue();

        JsonNode change = upload(owner, shop, header + "tee,Tee,,19.99,wool,1.5,\n", false);
        JsonNode changed = CatalogTransfers.await(api, shop.path("/product-imports/" + change.get("id").asString()), owner.bearer(),
                "succeeded", "failed");
        assertThat(changed.get("counts").get("updated").asInt()).isEqualTo(1);
        tee = api.ok(api.call("GET", shop.path("/products/tee"), null, owner.bearer()), 200);
        assertThat(tee.get("category").isNull()).as("an empty cell clears the category").isTrue();
        assertThat(tee.get("attributes").get("material").asString()).isEqualTo("wool");
        assertThat(tee.get("attributes").has("organic")).as("an empty cell removes the value").isFalse();
    }

    private HttpResponse<String> download(Person owner, Shop shop, String format) {
        JsonNode job = api.ok(api.call("POST", shop.path("/product-exports"), "{\"format\":\"" + format + "\"}", owner.bearer()), 202);
        String path = shop.path("/product-exports/" + job.get("id").asString());
        HttpResponse<String> early = api.call("GET", path + "/download", null, owner.bearer());
        assertThat(early.statusCode()).isIn(200, 409);
        JsonNode done = CatalogTransfers.await(api, path, owner.bearer(), "succeeded", "failed");
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("progress").get("done").asInt()).isEqualTo(4);
        HttpResponse<String> file = api.call("GET", done.get("result_url").asString(), null, owner.bearer());
        assertThat(file.statusCode()).isEqualTo(200);
        return file;
    }

    @Test
    void refusedCallersCannotImportOrReadImportsAndNothingIsWritten() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "guarded");
        Person viewer = api.person("viewer");
        api.addMember(owner, shop, viewer, "viewer");
        Person stranger = api.person("stranger");
        Shop other = api.createShop(stranger, "elsewhere");
        String csv = "Handle,Title,Variant Price\nx,X,1.00\n";

        assertThat(CatalogTransfers.upload(api, shop, null, csv, false).statusCode()).isEqualTo(401);
        assertThat(CatalogTransfers.upload(api, shop, viewer.bearer(), csv, false).statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = CatalogTransfers.upload(api, shop, stranger.bearer(), csv, false);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(IdentityClient.read(foreign).get("code").asString()).isEqualTo("shop_not_found");

        JsonNode mine = upload(owner, shop, csv, true);
        awaitImport(owner, shop, mine);
        String id = mine.get("id").asString();
        assertThat(api.call("GET", shop.path("/product-imports/" + id), null, viewer.bearer()).statusCode()).isEqualTo(403);
        assertThat(api.call("POST", shop.path("/product-imports/" + id + "/start"), null, viewer.bearer()).statusCode()).isEqualTo(403);
        HttpResponse<String> across = api.call("POST", other.path("/product-imports/" + id + "/start"), null, stranger.bearer());
        assertThat(across.statusCode()).isEqualTo(404);
        assertThat(IdentityClient.read(across).get("code").asString()).isEqualTo("product_import_not_found");
        assertThat(api.call("GET", other.path("/product-imports/" + id + "/errors"), null, stranger.bearer()).statusCode()).isEqualTo(404);
        assertThat(products(owner, shop).size()).isZero();
        assertThat(api.ok(api.call("GET", shop.path("/product-imports"), null, owner.bearer()), 200).get("data").size()).isEqualTo(1);

        // Exports need only products:read: a viewer may export, a stranger may not see them.
        JsonNode export = api.ok(api.call("POST", shop.path("/product-exports"), "{\"format\":\"jsonl\"}", viewer.bearer()), 202);
        assertThat(api.call("GET", other.path("/product-exports/" + export.get("id").asString()), null, stranger.bearer())
                .statusCode()).isEqualTo(404);
        assertThat(api.call("POST", shop.path("/product-exports"), "{\"format\":\"xml\"}", owner.bearer()).statusCode()).isEqualTo(400);
    }

    @Test
    void finishedTransfersAreDeletedWithTheirFilesAfterTheKeepingTime() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "purge");
        JsonNode export = api.ok(api.call("POST", shop.path("/product-exports"), "{\"format\":\"jsonl\"}", owner.bearer()), 202);
        String path = shop.path("/product-exports/" + export.get("id").asString());
        CatalogTransfers.await(api, path, owner.bearer(), "succeeded");
        purge.run();
        assertThat(api.call("GET", path, null, owner.bearer()).statusCode()).as("kept for 7 days").isEqualTo(200);
        UUID id = UUID.fromString(export.get("id").asString());
        tenantScope.system("age a finished export in a test", () -> transaction.execute(status -> jdbc.sql(
                "update product_transfers set finished_at = finished_at - interval '8 days' where id = ?").param(id).update()));
        assertThat(purge.run()).isGreaterThanOrEqualTo(1);
        assertThat(api.call("GET", path, null, owner.bearer()).statusCode()).isEqualTo(404);
        assertThat(api.call("GET", path + "/download", null, owner.bearer()).statusCode()).isEqualTo(404);
    }
}
