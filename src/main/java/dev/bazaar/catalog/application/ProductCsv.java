package dev.bazaar.catalog.application;

import dev.bazaar.catalog.CatalogErrorCode;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * The product CSV format of imports and exports ({@code docs/IMPORT_FORMAT.md}): Shopify-like columns, UTF-8 (a byte
 * order mark is tolerated), one row per variant (and per extra image), consecutive rows with the same handle making one
 * product whose own fields come from its first row. Reading streams: only one product's rows are held at a time.
 */
final class ProductCsv {

    /** Rows one product may span (100 variants, 50 images, and slack); beyond it the product is refused. */
    static final int MAX_ROWS_PER_PRODUCT = 200;

    enum Column {
        HANDLE("Handle"), TITLE("Title"), BODY("Body (HTML)"), VENDOR("Vendor"), TYPE("Type"), TAGS("Tags"),
        STATUS("Status"), SEO_TITLE("SEO Title"), SEO_DESCRIPTION("SEO Description"), CATEGORY("Category"),
        OPTION1_NAME("Option1 Name"), OPTION1_VALUE("Option1 Value"), OPTION2_NAME("Option2 Name"),
        OPTION2_VALUE("Option2 Value"), OPTION3_NAME("Option3 Name"), OPTION3_VALUE("Option3 Value"),
        SKU("Variant SKU"), BARCODE("Variant Barcode"), PRICE("Variant Price"), COMPARE_AT("Variant Compare At Price"),
        GRAMS("Variant Grams"), TRACK_INVENTORY("Variant Track Inventory"), IMAGE_SRC("Image Src"),
        IMAGE_POSITION("Image Position"), IMAGE_ALT("Image Alt Text");

        final String header;

        Column(String header) {
            this.header = header;
        }

        private static final Map<String, Column> BY_HEADER = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(column -> column.header.toLowerCase(Locale.ROOT), Function.identity()));

