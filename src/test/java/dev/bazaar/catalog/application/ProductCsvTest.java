package dev.bazaar.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.catalog.application.ProductCsv.Group;
import dev.bazaar.catalog.application.ProductCsv.ImportedProduct;
import dev.bazaar.catalog.application.ProductCsv.RowError;
import dev.bazaar.platform.ApplicationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import dev.bazaar.platform.Money;

/** The product CSV format without Spring: header rules, grouping, cells, and printing what reads back the same. */
class ProductCsvTest {

    private static List<Group> groups(String csv) {
        try (ProductCsv.Groups groups = new ProductCsv.Groups(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            List<Group> all = new ArrayList<>();
            groups.forEachRemaining(all::add);
            return all;
        }
    }

    private static ImportedProduct product(Group group, List<RowError> errors) {
        return ProductCsv.product(group, 2, errors);
    }

    @Test
    void headersAreCheckedByNameWithoutRegardToCaseOrOrder() {
        assertThat(groups("variant price,HANDLE\n1.00,x\n")).hasSize(1);
        assertThatThrownBy(() -> groups("Handle,Handle\n")).isInstanceOfSatisfying(ApplicationException.class, e ->
                assertThat(e.violations().getFirst().code()).isEqualTo("duplicate_column"));
        assertThatThrownBy(() -> groups("Title\nX\n")).isInstanceOfSatisfying(ApplicationException.class, e ->
                assertThat(e.violations().getFirst().code()).isEqualTo("missing_column"));
        assertThatThrownBy(() -> groups("")).isInstanceOf(ApplicationException.class);
    }

    @Test
    void consecutiveRowsOfAHandleAreOneProductWithQuotedCellsAndABom() {
        List<Group> all = groups("\uFEFFHandle,Title,Body (HTML),Option1 Name,Option1 Value,Variant Price\n"
                + "tee,Tee,\"<p>Soft, \"\"organic\"\"</p>\n<p>Two lines</p>\",Size,M,19.99\n"
                + "tee,,,,L,21\n"
                + "\n"
                + "mug,Mug,,,,12.5\n");
        assertThat(all).extracting(Group::handle).containsExactly("tee", "mug");
        assertThat(all.get(1).firstRow()).as("rows count like a spreadsheet; blank lines are skipped").isEqualTo(4);
        List<RowError> errors = new ArrayList<>();
        ImportedProduct tee = product(all.getFirst(), errors);
        assertThat(errors).isEmpty();
        assertThat(tee.body()).isEqualTo("<p>Soft, \"organic\"</p>\n<p>Two lines</p>");
        assertThat(tee.optionNames()).containsExactly("Size");
        assertThat(tee.variants()).extracting(ProductCsv.ImportedVariant::price).containsExactly(1999L, 2100L);
        assertThat(product(all.get(1), errors).variants().getFirst().price()).isEqualTo(1250L);
    }

    @Test
    void shopifysDefaultTitleMeansNoOptions() {
        List<RowError> errors = new ArrayList<>();
        ImportedProduct product = product(groups("Handle,Title,Option1 Name,Option1 Value,Variant Price\n"
                + "mug,Mug,Title,Default Title,5.00\n").getFirst(), errors);
        assertThat(errors).isEmpty();
        assertThat(product.optionNames()).isEmpty();
        assertThat(product.variants().getFirst().optionValues()).isEmpty();
    }

    @Test
    void badCellsAreErrorsOfTheirRowAndColumn() {
        List<RowError> errors = new ArrayList<>();
        assertThat(product(groups("Handle,Title,Option1 Name,Option1 Value,Option2 Value,Variant Price,Variant Grams,"
                + "Variant Track Inventory\n"
                + "x,X,Size,,Red,-1,heavy,maybe\n").getFirst(), errors)).isNull();
        assertThat(errors).extracting(error -> error.column() + " " + error.code()).containsExactly(
                "Option1 Value required", "Option2 Value option_not_named", "Variant Price must_not_be_negative",
                "Variant Grams invalid_integer", "Variant Track Inventory invalid_boolean");
        assertThat(errors).allMatch(error -> error.row() == 2);
    }

    @Test
    void pricesFollowTheCurrencysDecimals() {
        String csv = "Handle,Variant Price\nx,1000\n";
        assertThat(ProductCsv.product(groups(csv).getFirst(), 0, new ArrayList<>()).variants().getFirst().price()).isEqualTo(1000L);
        List<RowError> errors = new ArrayList<>();
        ProductCsv.product(groups("Handle,Variant Price\nx,10.5\n").getFirst(), 0, errors);
        assertThat(errors).extracting(RowError::code).containsExactly("too_many_decimals");
        errors.clear();
        ProductCsv.product(groups("Handle,Variant Price\nx,\"1,99\"\n").getFirst(), 2, errors);
        assertThat(errors).extracting(RowError::code).containsExactly("invalid_number");
    }

    @Test
    void malformedUtf8IsRefusedNotGuessed() {
        byte[] bytes = "Handle,Title\nx,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> {
            try (ProductCsv.Groups groups = new ProductCsv.Groups(new ByteArrayInputStream(bytes))) {
                groups.forEachRemaining(group -> { });
            }
        }).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aPrintedProductReadsBackAsTheSameProduct() throws IOException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        ProductDetails details = new ProductDetails(id, "tee", "Tee, \"organic\"", "<p>Soft</p>", "active", "Acme", null,
                List.of("summer", "cotton"), java.util.Map.of("material", "cotton", "weight", 1.50),
                new ProductDetails.Category(UUID.randomUUID(), "tees", "Tees", List.of()), new ProductDetails.Seo("Tee", null),
                List.of(new ProductDetails.Option("Size", List.of("M", "L"))),
                new ProductDetails.PriceRange(new Money(1999, "EUR"), new Money(2199, "EUR")),
                List.of(new ProductDetails.Variant(UUID.randomUUID(), "M", List.of("M"), "TEE-M", null, new Money(1999, "EUR"),
                                new Money(2500, "EUR"), 180, true, 0, true, null),
                        new ProductDetails.Variant(UUID.randomUUID(), "L", List.of("L"), null, "123", new Money(2199, "EUR"),
                                null, null, false, 1, true, null)),
                List.of(new ProductDetails.Media(UUID.randomUUID(), "https://cdn.example.com/a.jpg", "A", 0, null),
                        new ProductDetails.Media(UUID.randomUUID(), "https://cdn.example.com/b.jpg", null, 1, null),
                        new ProductDetails.Media(UUID.randomUUID(), "https://cdn.example.com/c.jpg", "C", 2, null)),
                now, now, 3);
        StringWriter out = new StringWriter();
        CSVPrinter printer = ProductCsv.printer(out, List.of("material", "weight", "organic"));
        ProductCsv.print(printer, details, List.of("material", "weight", "organic"));
        printer.flush();
        List<Group> read = groups(out.toString());
        assertThat(read).hasSize(1);
        assertThat(read.getFirst().rows()).as("one row per variant or image, whichever are more").hasSize(3);
        List<RowError> errors = new ArrayList<>();
        ImportedProduct product = product(read.getFirst(), errors);
        assertThat(errors).isEmpty();
        assertThat(product.title()).isEqualTo(details.title());
        assertThat(product.tags()).containsExactly("summer", "cotton");
        assertThat(product.optionNames()).containsExactly("Size");
        assertThat(product.variants()).hasSize(2);
        assertThat(product.variants().get(0).compareAt()).isEqualTo(2500L);
        assertThat(product.variants().get(1).trackInventory()).isFalse();
        assertThat(product.images()).extracting(ProductCsv.ImportedImage::url).containsExactly(
                "https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg", "https://cdn.example.com/c.jpg");
        assertThat(product.category()).isEqualTo("tees");
        assertThat(product.attributes()).containsExactly(java.util.Map.entry("material", "cotton"),
                java.util.Map.entry("weight", "1.5"), java.util.Map.entry("organic", ""));
    }
}
