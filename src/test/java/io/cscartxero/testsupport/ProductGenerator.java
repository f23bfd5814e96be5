package io.cscartxero.testsupport;

import io.cscartxero.testsupport.GeneratedProduct.Trait;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** {@link StoreGenerator#products(int)}: see there for the rows and the variety. */
final class ProductGenerator {

    /** Per-mille weights of the name kinds. */
    private enum NameKind {
        NORMAL(770, null), LONG(80, Trait.LONG_NAME), ACCENTED(50, Trait.ACCENTED_NAME),
        NON_LATIN(40, Trait.NON_LATIN_NAME), SYMBOLS(50, Trait.SYMBOLS_NAME), EMOJI(10, Trait.EMOJI_REPLACED_NAME);

        final int weight;
        final Trait trait;

        NameKind(int weight, Trait trait) {
            this.weight = weight;
            this.trait = trait;
        }
    }

    private enum CodeKind {
        NORMAL(900, null), EMPTY(30, Trait.EMPTY_CODE), DUPLICATE(30, Trait.DUPLICATE_CODE), LONG(20, Trait.LONG_CODE),
        SLASH(20, Trait.SLASH_CODE);

        final int weight;
        final Trait trait;

        CodeKind(int weight, Trait trait) {
            this.weight = weight;
            this.trait = trait;
        }
    }

    /** {@code tax_ids} values and their per-mille weights. */
    private static final String[] TAX_IDS = {"6", "", "6,7", "7", "8", "8,9"};
    private static final int[] TAX_WEIGHTS = {400, 150, 100, 100, 150, 100};
    private static final BigDecimal[] PRICE_POINTS = {new BigDecimal("0.99"), new BigDecimal("4.99"),
        new BigDecimal("9.95"), new BigDecimal("12.50"), new BigDecimal("19.99"), new BigDecimal("24.00"),
        new BigDecimal("29.95"), new BigDecimal("49.00"), new BigDecimal("79.99"), new BigDecimal("99.95"),
        new BigDecimal("129.95"), new BigDecimal("249.00"), new BigDecimal("499.99")};
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A product the generator deleted (an id gap) that orders can still reference. */
    record Deleted(long productId, String code, String name, BigDecimal price) {
    }

    private final StoreGenerator g;

    ProductGenerator(StoreGenerator g) {
        this.g = g;
    }

    List<GeneratedProduct> write(Connection c, int n) throws SQLException {
        List<String> languages = strings(c, "SELECT lang_code FROM " + g.prefix + "languages ORDER BY lang_id");
        if (languages.isEmpty()) {
            languages = List.of("en");
        }
        List<Long> categories = longs(c, "SELECT category_id FROM " + g.prefix + "categories WHERE company_id = 1"
                + " ORDER BY category_id");
        if (categories.isEmpty()) {
            categories = List.of(1L);
        }
        long productId = g.max(c, "products", "product_id");
        long start = g.lastProductCreated > 0 ? g.lastProductCreated + 1 : g.now - 3 * 365L * 86_400L;
        long end = g.now - 7_200;
        if (end - start < n) {
            start = end - n;
        }
        double step = n == 0 ? 0 : (double) (end - start) / n;

        Trait[] forced = new Trait[n];
        if (g.productsWritten == 0 && n >= 2 * Trait.values().length) {
            Trait[] all = Trait.values();
            for (int j = 0; j < all.length; j++) {
                forced[j * (n / all.length)] = all[j];
            }
        }

        List<GeneratedProduct> out = new ArrayList<>(n);
        try (RowInserter products = new RowInserter(c, g.prefix + "products", "product_id", "product_code",
                "product_type", "status", "company_id", "list_price", "amount", "weight", "timestamp",
                "updated_timestamp", "tracking", "tax_ids", "details_layout", "facebook_obj_type", "parent_product_id",
                "buy_now_url");
                RowInserter descriptions = new RowInserter(c, g.prefix + "product_descriptions", "product_id",
                        "lang_code", "product", "shortname", "short_description", "full_description", "meta_keywords",
                        "meta_description", "search_words", "page_title", "age_warning_message", "promo_text");
                RowInserter prices = new RowInserter(c, g.prefix + "product_prices", "product_id", "price",
                        "percentage_discount", "lower_limit", "usergroup_id");
                RowInserter links = new RowInserter(c, g.prefix + "products_categories", "product_id",
                        "category_id", "link_type", "position", "category_position")) {
            java.util.ArrayDeque<Trait> pending = new java.util.ArrayDeque<>(); // forced traits not yet placed
            int i = 0;
            while (i < n) {
                long created = start + (long) (i * step) + (step >= 2 ? g.rnd.nextLong((long) step) : 0);
                if (g.chance(25)) { // a product deleted later: an id gap that old orders still reference
                    productId++;
                    String name = g.pick(CatalogWords.DELETED_NAMES);
                    g.deletedProducts.add(new Deleted(productId, "DEL-" + productId, name, price(null)));
                }
                if (forced[i] != null) {
                    pending.add(forced[i]);
                }
                Trait f = pending.poll();
                int remaining = n - i;
                boolean group = remaining >= 3 && (f == Trait.VARIATION || f == Trait.VARIATION_PARENT
                        || (f == null && pending.isEmpty() && g.chance(40)));
                if (group) {
                    int children = Math.min(remaining - 1, 2 + g.rnd.nextInt(3));
                    List<Draft> drafts = variationGroup(productId, created, children, f, languages, categories);
                    for (Draft d : drafts) {
                        write(d, languages, products, descriptions, prices, links);
                        out.add(d.product());
                    }
                    productId += drafts.size();
                    for (int k = 1; k < drafts.size(); k++) {
                        if (forced[i + k] != null) {
                            pending.add(forced[i + k]);
                        }
                    }
                    i += drafts.size();
                } else {
                    productId++;
                    Draft d = product(productId, created, f, languages, categories);
                    write(d, languages, products, descriptions, prices, links);
                    out.add(d.product());
                    i++;
                }
                g.lastProductCreated = created;
            }
        }
        g.productsWritten += n;
        return Collections.unmodifiableList(out);
    }

    /** All values of one product before it is written. */
    private static final class Draft {
        long id;
        String code;
        String type = "P";
        long parentId;
        String status;
        String[] names; // per language
        String fullDescription;
        String shortDescription;
        BigDecimal price;
        BigDecimal listPrice;
        int amount;
        BigDecimal weight;
        String tracking;
        String taxIds;
        long created;
        long updated;
        List<Long> categories = new ArrayList<>();
        List<Object[]> extraPrices = new ArrayList<>(); // {price, lower_limit, usergroup_id}
        EnumSet<Trait> traits = EnumSet.noneOf(Trait.class);

        int nameIndex; // the en row

        GeneratedProduct product() {
            return new GeneratedProduct(id, code, type, parentId, status, names[nameIndex], price, taxIds, updated,
                    Collections.unmodifiableSet(traits));
        }
    }

    private Draft product(long id, long created, Trait forced, List<String> languages, List<Long> categories) {
        Draft d = new Draft();
        d.id = id;
        d.created = created;
        // ---- name
        NameKind nameKind = forced == Trait.LONG_NAME ? NameKind.LONG : forced == Trait.ACCENTED_NAME
                ? NameKind.ACCENTED : forced == Trait.NON_LATIN_NAME ? NameKind.NON_LATIN
                : forced == Trait.SYMBOLS_NAME ? NameKind.SYMBOLS : forced == Trait.EMOJI_REPLACED_NAME ? NameKind.EMOJI
                : weighted(NameKind.values(), k -> k.weight);
        String brand = g.pick(CatalogWords.BRANDS);
        String[] adjective = g.pick(CatalogWords.ADJECTIVES);
        String[] noun = g.pick(CatalogWords.NOUNS);
        String model = g.pick(CatalogWords.MODELS);
        String en = (brand + " " + adjective[0] + " " + noun[0] + " " + model).strip();
        String fr = (noun[1] + " " + adjective[1].toLowerCase(Locale.ROOT) + " " + brand + " " + model).strip();
        long category = categories.contains(Long.parseLong(noun[2])) ? Long.parseLong(noun[2])
                : categories.get(categories.size() > 1 ? 1 + (int) (id % (categories.size() - 1)) : 0);
        switch (nameKind) {
            case LONG -> {
                int length = 51 + g.rnd.nextInt(120);
                en = StoreGenerator.cut(en + CatalogWords.LONG_NAME_TAIL, 0, length);
                fr = StoreGenerator.cut(fr + " avec un titre très long pour les comparateurs de prix, retours"
                        + " gratuits et garantie de deux ans ", 0, Math.min(255, length + 10));
            }
            case ACCENTED -> {
                String[] p = g.pick(CatalogWords.ACCENTED);
                en = brand + " " + p[0];
                fr = p[1] + " " + brand;
            }
            case NON_LATIN -> {
                String[] p = g.pick(CatalogWords.NON_LATIN);
                en = p[0];
                fr = p[1];
            }
            case SYMBOLS -> {
                String[] p = g.pick(CatalogWords.SYMBOLS);
                en = p[0];
                fr = p[1];
            }
            case EMOJI -> {
                en = StoreGenerator.asStoredByCsCart(g.pick(CatalogWords.EMOJI));
                fr = en;
            }
            default -> {
            }
        }
        if (nameKind.trait != null) {
            d.traits.add(nameKind.trait);
        }
        boolean translated = forced == Trait.TRANSLATED || g.chance(300);
        if (!translated) {
            fr = en; // CS-Cart copies the default language's texts when a language is added
        }
        d.names = new String[languages.size()];
        for (int l = 0; l < languages.size(); l++) {
            d.names[l] = "fr".equals(languages.get(l)) ? fr : en;
        }
        d.nameIndex = Math.max(0, languages.indexOf("en"));
        if (translated(d)) {
            d.traits.add(Trait.TRANSLATED);
        }
        if (en.length() > 50) {
            d.traits.add(Trait.LONG_NAME);
        }

        // ---- descriptions
        if (forced == Trait.EMPTY_DESCRIPTION || (forced != Trait.LONG_DESCRIPTION && g.chance(50))) {
            d.fullDescription = "";
            d.traits.add(Trait.EMPTY_DESCRIPTION);
        } else {
            boolean long_ = forced == Trait.LONG_DESCRIPTION || g.chance(30);
            StringBuilder sb = new StringBuilder();
            int paragraphs = long_ ? Integer.MAX_VALUE : 1 + g.rnd.nextInt(3);
            int target = long_ ? 4001 + g.rnd.nextInt(4000) : 0;
            for (int p = 0; p < paragraphs && (!long_ || sb.length() < target); p++) {
                sb.append(g.pick(CatalogWords.HTML_PARAGRAPHS).replace("{name}", escapeHtml(en))
                        .replace("{brand}", escapeHtml(brand)));
                if (long_) {
                    sb.append('\n');
                }
            }
            d.fullDescription = sb.toString();
            if (d.fullDescription.length() > 4000) {
                d.traits.add(Trait.LONG_DESCRIPTION);
            }
        }
        d.shortDescription = g.chance(500) ? "" : g.pick(CatalogWords.SHORT_DESCRIPTIONS);

        // ---- code
        CodeKind codeKind = forced == Trait.EMPTY_CODE ? CodeKind.EMPTY : forced == Trait.DUPLICATE_CODE
                ? CodeKind.DUPLICATE : forced == Trait.LONG_CODE ? CodeKind.LONG : forced == Trait.SLASH_CODE
                ? CodeKind.SLASH : weighted(CodeKind.values(), k -> k.weight);
        if (codeKind == CodeKind.DUPLICATE && g.productCodes.isEmpty()) {
            codeKind = CodeKind.NORMAL;
        }
        d.code = switch (codeKind) {
            case EMPTY -> "";
            case DUPLICATE -> {
                String earlier = g.productCodes.get(g.rnd.nextInt(g.productCodes.size()));
                yield g.chance(250) ? earlier.toLowerCase(Locale.ROOT) : earlier;
            }
            case LONG -> StoreGenerator.cut((brand + "-" + adjective[0] + "-" + noun[0] + "-" + model
                    + "-MARKETPLACE-SKU-").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-") + id + "-", 0,
                    31 + g.rnd.nextInt(34));
            case SLASH -> switch (g.rnd.nextInt(3)) {
                case 0 -> prefix3(brand) + "/" + initials(noun[0]) + "-" + (100 + id % 900) + "/BLK";
                case 1 -> "12/24-PK-" + id;
                default -> "N/A-" + id;
            };
            default -> normalCode(id, brand, noun[0]);
        };
        if (codeKind.trait != null && !(codeKind == CodeKind.DUPLICATE && d.code.isEmpty())) {
            d.traits.add(codeKind.trait);
        }
        if (codeKind == CodeKind.NORMAL || codeKind == CodeKind.SLASH) {
            g.productCodes.add(d.code);
        }

        // ---- status, stock, taxes
        int s = g.rnd.nextInt(1000);
        d.status = forced == Trait.HIDDEN ? "H" : forced == Trait.DISABLED ? "D" : s < 850 ? "A" : s < 930 ? "H" : "D";
        if (d.status.equals("H")) {
            d.traits.add(Trait.HIDDEN);
        } else if (d.status.equals("D")) {
            d.traits.add(Trait.DISABLED);
        }
        d.amount = forced == Trait.NEGATIVE_STOCK || g.chance(20) ? -1 - g.rnd.nextInt(5) : g.rnd.nextInt(500);
        if (d.amount < 0) {
            d.traits.add(Trait.NEGATIVE_STOCK);
        }
        int t = g.rnd.nextInt(1000);
        d.tracking = t < 600 ? "B" : t < 900 ? "D" : null;
        d.weight = BigDecimal.valueOf(g.rnd.nextInt(20_000), 3);
        d.taxIds = forced == Trait.NO_TAX ? "" : forced == Trait.TWO_TAXES ? "6,7" : TAX_IDS[weightedIndex(TAX_WEIGHTS)];
        if (d.taxIds.isEmpty()) {
            d.traits.add(Trait.NO_TAX);
        } else if (d.taxIds.contains(",")) {
            d.traits.add(Trait.TWO_TAXES);
        }

        // ---- prices
        d.price = price(forced);
        if (d.price.signum() == 0) {
            d.traits.add(Trait.FREE);
        } else if (d.price.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            d.traits.add(Trait.HIGH_PRICE);
        }
        boolean listPrice = d.price.signum() > 0 && (forced == Trait.LIST_PRICE || g.chance(300));
        d.listPrice = listPrice ? d.price.multiply(BigDecimal.valueOf(110 + g.rnd.nextInt(40)))
                .divide(HUNDRED, 0, RoundingMode.HALF_UP).subtract(new BigDecimal("0.01")).max(d.price.add(
                        new BigDecimal("1.00"))) : new BigDecimal("0.00");
        if (listPrice) {
            d.traits.add(Trait.LIST_PRICE);
        }
        if (d.price.signum() > 0 && (forced == Trait.TIER_PRICES || g.chance(200))) {
            d.extraPrices.add(new Object[] {percentOff(d.price, 10), 10, 0});
            if (g.chance(400)) {
                d.extraPrices.add(new Object[] {percentOff(d.price, 20), 50, 0});
            }
            d.traits.add(Trait.TIER_PRICES);
        }
        if (d.price.signum() > 0 && (forced == Trait.USERGROUP_PRICE || g.chance(50))) {
            d.extraPrices.add(new Object[] {percentOff(d.price, 25), 1, 3});
            d.traits.add(Trait.USERGROUP_PRICE);
        }

        // ---- categories and timestamps
        d.categories.add(category);
        if (categories.size() > 1 && (forced == Trait.EXTRA_CATEGORIES || g.chance(150))) {
            long other = categories.get(g.rnd.nextInt(categories.size()));
            if (other == category) {
                other = categories.get((categories.indexOf(category) + 1) % categories.size());
            }
            d.categories.add(other);
            d.traits.add(Trait.EXTRA_CATEGORIES);
        }
        d.updated = g.chance(300) ? created : created + g.rnd.nextLong(Math.max(1, g.now - created));
        return d;
    }

    /** A parent product ({@code P}) and {@code children} variations ({@code V}) of one attribute. */
    private List<Draft> variationGroup(long lastId, long created, int children, Trait forced, List<String> languages,
            List<Long> categories) {
        Draft parent = product(lastId + 1, created, forced == Trait.VARIATION || forced == Trait.VARIATION_PARENT
                ? null : forced, languages, categories);
        parent.traits.add(Trait.VARIATION_PARENT);
        String attribute = g.rnd.nextBoolean() ? "Color" : "Size";
        List<String[]> values = new ArrayList<>();
        for (String[] v : CatalogWords.VARIATIONS) {
            if (v[0].equals(attribute)) {
                values.add(v);
            }
        }
        List<Draft> out = new ArrayList<>();
        out.add(parent);
        for (int k = 0; k < children && k < values.size(); k++) {
            String[] v = values.get(k);
            Draft d = new Draft();
            d.id = lastId + 2 + k;
            d.type = "V";
            d.parentId = parent.id;
            d.created = created;
            d.updated = parent.updated;
            String code = parent.code.isEmpty() ? "" : parent.code + "-" + v[1];
            d.code = code.length() > 64 ? code.substring(0, 64) : code;
            d.names = new String[parent.names.length];
            d.nameIndex = parent.nameIndex;
            for (int l = 0; l < parent.names.length; l++) {
                String value = "fr".equals(languages.get(l)) ? v[3] : v[2];
                String name = parent.names[l] + " (" + value + ")";
                d.names[l] = name.length() > 255 ? name.substring(0, 255) : name;
            }
            d.fullDescription = parent.fullDescription;
            d.shortDescription = parent.shortDescription;
            d.status = g.chance(900) ? "A" : "D";
            d.price = parent.price.signum() == 0 ? parent.price : parent.price.add(BigDecimal.valueOf(
                    g.rnd.nextInt(3) * 250L, 2));
            d.listPrice = new BigDecimal("0.00");
            d.amount = g.rnd.nextInt(200);
            d.weight = parent.weight;
            d.tracking = "B";
            d.taxIds = parent.taxIds;
            d.categories.add(parent.categories.get(0));
            d.traits.add(Trait.VARIATION);
            if (d.status.equals("D")) {
                d.traits.add(Trait.DISABLED);
            }
            if (d.names[d.nameIndex].length() > 50) {
                d.traits.add(Trait.LONG_NAME);
            }
            for (Trait t : List.of(Trait.ACCENTED_NAME, Trait.NON_LATIN_NAME, Trait.SYMBOLS_NAME,
                    Trait.EMOJI_REPLACED_NAME, Trait.LONG_DESCRIPTION, Trait.EMPTY_DESCRIPTION, Trait.NO_TAX,
                    Trait.TWO_TAXES, Trait.FREE, Trait.HIGH_PRICE, Trait.LONG_CODE, Trait.SLASH_CODE,
                    Trait.EMPTY_CODE)) {
                if (parent.traits.contains(t)) {
                    d.traits.add(t);
                }
            }
            if (translated(d)) {
                d.traits.add(Trait.TRANSLATED);
            }
            if (d.code.length() > 30) {
                d.traits.add(Trait.LONG_CODE);
            }
            if (d.code.contains("/")) {
                d.traits.add(Trait.SLASH_CODE);
            }
            if (!d.code.isEmpty()) {
                g.productCodes.add(d.code);
            }
            out.add(d);
        }
        return out;
    }

    private void write(Draft d, List<String> languages, RowInserter products, RowInserter descriptions,
            RowInserter prices, RowInserter links) throws SQLException {
        products.add(d.id, d.code, d.type, d.status, 1L, d.listPrice, d.amount, d.weight, d.created, d.updated,
                d.tracking, d.taxIds, "default", "", d.parentId, "");
        for (int l = 0; l < languages.size(); l++) {
            descriptions.add(d.id, languages.get(l), d.names[l], "", d.shortDescription, d.fullDescription, "", "",
                    "", "", "", "");
        }
        prices.add(d.id, d.price, BigDecimal.ZERO, 1, 0);
        for (Object[] p : d.extraPrices) {
            prices.add(d.id, p[0], BigDecimal.ZERO, p[1], p[2]);
        }
        for (int k = 0; k < d.categories.size(); k++) {
            links.add(d.id, d.categories.get(k), k == 0 ? "M" : "A", 0, 0);
        }
    }

    private static boolean translated(Draft d) {
        for (String name : d.names) {
            if (!name.equals(d.names[d.nameIndex])) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ values

    BigDecimal price(Trait forced) {
        if (forced == Trait.FREE || (forced == null && g.chance(10))) {
            return new BigDecimal("0.00");
        }
        if (forced == Trait.HIGH_PRICE || g.chance(30)) {
            return g.chance(300) ? new BigDecimal("9999.99") : BigDecimal.valueOf(100_000 + g.rnd.nextInt(899_900), 2);
        }
        if (g.chance(500)) {
            return PRICE_POINTS[g.rnd.nextInt(PRICE_POINTS.length)];
        }
        return BigDecimal.valueOf(50 + g.rnd.nextInt(30_000), 2); // 0.50 .. 300.49, any cents
    }

    private String normalCode(long id, String brand, String noun) {
        return switch (g.rnd.nextInt(3)) {
            case 0 -> { // like CS-Cart's demo codes: letter, zero-padded id, five random characters
                StringBuilder sb = new StringBuilder().append((char) ('A' + g.rnd.nextInt(26)))
                        .append(String.format(Locale.ROOT, "%04d", id % 10_000));
                for (int k = 0; k < 5; k++) {
                    int r = g.rnd.nextInt(36);
                    sb.append((char) (r < 10 ? '0' + r : 'A' + r - 10));
                }
                yield sb.toString();
            }
            case 1 -> String.format(Locale.ROOT, "SKU-%06d", id);
            default -> prefix3(brand) + "-" + initials(noun) + "-" + id;
        };
    }

    private static String prefix3(String brand) {
        String letters = brand.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        return letters.substring(0, Math.min(3, letters.length()));
    }

    private static String initials(String words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words.split("[ -]+")) {
            if (!w.isEmpty() && Character.isLetter(w.charAt(0))) {
                sb.append(Character.toUpperCase(w.charAt(0)));
            }
        }
        return sb.length() == 0 ? "X" : sb.toString();
    }

    private static BigDecimal percentOff(BigDecimal price, int percent) {
        return price.multiply(BigDecimal.valueOf(100 - percent)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private <K> K weighted(K[] kinds, java.util.function.ToIntFunction<K> weight) {
        int total = 0;
        for (K k : kinds) {
            total += weight.applyAsInt(k);
        }
        int r = g.rnd.nextInt(total);
        for (K k : kinds) {
            r -= weight.applyAsInt(k);
            if (r < 0) {
                return k;
            }
        }
        throw new AssertionError();
    }

    private int weightedIndex(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = g.rnd.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

}