        static final List<Column> OPTION_NAMES = List.of(OPTION1_NAME, OPTION2_NAME, OPTION3_NAME);
        static final List<Column> OPTION_VALUES = List.of(OPTION1_VALUE, OPTION2_VALUE, OPTION3_VALUE);
        static final Set<Column> VARIANT = Set.of(OPTION1_VALUE, OPTION2_VALUE, OPTION3_VALUE, SKU, BARCODE, PRICE,
                COMPARE_AT, GRAMS, TRACK_INVENTORY);
    }

    /** Attribute columns are named {@code Attribute: <handle>}, one per attribute of the shop. */
    static final String ATTRIBUTE_PREFIX = "Attribute: ";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private ProductCsv() {}

    /** One problem with one cell (or row, or the whole file when {@code row} is 0). */
    record RowError(int row, @Nullable String column, String code, String message) {

        /** The refusal as an error of this row: its first field violation, else its code and detail. */
        static RowError of(int row, @Nullable String column, ApplicationException refused) {
            FieldViolation violation = refused.violations().isEmpty() ? null : refused.violations().getFirst();
            return new RowError(row, column != null || violation == null ? column : violation.field(),
                    violation == null ? refused.errorCode().code() : violation.code(),
                    violation == null ? String.valueOf(refused.getMessage()) : violation.message());
        }
    }

    /** The columns a file has, by position; {@code attributes}: the attribute columns, by handle. */
    record Header(Map<Column, Integer> positions, Map<String, Integer> attributes, int size) {
        boolean has(Column column) {
            return positions.containsKey(column);
        }
    }

    /** One data row: its spreadsheet row number (the header is row 1) and its cells. */
    record Row(int number, CSVRecord record, Header header) {
        /** The cell, stripped; null when the column is absent. */
        @Nullable String cell(Column column) {
            Integer position = header.positions().get(column);
            return position == null || position >= record.size() ? (position == null ? null : "") : record.get(position).strip();
        }

        boolean filled(Column column) {
            String value = cell(column);
            return value != null && !value.isEmpty();
        }

        /** The attribute's cell, stripped ("" when empty). */
        String attribute(String handle) {
            int position = header.attributes().get(handle);
            return position >= record.size() ? "" : record.get(position).strip();
        }
    }

    /**
     * Consecutive rows of one handle, in file order; {@code oversized} when it had more rows than allowed (the rest
     * skipped). {@code rowCount}: the data rows it spans, skipped ones included.
     */
    record Group(String handle, List<Row> rows, boolean oversized, int rowCount) {
        int firstRow() {
            return rows.getFirst().number();
        }
    }

    record ImportedVariant(int row, List<String> optionValues, @Nullable String sku, @Nullable String barcode,
                           @Nullable Long price, @Nullable Long compareAt, @Nullable Integer grams,
                           @Nullable Boolean trackInventory) {}

    record ImportedImage(String url, @Nullable String alt) {}

    /**
     * A product as the file describes it; a null field was not in the file (it stays as it is, or takes its default).
     * An empty string clears an optional text field.
     */
    record ImportedProduct(String handle, int firstRow, @Nullable String title, @Nullable String body,
                           @Nullable String vendor, @Nullable String productType, @Nullable List<String> tags,
                           @Nullable String status, @Nullable String seoTitle, @Nullable String seoDescription,
                           @Nullable List<String> optionNames, List<ImportedVariant> variants,
                           @Nullable List<ImportedImage> images, @Nullable String category,
                           Map<String, String> attributes) {}

    // --- reading -------------------------------------------------------------------------------------------------

    /** A UTF-8 reader that refuses malformed bytes (rather than reading them as U+FFFD) and skips a byte order mark. */
    static Reader utf8(InputStream in) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BomSkippingReader(new InputStreamReader(in, decoder));
    }

    /** The header of the file; 400 {@code invalid_import_file} listing unknown, repeated or missing columns. */
    static Header header(List<String> names) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        Map<String, Integer> attributes = new java.util.LinkedHashMap<>();
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            Column column = Column.BY_HEADER.get(name.toLowerCase(Locale.ROOT));
            if (column == null && name.toLowerCase(Locale.ROOT).startsWith(ATTRIBUTE_PREFIX.toLowerCase(Locale.ROOT).strip())) {
                String handle = name.substring(ATTRIBUTE_PREFIX.strip().length()).strip();
                if (handle.isEmpty()) {
                    violations.add(new FieldViolation("columns[" + i + "]", "unknown_column",
                            "an attribute column names the attribute's handle: 'Attribute: material'"));
                } else if (attributes.putIfAbsent(handle, i) != null) {
                    violations.add(new FieldViolation("columns[" + i + "]", "duplicate_column", "'" + name + "' appears twice"));
                }
            } else if (column == null) {
                violations.add(new FieldViolation("columns[" + i + "]", "unknown_column", "'" + name
                        + "' is not a column of the product CSV format (see docs/IMPORT_FORMAT.md)"));
            } else if (positions.putIfAbsent(column, i) != null) {
                violations.add(new FieldViolation("columns[" + i + "]", "duplicate_column", "'" + name + "' appears twice"));
            }
        }
        if (!positions.containsKey(Column.HANDLE)) {
            violations.add(new FieldViolation("columns", "missing_column", "the 'Handle' column is required"));
        }
        if (!violations.isEmpty()) {
            throw invalidFile(violations.size() + " problems with the header row", violations);
        }
        return new Header(Map.copyOf(positions), java.util.Collections.unmodifiableMap(attributes), names.size());
    }

    static ApplicationException invalidFile(String detail, List<FieldViolation> violations) {
        return new ApplicationException(CatalogErrorCode.INVALID_IMPORT_FILE, detail, violations, Map.of());
    }

    /**
     * The file's products, one {@link Group} at a time, after the header; malformed CSV or UTF-8 surfaces as an
     * {@link UncheckedIOException} from the iterator.
     */
    static final class Groups implements Iterator<Group>, AutoCloseable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Header header;
        private int rows;
        private @Nullable Row pending;

        Groups(InputStream in) {
            try {
                this.parser = CSVParser.parse(utf8(in), FORMAT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.records = parser.iterator();
            if (!records.hasNext()) {
                throw invalidFile("The file is empty", List.of(new FieldViolation("file", "empty", "has no header row")));
            }
            this.header = ProductCsv.header(records.next().toList());
        }

        Header header() {
            return header;
        }

        /** Data rows read so far (including those of the group {@link #next} returned last). */
        int rowsRead() {
            return pending == null ? rows : rows - 1;
        }

        private @Nullable Row read() {
            if (pending != null) {
                Row row = pending;
                pending = null;
                return row;
            }
            if (!records.hasNext()) {
                return null;
            }
            rows++;
            return new Row(rows + 1, records.next(), header);
        }

        @Override
        public boolean hasNext() {
            return pending != null || records.hasNext();
        }

        @Override
        public Group next() {
            Row first = read();
            if (first == null) {
                throw new NoSuchElementException();
            }
            String handle = String.valueOf(first.cell(Column.HANDLE));
            List<Row> rows = new ArrayList<>();
            rows.add(first);
            boolean oversized = false;
            int count = 1;
            Row row;
            while ((row = read()) != null) {
                if (handle.isEmpty() || !handle.equals(row.cell(Column.HANDLE))) {
                    pending = row;
                    break;
                }
                count++;
                if (rows.size() < MAX_ROWS_PER_PRODUCT) {
                    rows.add(row);
                } else {
                    oversized = true;
                }
            }
            return new Group(handle, List.copyOf(rows), oversized, count);
        }

        /** Skips the first {@code count} data rows (a resumed run); they end on a product's boundary. */
        void skipRows(int count) {
            while (rowsRead() < count && hasNext()) {
                next();
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The product of a group, or its errors (added to {@code errors}; null is returned then). Checks every cell on its
     * own; what needs the shop's data (existing products, SKUs elsewhere) is checked by the import.
     */
    static @Nullable ImportedProduct product(Group group, int fractionDigits, List<RowError> errors) {
        int before = errors.size();
        Row first = group.rows().getFirst();
        if (group.handle().isEmpty()) {
            errors.add(new RowError(first.number(), Column.HANDLE.header, "required", "every row needs a handle"));
            return null;
        }
        Cells cells = new Cells(errors);
        String handle = cells.check(first, Column.HANDLE, () -> Handles.require(group.handle()));
        if (group.oversized()) {
            errors.add(new RowError(first.number(), Column.HANDLE.header, "too_many_rows",
                    "a product spans at most " + MAX_ROWS_PER_PRODUCT + " rows"));
        }
        String title = blankToNull(first.cell(Column.TITLE));
        if (title != null) {
            cells.check(first, Column.TITLE, () -> Text.line("title", title, 255));
        }
        String body = first.cell(Column.BODY);
        if (body != null && body.length() > 200_000) {
            errors.add(new RowError(first.number(), Column.BODY.header, "too_long", "must be at most 200,000 characters"));
        }
        String vendor = cells.optional(first, Column.VENDOR, 120);
        String type = cells.optional(first, Column.TYPE, 120);
        String seoTitle = cells.optional(first, Column.SEO_TITLE, 120);
        String seoDescription = cells.optional(first, Column.SEO_DESCRIPTION, 320);
        List<String> tags = null;
        String tagCell = first.cell(Column.TAGS);
        if (tagCell != null) {
            tags = Arrays.stream(tagCell.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
            for (String tag : tags) {
                cells.check(first, Column.TAGS, () -> Text.line("tags", tag, 60));
            }
            if (tags.size() > 250) {
                errors.add(new RowError(first.number(), Column.TAGS.header, "too_many", "a product has at most 250 tags"));
            }
        }
        String status = blankToNull(first.cell(Column.STATUS));
        if (status != null) {
            status = status.toLowerCase(Locale.ROOT);
            if (!ProductQueries.STATUSES.contains(status)) {
                errors.add(new RowError(first.number(), Column.STATUS.header, "unknown_status", "must be draft, active or archived"));
            }
        }
        List<String> optionNames = optionNames(first, cells);
        boolean defaultTitle = optionNames != null && optionNames.equals(List.of("Title")) && group.rows().stream()
                .filter(ProductCsv::isVariantRow).allMatch(row -> "Default Title".equals(row.cell(Column.OPTION1_VALUE)));
        if (defaultTitle) {
            // Shopify's way of saying "no options".
            optionNames = List.of();
        }
        List<ImportedVariant> variants = new ArrayList<>();
        List<ImportedImage> images = first.header().has(Column.IMAGE_SRC) ? new ArrayList<>() : null;
        List<Integer> imagePositions = new ArrayList<>();
        Set<List<String>> optionSets = new LinkedHashSet<>();
        Set<String> skus = new LinkedHashSet<>();
        for (Row row : group.rows()) {
            if (row.record().size() > row.header().size()) {
                errors.add(new RowError(row.number(), null, "too_many_cells", "has " + row.record().size()
                        + " cells; the header names " + row.header().size() + " columns"));
            }
            if (isVariantRow(row)) {
                ImportedVariant variant = variant(row, optionNames, defaultTitle, fractionDigits, cells);
                if (variant != null) {
                    if (!optionSets.add(variant.optionValues())) {
                        errors.add(new RowError(row.number(), Column.OPTION1_VALUE.header, "duplicate_options",
                                "another row of this product has the same option values " + variant.optionValues()));
                    }
                    if (variant.sku() != null && !skus.add(variant.sku())) {
                        errors.add(new RowError(row.number(), Column.SKU.header, "duplicate_sku",
                                "another row of this product has this SKU"));
                    }
                    variants.add(variant);
                }
            }
            if (images != null && row.filled(Column.IMAGE_SRC)) {
                ImportedImage image = image(row, cells);
                Integer position = cells.integer(row, Column.IMAGE_POSITION, 1);
                if (image != null) {
                    images.add(image);
                    imagePositions.add(position == null ? Integer.MAX_VALUE : position);
                }
            }
        }
        if (variants.size() > ProductService.MAX_VARIANTS) {
            errors.add(new RowError(first.number(), null, "too_many_variants", "a product has at most "
                    + ProductService.MAX_VARIANTS + " variants"));
        }
        if (images != null && images.size() > ProductService.MAX_MEDIA) {
            errors.add(new RowError(first.number(), Column.IMAGE_SRC.header, "too_many_images", "a product has at most "
                    + ProductService.MAX_MEDIA + " images"));
        }
        if (errors.size() > before) {
            return null;
        }
        List<ImportedImage> ordered = images;
        if (images != null) {
            // Stable: images without a position keep their order after those with one.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(imagePositions::get));
            ordered = order.stream().map(images::get).toList();
        }
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        first.header().attributes().keySet().forEach(attribute -> attributes.put(attribute, first.attribute(attribute)));
        return new ImportedProduct(handle, group.firstRow(), title, body,
                vendor, type, tags, status, seoTitle, seoDescription, optionNames, List.copyOf(variants), ordered,
                first.cell(Column.CATEGORY), java.util.Collections.unmodifiableMap(attributes));
    }

    private static boolean isVariantRow(Row row) {
        return Column.VARIANT.stream().anyMatch(row::filled);
    }

    private static @Nullable List<String> optionNames(Row first, Cells cells) {
        if (Column.OPTION_NAMES.stream().noneMatch(first.header()::has)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        boolean gap = false;
        for (Column column : Column.OPTION_NAMES) {
            String name = blankToNull(first.cell(column));
            if (name == null) {
                gap = true;
            } else if (gap) {
                cells.errors.add(new RowError(first.number(), column.header, "option_gap",
                        "options are named in order: Option1 before Option2 before Option3"));
            } else {
                String checked = cells.check(first, column, () -> Text.line("option_names", name, 60));
                if (names.stream().anyMatch(other -> other.equalsIgnoreCase(checked))) {
                    cells.errors.add(new RowError(first.number(), column.header, "duplicate", "option names must differ"));
                }
                names.add(checked);
            }
        }
        return List.copyOf(names);
    }

    /** {@code defaultTitle}: Option1 Value holds Shopify's "Default Title", which is no option value. */
    private static @Nullable ImportedVariant variant(Row row, @Nullable List<String> optionNames, boolean defaultTitle,
                                                     int fractionDigits, Cells cells) {
        int before = cells.errors.size();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Column column = Column.OPTION_VALUES.get(i);
            String value = defaultTitle && i == 0 ? null : blankToNull(row.cell(column));
            if (optionNames != null && i < optionNames.size() && value == null) {
                cells.errors.add(new RowError(row.number(), column.header, "required",
                        "needs a value for the option '" + optionNames.get(i) + "'"));
            } else if (optionNames != null && i >= optionNames.size() && value != null) {
                cells.errors.add(new RowError(row.number(), column.header, "option_not_named",
                        "has a value but the product names no option " + (i + 1)));
            } else if (value != null) {
                values.add(cells.check(row, column, () -> Text.line("option_values", value, 100)));
            }
        }
        String sku = cells.optional(row, Column.SKU, 100);
        String barcode = cells.optional(row, Column.BARCODE, 100);
        Long price = cells.price(row, Column.PRICE, fractionDigits);
        Long compareAt = cells.price(row, Column.COMPARE_AT, fractionDigits);
        Integer grams = cells.integer(row, Column.GRAMS, 0);
        Boolean track = null;
        String trackCell = blankToNull(row.cell(Column.TRACK_INVENTORY));
        if (trackCell != null) {
            switch (trackCell.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "shopify" -> track = true;
                case "false", "no" -> track = false;
                default -> cells.errors.add(new RowError(row.number(), Column.TRACK_INVENTORY.header, "invalid_boolean",
                        "must be true or false"));
            }
        }
        if (cells.errors.size() > before) {
            return null;
        }
        return new ImportedVariant(row.number(), List.copyOf(values), blankToNull(sku), barcode, price, compareAt, grams, track);
    }

    private static @Nullable ImportedImage image(Row row, Cells cells) {
        String src = String.valueOf(row.cell(Column.IMAGE_SRC));
        URI uri;
        try {
            uri = URI.create(src);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getUserInfo() != null || src.length() > 2000) {
            cells.errors.add(new RowError(row.number(), Column.IMAGE_SRC.header, "invalid_url",
                    "must be an http(s) URL with a host and no credentials, at most 2,000 characters"));
            return null;
        }
        String alt = cells.optional(row, Column.IMAGE_ALT, 500);
        return new ImportedImage(src, blankToNull(alt));
    }

    /** Checks cells, turning a refused value into a {@link RowError} of its row and column. */
    private record Cells(List<RowError> errors) {

        <T> T check(Row row, Column column, java.util.function.Supplier<T> check) {
            try {
                return check.get();
            } catch (ApplicationException e) {
                errors.add(RowError.of(row.number(), column.header, e));
                return null;
            }
        }

        /** Optional text: null when the column is absent, "" when the cell is empty (which clears the field). */
        @Nullable String optional(Row row, Column column, int max) {
            String value = row.cell(column);
            if (value == null || value.isEmpty()) {
                return value;
            }
            return check(row, column, () -> Text.line(column.header, value, max));
        }

        /** A decimal amount in the currency's major unit ("19.99") as minor units (1999). */
        @Nullable Long price(Row row, Column column, int fractionDigits) {
            String value = blankToNull(row.cell(column));
            if (value == null) {
                return null;
            }
            try {
                BigDecimal amount = new BigDecimal(value);
                if (amount.signum() < 0) {
                    errors.add(new RowError(row.number(), column.header, "must_not_be_negative", "must be 0 or more"));
                    return null;
                }
                if (amount.stripTrailingZeros().scale() > fractionDigits) {
                    errors.add(new RowError(row.number(), column.header, "too_many_decimals",
                            "has more than " + fractionDigits + " decimals for the shop's currency"));
                    return null;
                }
                return amount.movePointRight(fractionDigits).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                errors.add(new RowError(row.number(), column.header, "invalid_number",
                        "must be a decimal number with a point, such as 19.99"));
                return null;
            }
        }

        @Nullable Integer integer(Row row, Column column, int min) {
            String value = blankToNull(row.cell(column));
            if (value == null) {
                return null;
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= min) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            errors.add(new RowError(row.number(), column.header, "invalid_integer", "must be a whole number, at least " + min));
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Digits after the point in the currency's prices (2 for EUR, 0 for JPY). */
    static int fractionDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    // --- writing -------------------------------------------------------------------------------------------------

    /** A printer whose header has every column and one {@code Attribute: <handle>} column per given attribute. */
    static CSVPrinter printer(Writer out, List<String> attributes) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        List<String> header = new ArrayList<>(Arrays.stream(Column.values()).map(column -> column.header).toList());
        attributes.forEach(attribute -> header.add(ATTRIBUTE_PREFIX + attribute));
        printer.printRecord(header);
        return printer;
    }

    /** An attribute value as a cell: numbers in plain notation, booleans as true or false. */
    static String attributeCell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Number number ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
                : value.toString();
    }

    /**
     * The product's rows: one per variant or image (whichever are more), its own fields on the first, with a cell per
     * attribute of {@code attributes} (the printer's attribute columns, in order).
     */
    static void print(CSVPrinter printer, ProductDetails product, List<String> attributes) throws IOException {
        int digits = fractionDigits(product.priceRange().min().currency());
        int rows = Math.max(1, Math.max(product.variants().size(), product.media().size()));
        for (int i = 0; i < rows; i++) {
            Map<Column, String> cells = new EnumMap<>(Column.class);
            cells.put(Column.HANDLE, product.handle());
            if (i == 0) {
                cells.put(Column.TITLE, product.title());
                cells.put(Column.BODY, product.descriptionHtml());
                cells.put(Column.VENDOR, product.vendor());
                cells.put(Column.TYPE, product.productType());
                cells.put(Column.TAGS, String.join(", ", product.tags()));
                cells.put(Column.STATUS, product.status());
                cells.put(Column.SEO_TITLE, product.seo().title());
                cells.put(Column.SEO_DESCRIPTION, product.seo().description());
                cells.put(Column.CATEGORY, product.category() == null ? null : product.category().handle());
                for (int o = 0; o < product.options().size(); o++) {
                    cells.put(Column.OPTION_NAMES.get(o), product.options().get(o).name());
                }
            }
            if (i < product.variants().size()) {
                ProductDetails.Variant variant = product.variants().get(i);
                for (int o = 0; o < variant.optionValues().size(); o++) {
                    cells.put(Column.OPTION_VALUES.get(o), variant.optionValues().get(o));
                }
                cells.put(Column.SKU, variant.sku());
                cells.put(Column.BARCODE, variant.barcode());
                cells.put(Column.PRICE, decimal(variant.price().amount(), digits));
                cells.put(Column.COMPARE_AT, variant.compareAtPrice() == null ? null : decimal(variant.compareAtPrice().amount(), digits));
                cells.put(Column.GRAMS, variant.weightGrams() == null ? null : variant.weightGrams().toString());
                cells.put(Column.TRACK_INVENTORY, Boolean.toString(variant.trackInventory()));
            }
            if (i < product.media().size()) {
                ProductDetails.Media media = product.media().get(i);
                cells.put(Column.IMAGE_SRC, media.url());
                cells.put(Column.IMAGE_POSITION, Integer.toString(i + 1));
                cells.put(Column.IMAGE_ALT, media.alt());
            }
            List<String> record = new ArrayList<>();
            for (Column column : Column.values()) {
                String value = cells.get(column);
                record.add(value == null ? "" : value);
            }
            for (String attribute : attributes) {
                record.add(i == 0 ? attributeCell(product.attributes().get(attribute)) : "");
            }
            printer.printRecord(record);
        }
    }

    static String decimal(long minorUnits, int digits) {
        return BigDecimal.valueOf(minorUnits, digits).toPlainString();
    }

    /** Skips U+FEFF at the very start. */
    private static final class BomSkippingReader extends Reader {
        private final Reader delegate;
        private boolean started;

        BomSkippingReader(Reader delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (!started) {
                started = true;
                int first = delegate.read();
                if (first == -1) {
                    return -1;
                }
                if (first != '\uFEFF') {
                    buffer[offset] = (char) first;
                    if (length == 1) {
                        return 1;
                    }
                    int more = delegate.read(buffer, offset + 1, length - 1);
                    return more < 0 ? 1 : more + 1;
                }
            }
            return delegate.read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
