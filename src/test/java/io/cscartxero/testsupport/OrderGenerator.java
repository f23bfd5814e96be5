package io.cscartxero.testsupport;

import io.cscartxero.testsupport.CatalogWords.Option;
import io.cscartxero.testsupport.CatalogWords.Shipping;
import io.cscartxero.testsupport.CatalogWords.TaxDef;
import io.cscartxero.testsupport.CatalogWords.Variant;
import io.cscartxero.testsupport.GeneratedCustomer.Address;
import io.cscartxero.testsupport.GeneratedOrder.Trait;
import io.cscartxero.testsupport.StoreWords.City;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/** {@link StoreGenerator#orders(int)}: see there for the rows, the money rules and the variety. */
final class OrderGenerator {

    static final BigDecimal ZERO = new BigDecimal("0.00");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String[] STATUSES = {"C", "P", "O", "I", "F", "D", "B", "N"};
    private static final int[] STATUS_WEIGHTS = {420, 330, 80, 50, 30, 30, 30, 30};
    private static final int PROMOTION_PERCENT = 5;
    private static final int PROMOTION_FIXED = 7;
    private static final int PROMOTION_FULL = 11;

    /**
     * VAT (tax 6) has one rate per destination, as in CS-Cart's demo: 10 % (destination 1), 12 % and 3 %; the order
     * records the rate applied.
     */
    static final TaxDef VAT12 = new TaxDef(6, "VAT", "TVA", new BigDecimal("12.000"), true, "GB123456789");
    static final TaxDef VAT3 = new TaxDef(6, "VAT", "TVA", new BigDecimal("3.000"), true, "GB123456789");
    /** A US store: state sales tax and county tax, both added to prices, on the same lines. */
    static final TaxDef STATE = new TaxDef(10, "State sales tax", "Taxe de vente de l'État", new BigDecimal("8.875"),
            false, "");
    static final TaxDef COUNTY = new TaxDef(11, "County tax", "Taxe du comté", new BigDecimal("2.500"), false, "");

    /** Tax scenarios: the taxes of an order (all included or all excluded), per-mille weights. */
    private static final List<List<TaxDef>> SCENARIOS = List.of(List.of(CatalogWords.VAT), List.of(CatalogWords.GST),
            List.of(CatalogWords.VAT, CatalogWords.GST), List.of(CatalogWords.SALES),
            List.of(CatalogWords.SALES, CatalogWords.CITY), List.of(), List.of(VAT12), List.of(VAT3),
            List.of(STATE, COUNTY));
    private static final int[] SCENARIO_WEIGHTS = {350, 100, 30, 250, 80, 190, 60, 30, 80};
    /** The scenarios the store's taxes allow: VAT's other rates and the US taxes only where {@code tax_rates} has them. */
    private int[] scenarioWeights = SCENARIO_WEIGHTS;
    /** Per mille of taxed orders whose taxes CS-Cart computed in "unit_price" mode (per unit, rounded, × quantity). */
    private static final int UNIT_PRICE_MODE = 200;
    /** Per mille of orders with 100 lines (several cents between Xero's per-line rounding and CS-Cart's). */
    private static final int HUNDRED_LINES = 5;

    /** Who placed an order: a registered customer or a guest (user 0, profile 0). */
    record Buyer(long userId, long profileId, String email, String firstname, String lastname, String company,
            String phone, String langCode, boolean taxExempt, long registeredAt, Address billing, Address shipping) {
    }

    /** A product as an order line sees it. */
    private record Item(long productId, String code, String nameEn, String nameFr, BigDecimal price, String taxIds,
            boolean exists) {
    }

    private static final class LineDraft {
        long itemId;
        Item item;
        String name;
        BigDecimal basePrice;
        BigDecimal discount = ZERO;
        BigDecimal price;
        int amount;
        List<Variant> variants = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        boolean taxed;
        long companyId = 1;

        BigDecimal total() {
            return price.multiply(BigDecimal.valueOf(amount));
        }
    }

    /** The computed values of one tax of an order. */
    private static final class TaxResult {
        TaxDef def;
        BigDecimal productTax = ZERO;
        BigDecimal shippingTax = ZERO;
        BigDecimal perLine = ZERO;
        List<Long> items = new ArrayList<>();
        Map<Integer, Integer> shippingGroups = new LinkedHashMap<>(); // group index -> shipping_id
        Map<Long, BigDecimal> perItem = new LinkedHashMap<>(); // unit-price mode: item_id -> tax of the line
        Map<Integer, BigDecimal> shippingByGroup = new LinkedHashMap<>(); // group index -> tax on its shipping

        BigDecimal subtotal() {
            return productTax.add(shippingTax);
        }
    }

    /** {@code logs} rows of the run (status changes of paid orders). */
    private RowInserter logs;

    private static final String[] PAID_NAMES = {"Paid", "Complete"};

    /**
     * The {@code logs} rows CS-Cart's fn_log_event('orders', 'status', …) leaves when a paid order (P, C) got its
     * status: {@code content} = serialize(['order' => '# id', 'id' => id, 'status' => 'Open&nbsp;&#8212;&gt;&nbsp;Paid'])
     * (translated status names). 85 % of the paid orders have one, hours or days after the order (never after "now");
     * one in ten of those was first paid and later completed (two rows: the first counts); one in five has an
     * earlier change into Backordered. Drawn from a random of its own (seeded by the order id), so the rest of the
     * generated store is the same as without logs.
     */
    private void statusLog(Ord o) throws SQLException {
        if (o.parent || !("P".equals(o.status) || "C".equals(o.status))) {
            return;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(o.id * 0x9E3779B97F4A7C15L + 13);
        if (r.nextInt(100) >= 85) {
            return;   // logging off, or the log was cleared: the order's date is the payment date
        }
        long at = Math.min(g.now - 1, o.ts + 600 + r.nextLong(3 * 86_400L));
        String from = "Open";
        if (r.nextInt(5) == 0) {
            logRow(o, Math.max(o.ts, at - 3_600), "Open", "Backordered");
            from = "Backordered";
        }
        boolean twoSteps = "C".equals(o.status) && r.nextInt(10) == 0;
        logRow(o, at, from, twoSteps ? "Paid" : PAID_NAMES["P".equals(o.status) ? 0 : 1]);
        if (twoSteps) {
            logRow(o, Math.min(g.now - 1, at + 86_400), "Paid", "Complete");
        }
    }

    private void logRow(Ord o, long at, String from, String to) throws SQLException {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("order", "# " + o.id);
        content.put("id", Long.toString(o.id));
        content.put("status", from + "&nbsp;&#8212;&gt;&nbsp;" + to);
        logs.add(0, at, "orders", "N", "status", "", PhpSerialize.serializeToString(content), "a:0:{}", o.companyId);
    }

    private static final class Ord {
        long id;
        long parentId;
        long companyId = 1;
        boolean parent;
        Buyer buyer;
        String email;
        long ts;
        long updatedAt;
        String status;
        List<LineDraft> lines = new ArrayList<>();
        List<TaxDef> taxDefs = List.of();
        boolean unitMode;
        boolean exempt;
        Shipping shipping;
        int groupKey;
        List<Ord> children = List.of();
        BigDecimal shippingCost = ZERO;
        boolean shippingTaxed;
        int promotion; // 0 none, else promotion id
        BigDecimal promotionValue = ZERO;
        String coupon;
        BigDecimal surchargeFixed = ZERO;
        BigDecimal surchargePercent = ZERO;
        BigDecimal giftAmount;
        String giftCode;
        long giftId;
        long giftLogId;
        String notes = "";
        Long issuer;
        int paymentId;
        String ip;
        String currency;
        byte[] paymentInfo;
        EnumSet<Trait> traits = EnumSet.noneOf(Trait.class);
        // computed
        BigDecimal subtotal = ZERO;
        BigDecimal discount = ZERO;
        BigDecimal subtotalDiscount = ZERO;
        BigDecimal surcharge = ZERO;
        BigDecimal giftCost = ZERO;
        BigDecimal total = ZERO;
        List<TaxResult> taxes = new ArrayList<>();

        /** {@code orders.firstname}: varchar(32), CS-Cart's non-strict connection cuts longer names. */
        String firstname() {
            return cut32(buyer.firstname());
        }

        String lastname() {
            return cut32(buyer.lastname());
        }

        private static String cut32(String s) {
            return s.codePointCount(0, s.length()) <= 32 ? s : s.substring(0, s.offsetByCodePoints(0, 32));
        }
    }

    private final StoreGenerator g;
    private List<Buyer> buyers;
    private long[] registrations;
    private List<Integer> longNamed;
    private List<Item> catalog;
    private List<Long> vendors;
    private Map<Long, String> companyNames;
    private long adminId;
    private long orderDataId;

    OrderGenerator(StoreGenerator g) {
        this.g = g;
    }

    // ------------------------------------------------------------------------------------------------ run

    void write(Connection c, int n, Consumer<GeneratedOrder> sink) throws SQLException {
        load(c);
        scenarioWeights = availableScenarios(c);
        long orderId = g.max(c, "orders", "order_id");
        orderDataId = g.max(c, "order_data", "order_data_id");
        long lastTs = g.lastOrderTimestamp;
        if (lastTs == 0) {
            lastTs = g.max(c, "orders", "timestamp");
        }
        long start = Math.max(lastTs + 1, g.now - 2 * 365L * 86_400L);
        long end = g.now - 600;
        if (end - start < n) {
            start = end - n;
        }
        double step = n == 0 ? 0 : (double) (end - start) / n;
        long legacyUntil = start + (end - start) * 15 / 100;

        Trait[] forced = new Trait[n];
        if (g.ordersWritten == 0 && n >= 4 * Trait.values().length) {
            Trait[] all = Trait.values();
            for (int j = 0; j < all.length; j++) {
                forced[j * (n / all.length)] = all[j];
            }
        }
        try (RowInserter orders = new RowInserter(c, g.prefix + "orders", "order_id", "is_parent_order",
                "parent_order_id", "company_id", "issuer_id", "user_id", "total", "subtotal", "discount",
                "subtotal_discount", "payment_surcharge", "shipping_ids", "shipping_cost", "timestamp", "status",
                "notes", "details", "promotions", "promotion_ids", "firstname", "lastname", "company", "b_firstname",
                "b_lastname", "b_address", "b_address_2", "b_city", "b_county", "b_state", "b_country", "b_zipcode",
                "b_phone", "s_firstname", "s_lastname", "s_address", "s_address_2", "s_city", "s_county", "s_state",
                "s_country", "s_zipcode", "s_phone", "s_address_type", "phone", "fax", "url", "email", "payment_id",
                "tax_exempt", "lang_code", "ip_address", "repaid", "validation_code", "localization_id",
                "profile_id", "storefront_id", "updated_at");
                RowInserter details = new RowInserter(c, g.prefix + "order_details", "item_id", "order_id",
                        "product_id", "product_code", "price", "amount", "extra");
                RowInserter data = new RowInserter(c, g.prefix + "order_data", "order_data_id", "order_id", "type",
                        "data");
                RowInserter logRows = new RowInserter(c, g.prefix + "logs", "user_id", "timestamp", "type",
                        "event_type", "action", "object", "content", "backtrace", "company_id")) {
            this.logs = logRows;
            java.util.ArrayDeque<Trait> pending = new java.util.ArrayDeque<>(); // forced traits not yet placed
            int i = 0;
            while (i < n) {
                long ts = start + (long) (i * step) + (step >= 2 ? g.rnd.nextLong((long) step) : 0);
                if (forced[i] != null) {
                    pending.add(forced[i]);
                }
                Trait f = pending.poll();
                int remaining = n - i;
                boolean multiVendor = remaining >= 4 && vendors.size() >= 2
                        && (f == Trait.PARENT || f == Trait.CHILD || (f == null && pending.isEmpty() && g.chance(20)));
                if (multiVendor) {
                    int k = vendors.size() >= 3 && remaining >= 4 && g.chance(300) ? 3 : 2;
                    Ord parent = multiVendor(orderId + 1, ts, k, legacyUntil);
                    writeOrder(parent, orders, details, data);
                    sink.accept(result(parent));
                    for (Ord child : parent.children) {
                        writeOrder(child, orders, details, data);
                        sink.accept(result(child));
                    }
                    orderId += 1 + k;
                    for (int j = 1; j <= k; j++) {
                        if (forced[i + j] != null) {
                            pending.add(forced[i + j]);
                        }
                    }
                    i += 1 + k;
                } else {
                    orderId++;
                    Ord o = order(orderId, ts, f, legacyUntil);
                    writeOrder(o, orders, details, data);
                    sink.accept(result(o));
                    i++;
                }
                g.lastOrderTimestamp = ts;
            }
        }
        g.ordersWritten += n;
    }

    /**
     * Orders use the rates the store has: VAT at 12 % or 3 % only where {@code tax_rates} has VAT (tax 6) at that rate
     * for some destination (CS-Cart's demo data does; {@link TaxVariety#install} adds them to the fixture), state and
     * county tax only where taxes 10 and 11 have their rates. The seed's store keeps its four taxes and rates.
     */
    private int[] availableScenarios(Connection c) throws SQLException {
        Set<String> rates = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tax_id, rate_value FROM "
                + g.prefix + "tax_rates WHERE rate_type = 'P'")) {
            while (rs.next()) {
                rates.add(rs.getLong(1) + "@" + rs.getBigDecimal(2).setScale(3, RoundingMode.HALF_UP).toPlainString());
            }
        }
        int[] weights = SCENARIO_WEIGHTS.clone();
        for (int i = 0; i < SCENARIOS.size(); i++) {
            for (TaxDef t : SCENARIOS.get(i)) {
                if (!rates.contains(t.taxId() + "@" + t.rate().setScale(3, RoundingMode.HALF_UP).toPlainString())) {
                    weights[i] = 0;
                }
            }
        }
        return weights;
    }

    /** Customers, products, vendors and the administrator, read from the database (deterministic order). */
    private void load(Connection c) throws SQLException {
        buyers = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT u.user_id, p.profile_id,"
                + " u.email, u.firstname, u.lastname, u.company, u.phone, u.lang_code, u.tax_exempt, u.timestamp,"
                + " p.b_firstname, p.b_lastname, p.b_address, p.b_address_2, p.b_city, p.b_county, p.b_state,"
                + " p.b_country, p.b_zipcode, p.b_phone, p.s_firstname, p.s_lastname, p.s_address, p.s_address_2,"
                + " p.s_city, p.s_county, p.s_state, p.s_country, p.s_zipcode, p.s_phone FROM " + g.prefix
                + "users u JOIN " + g.prefix + "user_profiles p ON p.user_id = u.user_id AND p.profile_type = 'P'"
                + " WHERE u.user_type = 'C' ORDER BY u.timestamp, u.user_id")) {
            while (rs.next()) {
                Address b = new Address(rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                        rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                        rs.getString(20));
                Address s = new Address(rs.getString(21), rs.getString(22), rs.getString(23), rs.getString(24),
                        rs.getString(25), rs.getString(26), rs.getString(27), rs.getString(28), rs.getString(29),
                        rs.getString(30));
                buyers.add(new Buyer(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), "Y".equals(rs.getString(9)),
                        rs.getLong(10), b, s));
            }
        }
        registrations = new long[buyers.size()];
        longNamed = new ArrayList<>();
        for (int i = 0; i < buyers.size(); i++) {
            registrations[i] = buyers.get(i).registeredAt();
            if (buyers.get(i).firstname().length() > 32 || buyers.get(i).lastname().length() > 32) {
                longNamed.add(i);
            }
        }
        catalog = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT p.product_id, p.product_code,"
                + " p.tax_ids, pp.price, en.product, fr.product FROM " + g.prefix + "products p JOIN " + g.prefix
                + "product_prices pp ON pp.product_id = p.product_id AND pp.lower_limit = 1 AND pp.usergroup_id = 0"
                + " LEFT JOIN " + g.prefix + "product_descriptions en ON en.product_id = p.product_id AND"
                + " en.lang_code = 'en' LEFT JOIN " + g.prefix + "product_descriptions fr ON fr.product_id ="
                + " p.product_id AND fr.lang_code = 'fr' ORDER BY p.product_id")) {
            while (rs.next()) {
                String en = rs.getString(5) == null ? "" : rs.getString(5);
                catalog.add(new Item(rs.getLong(1), rs.getString(2), en, rs.getString(6) == null ? en
                        : rs.getString(6), rs.getBigDecimal(4), rs.getString(3), true));
            }
        }
        vendors = new ArrayList<>();
        companyNames = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT company_id, company FROM "
                + g.prefix + "companies ORDER BY company_id")) {
            while (rs.next()) {
                vendors.add(rs.getLong(1));
                companyNames.put(rs.getLong(1), rs.getString(2));
            }
        }
        List<Long> admins = ProductGenerator.longs(c, "SELECT user_id FROM " + g.prefix + "users WHERE user_type"
                + " = 'A' ORDER BY user_id");
        adminId = admins.isEmpty() ? 1 : admins.get(0);
    }

    // ------------------------------------------------------------------------------------------------ one order

    private Ord order(long id, long ts, Trait f, long legacyUntil) {
        Ord o = new Ord();
        o.id = id;
        o.ts = ts;
        buyer(o, f);
        o.status = f == Trait.INCOMPLETE ? "N" : STATUSES[weightedIndex(STATUS_WEIGHTS)];
        o.updatedAt = updatedAt(ts, f, legacyUntil);

        // ---- lines
        boolean trap = f == Trait.ROUNDING_DIFFERENCE || (f == null && g.chance(30));
        boolean hundred = f == null && !trap && g.chance(HUNDRED_LINES);
        int count = trap ? 3 + g.rnd.nextInt(3) : hundred ? 100 : lineCount();
        if (f == Trait.MIXED_TAX_LINES && count < 2) {
            count = 2;
        }
        int minimum = trap ? 3 : f == Trait.MIXED_TAX_LINES ? 2 : 1;
        int attempts = hundred ? 600 : count + 20;
        for (int k = 0; k < attempts && (k < count || o.lines.size() < (hundred ? count : minimum))
                && o.lines.size() < count; k++) {
            // a 100-line order needs more distinct cart items than the catalog has: options make them distinct
            // (and when the catalog's items with options run out, products deleted since)
            LineDraft line = line(o, k == 0 ? f : hundred && k >= 300 ? Trait.DELETED_PRODUCT
                    : hundred && k >= 20 ? Trait.PRODUCT_OPTIONS : null, o.buyer.langCode(), 1);
            if (line != null) {
                o.lines.add(line);
            }
        }
        while (o.lines.isEmpty()) {
            LineDraft line = line(o, null, o.buyer.langCode(), 1);
            if (line != null) {
                o.lines.add(line);
            }
        }

        // ---- taxes
        boolean taxesForced = trap || f == Trait.TAX_INCLUDED || f == Trait.TAX_EXCLUDED || f == Trait.TWO_TAXES
                || f == Trait.MIXED_TAX_LINES || f == Trait.SHIPPING_TAXED || f == Trait.NO_TAX;
        o.exempt = f == Trait.TAX_EXEMPT || (!taxesForced && (o.buyer.taxExempt() || g.chance(10)));
        if (f == Trait.TAX_INCLUDED || (trap && g.rnd.nextBoolean())) {
            o.taxDefs = List.of(CatalogWords.VAT);
        } else if (f == Trait.TAX_EXCLUDED || trap) {
            o.taxDefs = List.of(CatalogWords.SALES);
        } else if (f == Trait.TWO_TAXES) {
            o.taxDefs = g.rnd.nextBoolean() ? SCENARIOS.get(2) : SCENARIOS.get(4);
        } else if (f == Trait.NO_TAX) {
            o.taxDefs = List.of();
        } else if (f == Trait.MIXED_TAX_LINES || f == Trait.SHIPPING_TAXED) {
            o.taxDefs = g.rnd.nextBoolean() ? SCENARIOS.get(0) : SCENARIOS.get(3);
        } else {
            o.taxDefs = SCENARIOS.get(weightedIndex(scenarioWeights));
        }
        o.unitMode = !o.taxDefs.isEmpty() && !trap && g.chance(UNIT_PRICE_MODE);
        if (f == Trait.MIXED_TAX_LINES && o.lines.size() >= 2) {
            o.lines.get(0).taxed = false;
            o.lines.get(1).taxed = true;
        }
        if (trap) {
            o.lines.forEach(l -> l.taxed = true);
        }

        // ---- shipping
        boolean zeroByDiscount = f == Trait.ZERO_TOTAL && g.rnd.nextBoolean();
        boolean noShipping = f == Trait.NO_SHIPPING || (f != Trait.SHIPPING_TAXED && f != Trait.FREE_SHIPPING
                && !zeroByDiscount && g.chance(30));
        if (!noShipping) {
            boolean free = f == Trait.FREE_SHIPPING || zeroByDiscount || (f != Trait.SHIPPING_TAXED && g.chance(200));
            o.shipping = free ? CatalogWords.FREE_SHIPPING : g.pick(CatalogWords.SHIPPINGS);
            if (f == Trait.SHIPPING_TAXED && o.shipping.rate().signum() == 0) {
                o.shipping = CatalogWords.SHIPPINGS.get(0);
            }
            o.shippingCost = o.shipping.rate();
            if (o.shippingCost.signum() > 0 && g.chance(300)) { // per-item surcharge of the method
                int items = o.lines.stream().mapToInt(l -> Math.min(l.amount, 10)).sum();
                o.shippingCost = o.shippingCost.add(new BigDecimal("1.50").multiply(BigDecimal.valueOf(items - 1)));
            }
            o.shippingTaxed = o.shippingCost.signum() > 0 && (f == Trait.SHIPPING_TAXED || g.chance(700));
        }

        // ---- promotions, surcharge, gift certificate
        if (!trap) {
            if (zeroByDiscount) {
                o.promotion = PROMOTION_FULL;
            } else if (f == Trait.SUBTOTAL_DISCOUNT || f == Trait.COUPON) {
                o.promotion = PROMOTION_PERCENT;
            } else {
                int r = g.rnd.nextInt(1000);
                o.promotion = r < 70 ? PROMOTION_PERCENT : r < 110 ? PROMOTION_FIXED : r < 118 ? PROMOTION_FULL : 0;
            }
            if (o.promotion == PROMOTION_PERCENT) {
                o.promotionValue = BigDecimal.valueOf(5L * (1 + g.rnd.nextInt(5)));
            } else if (o.promotion == PROMOTION_FIXED) {
                o.promotionValue = new BigDecimal(g.pick(List.of("5.00", "10.00", "20.00", "50.00")));
            }
            if (o.promotion != 0 && (f == Trait.COUPON || g.chance(500))) {
                o.coupon = g.pick(CatalogWords.COUPONS);
            }
            if (!zeroByDiscount && (f == Trait.PAYMENT_SURCHARGE || g.chance(60))) {
                o.surchargeFixed = new BigDecimal(g.pick(List.of("0.00", "0.30", "1.50", "2.00")));
                o.surchargePercent = new BigDecimal(g.pick(List.of("0.00", "1.75", "2.90", "3.00")));
                if (o.surchargeFixed.signum() == 0 && o.surchargePercent.signum() == 0) {
                    o.surchargeFixed = new BigDecimal("1.00");
                }
            }
            boolean zeroByCertificate = f == Trait.ZERO_TOTAL && !zeroByDiscount;
            if (f == Trait.GIFT_CERTIFICATE || zeroByCertificate || g.chance(30)) {
                o.giftAmount = new BigDecimal(g.pick(List.of("10.00", "25.00", "50.00", "100.00", "250.00")));
                o.giftCode = String.format(Locale.ROOT, "GC-%04X-%04X-%04X", g.rnd.nextInt(65536),
                        g.rnd.nextInt(65536), g.rnd.nextInt(65536));
                o.giftId = 1 + g.rnd.nextInt(5000);
                o.giftLogId = 1 + g.rnd.nextInt(20000);
                if (zeroByCertificate) {
                    compute(o);
                    BigDecimal due = o.total.add(o.giftCost);
                    o.giftAmount = due.divide(BigDecimal.valueOf(50), 0, RoundingMode.CEILING).multiply(
                            BigDecimal.valueOf(50)).max(new BigDecimal("50")).setScale(2);
                }
            }
        }
        compute(o);
        if (trap) {
            for (int attempt = 0; attempt < 60 && !roundingDiffers(o); attempt++) {
                for (LineDraft l : o.lines) {
                    l.price = BigDecimal.valueOf(5 + g.rnd.nextInt(9_995), 2);
                    l.basePrice = l.price;
                    l.discount = ZERO;
                    l.variants.clear();
                    l.options.clear();
                    l.itemId = itemId(l.item.productId(), l.variants);
                    l.amount = 1 + g.rnd.nextInt(3);
                }
                dedupe(o);
                compute(o);
            }
        }

        // ---- the rest
        extras(o, f);
        traits(o, f);
        return o;
    }

    private void buyer(Ord o, Trait f) {
        boolean guestForced = f == Trait.GUEST || f == Trait.GUEST_REPEAT || f == Trait.GUEST_EMAIL_VARIANT;
        int registered = upperBound(registrations, o.ts);
        // a forced long name: a customer with one if there is such a customer already, else a guest
        boolean longCustomer = f == Trait.TRUNCATED_NAME && !longNamed.isEmpty()
                && registrations[longNamed.get(0)] <= o.ts;
        boolean guest = guestForced || registered == 0
                || (f == Trait.TRUNCATED_NAME ? !longCustomer : g.chance(150));
        if (longCustomer) {
            int idx = longNamed.get(g.rnd.nextInt(longNamed.size()));
            o.buyer = buyers.get(registrations[idx] <= o.ts ? idx : longNamed.get(0));
        } else if (!guest) {
            o.buyer = buyers.get(g.rnd.nextInt(registered));
        }
        if (guest) {
            boolean repeat = !g.guests.isEmpty() && (f == Trait.GUEST_REPEAT || f == Trait.GUEST_EMAIL_VARIANT
                    || (f == null && g.chance(450)));
            if (repeat) {
                Buyer earlier = g.guests.get(g.rnd.nextInt(g.guests.size()));
                o.buyer = earlier;
                boolean variant = f == Trait.GUEST_EMAIL_VARIANT || (f != Trait.GUEST_REPEAT && g.chance(250));
                o.email = variant ? emailVariant(earlier.email()) : earlier.email();
                o.traits.add(variant ? Trait.GUEST_EMAIL_VARIANT : Trait.GUEST_REPEAT);
            } else {
                o.buyer = newGuest(f == Trait.TRUNCATED_NAME);
                g.guests.add(o.buyer);
                o.email = o.buyer.email();
            }
            o.traits.add(Trait.GUEST);
        } else {
            o.email = o.buyer.email();
        }
    }

    private Buyer newGuest(boolean longName) {
        long n = g.guests.size() + 1L;
        String first = g.pick(StoreWords.FIRST_NAMES);
        String last = g.pick(StoreWords.LAST_NAMES);
        int kind = g.rnd.nextInt(1000);
        if (longName || kind < 15) {
            first = StoreGenerator.cut(StoreWords.LONG_TEXT, 0, 33 + g.rnd.nextInt(60));
            last = StoreGenerator.cut(StoreWords.LONG_TEXT, 14, 33 + g.rnd.nextInt(60));
        } else if (kind < 75) {
            String[] p = g.pick(StoreWords.ACCENTED);
            first = p[0];
            last = p[1];
        } else if (kind < 115) {
            String[] p = g.pick(StoreWords.NON_LATIN);
            first = p[0];
            last = p[1];
        }
        String company = g.chance(150) ? g.pick(StoreWords.COMPANIES) : "";
        String email = first.length() > 32 ? "hubert.wolfeschlegel." + n + "@example.com"
                : g.validEmail(first, last, 900_000 + n).toLowerCase(Locale.ROOT);
        City city = g.pick(StoreWords.CITIES);
        String phone = g.chance(150) ? "" : g.phone(city);
        Address billing = g.address(first, last, city, phone);
        Address shipping = g.chance(800) ? billing : g.address(first, last, g.pick(StoreWords.CITIES), phone);
        String lang = g.chance(850) ? "en" : "fr";
        return new Buyer(0, 0, email, first, last, company, phone, lang, false, 0, billing, shipping);
    }

    private String emailVariant(String email) {
        return switch (g.rnd.nextInt(5)) {
            case 0 -> email.toUpperCase(Locale.ROOT);
            case 1 -> StoreGenerator.capitalizeEmail(email);
            case 2 -> " " + email;
            case 3 -> email + "  ";
            default -> " " + StoreGenerator.capitalizeEmail(email) + " ";
        };
    }

    private long updatedAt(long ts, Trait f, long legacyUntil) {
        if (f == Trait.LEGACY_UPDATED_AT || (ts < legacyUntil && f == null && g.chance(150))) {
            return 0;
        }
        return g.rnd.nextBoolean() ? ts : Math.min(g.now, ts + g.rnd.nextLong(30L * 86_400L));
    }

    private int lineCount() {
        int r = g.rnd.nextInt(1000);
        return r < 450 ? 1 : r < 700 ? 2 : r < 850 ? 3 : r < 970 ? 4 + g.rnd.nextInt(3) : 7 + g.rnd.nextInt(9);
    }

    /** A line, or null if the drawn product/options is already in the order (same cart id). */
    private LineDraft line(Ord o, Trait f, String lang, long companyId) {
        LineDraft l = new LineDraft();
        l.companyId = companyId;
        boolean deleted = f == Trait.DELETED_PRODUCT || catalog.isEmpty() || g.chance(20);
        l.item = deleted ? deletedItem() : catalog.get(g.rnd.nextInt(catalog.size()));
        l.name = "fr".equals(lang) ? l.item.nameFr() : l.item.nameEn();
        if (f == Trait.MULTIBYTE_NAME && l.name.length() == l.name.getBytes(StandardCharsets.UTF_8).length) {
            l.name = l.name + " — " + g.pick(List.of("Édition spéciale", "特別版", "Größe M"));
        }
        if (f == Trait.PRODUCT_OPTIONS || g.chance(150)) {
            List<Option> pool = new ArrayList<>(CatalogWords.OPTIONS);
            int k = 1 + (g.chance(300) ? 1 : 0);
            for (int j = 0; j < k; j++) {
                Option opt = pool.remove(g.rnd.nextInt(pool.size()));
                l.options.add(opt);
                l.variants.add(g.pick(opt.variants()));
            }
        }
        l.itemId = itemId(l.item.productId(), l.variants);
        for (LineDraft other : o.lines) {
            if (other.itemId == l.itemId) {
                return null;
            }
        }
        BigDecimal base = l.item.price();
        for (Variant v : l.variants) {
            base = base.add(v.modifier());
        }
        l.basePrice = base.setScale(2, RoundingMode.HALF_UP);
        if (f == Trait.PRODUCT_DISCOUNT && l.basePrice.signum() == 0) {
            l.basePrice = new BigDecimal("19.99"); // the price has changed since
        }
        if (l.basePrice.signum() > 0 && (f == Trait.PRODUCT_DISCOUNT || g.chance(80))) {
            int pct = g.pick(List.of(5, 10, 15, 20, 25, 50));
            l.discount = l.basePrice.multiply(BigDecimal.valueOf(pct)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        }
        l.price = l.basePrice.subtract(l.discount);
        int r = g.rnd.nextInt(1000);
        l.amount = f == Trait.BULK_QUANTITY || r < 25 ? 20 + g.rnd.nextInt(231) : r < 600 ? 1 : r < 750 ? 2
                : r < 930 ? 3 + g.rnd.nextInt(3) : 6 + g.rnd.nextInt(14);
        if (f == Trait.HIGH_VALUE || (f == null && o.lines.isEmpty() && g.chance(5))) {
            l.basePrice = new BigDecimal("9999.99");
            l.discount = ZERO;
            l.price = l.basePrice;
            l.amount = 20;
            l.variants.clear();
            l.options.clear();
            l.itemId = itemId(l.item.productId(), l.variants);
        }
        l.taxed = !l.item.exists() || !l.item.taxIds().isEmpty();
        return l;
    }

    private Item deletedItem() {
        if (g.deletedProducts.isEmpty() || g.chance(50)) { // deleted before this generator's time: ids above any
            long id = 16_000_000L + g.rnd.nextInt(700_000);
            return new Item(id, "DEL-" + id, g.pick(CatalogWords.DELETED_NAMES), g.pick(CatalogWords.DELETED_NAMES),
                    BigDecimal.valueOf(100 + g.rnd.nextInt(20_000), 2), "6", false);
        }
        ProductGenerator.Deleted d = g.deletedProducts.get(g.rnd.nextInt(g.deletedProducts.size()));
        return new Item(d.productId(), d.code(), d.name(), d.name(), d.price(), "6", false);
    }

    /** CS-Cart's {@code fn_generate_cart_id()}: crc32 of the product id and the natsorted variant ids. */
    static long itemId(long productId, List<Variant> variants) {
        int[] ids = variants.stream().mapToInt(Variant::variantId).sorted().toArray();
        StringBuilder sb = new StringBuilder().append(productId);
        for (int id : ids) {
            sb.append('_').append(id);
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    private void dedupe(Ord o) {
        Set<Long> seen = new HashSet<>();
        o.lines.removeIf(l -> !seen.add(l.itemId));
    }

    private void extras(Ord o, Trait f) {
        o.paymentId = g.pick(CatalogWords.PAYMENT_IDS);
        if (f == Trait.CUSTOMER_NOTES || g.chance(50)) {
            o.notes = g.pick(CatalogWords.CUSTOMER_NOTES);
        }
        if (f == Trait.ADMIN_CREATED || g.chance(20)) {
            o.issuer = adminId;
        }
        int ip = g.rnd.nextInt(100);
        if (ip < 90) {
            o.ip = String.format(Locale.ROOT, "%08x", g.rnd.nextInt() & 0xffffffffL); // bin2hex(inet_pton(ipv4))
        } else if (ip < 95) {
            o.ip = String.format(Locale.ROOT, "20010db8%08x%016x", g.rnd.nextInt() & 0xffffffffL, g.rnd.nextLong());
        } else {
            o.ip = "203.0.113." + g.rnd.nextInt(256); // legacy: plain text
        }
        if (f == Trait.DISPLAY_CURRENCY || g.chance(700)) {
            o.currency = f == Trait.DISPLAY_CURRENCY || g.chance(150) ? "EUR" : "USD";
        }
        if (f == Trait.PAYMENT_INFO || g.chance(300)) {
            byte[] raw = new byte[8 * (4 + g.rnd.nextInt(9))];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) g.rnd.nextInt(256);
            }
            o.paymentInfo = Base64.getEncoder().encode(raw); // fn_encrypt_text(): base64 of Blowfish output
        }
    }

    // ------------------------------------------------------------------------------------------------ money

    static BigDecimal round2(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * CS-Cart's totals ({@code fn_calculate_cart_content}, "subtotal" tax mode): per tax, the tax on the sum of the
     * taxed lines times the discount distribution coefficient (rounded to cents first) and the tax on the shipping
     * cost, each rounded (PHP {@code round()}, half up);
     * then {@code total = subtotal − subtotal_discount + shipping + Σ excluded taxes + surcharge − gift certificates}.
     */
    private void compute(Ord o) {
        o.subtotal = ZERO;
        o.discount = ZERO;
        for (LineDraft l : o.lines) {
            o.subtotal = o.subtotal.add(l.total());
            o.discount = o.discount.add(l.discount.multiply(BigDecimal.valueOf(l.amount)));
        }
        o.subtotal = round2(o.subtotal);
        o.discount = round2(o.discount);
        o.subtotalDiscount = switch (o.promotion) {
            case PROMOTION_PERCENT -> round2(o.subtotal.multiply(o.promotionValue).divide(HUNDRED));
            case PROMOTION_FIXED -> o.promotionValue.min(o.subtotal);
            case PROMOTION_FULL -> o.subtotal;
            default -> ZERO;
        };
        o.taxes = new ArrayList<>();
        if (!o.exempt && !o.taxDefs.isEmpty()) {
            BigDecimal taxedLines = ZERO;
            boolean anyTaxed = false;
            for (LineDraft l : o.lines) {
                if (l.taxed) {
                    taxedLines = taxedLines.add(l.total());
                    anyTaxed = true;
                }
            }
            // fn_calculate_taxes: fn_format_price(applies.P * ddc), ddc = discounted subtotal / subtotal
            BigDecimal productBase = o.subtotal.signum() == 0 ? taxedLines : round2(taxedLines.multiply(
                    o.subtotal.subtract(o.subtotalDiscount)).divide(o.subtotal, 12, RoundingMode.HALF_UP));
            if (anyTaxed || o.shippingTaxed) {
                for (TaxDef t : o.taxDefs) {
                    TaxResult r = new TaxResult();
                    r.def = t;
                    if (anyTaxed) {
                        r.productTax = o.unitMode ? ZERO : tax(productBase, t);
                        for (LineDraft l : o.lines) {
                            if (l.taxed) {
                                r.items.add(l.itemId);
                                r.perLine = r.perLine.add(tax(l.total(), t));
                                if (o.unitMode) {
                                    // unit_price mode: the unit price's tax, rounded, times the quantity; the order
                                    // discount does not lower it
                                    BigDecimal lineTax = tax(l.price, t).multiply(BigDecimal.valueOf(l.amount));
                                    r.perItem.put(l.itemId, lineTax);
                                    r.productTax = r.productTax.add(lineTax);
                                }
                            }
                        }
                    }
                    if (o.shippingTaxed) {
                        r.shippingTax = tax(o.shippingCost, t);
                        r.perLine = r.perLine.add(r.shippingTax);
                        r.shippingGroups.put(o.groupKey, o.shipping.shippingId());
                        r.shippingByGroup.put(o.groupKey, r.shippingTax);
                    }
                    o.taxes.add(r);
                }
            }
        }
        BigDecimal excluded = ZERO;
        for (TaxResult r : o.taxes) {
            if (!r.def.included()) {
                excluded = excluded.add(r.subtotal());
            }
        }
        BigDecimal due = o.subtotal.subtract(o.subtotalDiscount).add(o.shippingCost).add(excluded);
        o.surcharge = due.signum() > 0 && (o.surchargeFixed.signum() > 0 || o.surchargePercent.signum() > 0)
                ? round2(o.surchargeFixed.add(due.multiply(o.surchargePercent).divide(HUNDRED))) : ZERO;
        due = due.add(o.surcharge);
        o.giftCost = o.giftAmount == null || due.signum() == 0 ? ZERO : o.giftAmount.min(due);
        o.total = due.subtract(o.giftCost);
    }

    /**
     * {@code fn_calculate_tax_rates()} for one tax (CS-Cart calls it per tax, so two included taxes are each taken
     * out of the full price): included {@code round(B − B / (1 + r))} = {@code round(B × r / (100 + r))}, excluded
     * {@code round(B × r / 100)}.
     */
    private static BigDecimal tax(BigDecimal base, TaxDef t) {
        return base.multiply(t.rate()).divide(t.included() ? HUNDRED.add(t.rate()) : HUNDRED, 2,
                RoundingMode.HALF_UP);
    }

    private static boolean roundingDiffers(Ord o) {
        if (o.subtotalDiscount.signum() != 0 || o.taxes.isEmpty()) {
            return false;
        }
        for (TaxResult r : o.taxes) {
            if (r.perLine.compareTo(r.subtotal()) != 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ Multi-Vendor

    /** A parent order ({@code is_parent_order='Y'}, status T, company 0) and {@code k} vendor children. */
    private Ord multiVendor(long parentId, long ts, int k, long legacyUntil) {
        Ord parent = new Ord();
        parent.id = parentId;
        parent.parent = true;
        parent.companyId = 0;
        parent.ts = ts;
        parent.status = "T";
        buyer(parent, null);
        parent.updatedAt = updatedAt(ts, null, legacyUntil);
        parent.exempt = parent.buyer.taxExempt();
        List<TaxDef> defs = SCENARIOS.get(weightedIndex(scenarioWeights));
        parent.taxDefs = defs;
        parent.unitMode = !defs.isEmpty() && g.chance(UNIT_PRICE_MODE);
        List<Long> vendorPool = new ArrayList<>(vendors);
        Set<Long> itemIds = new HashSet<>();
        List<Ord> children = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Ord c = new Ord();
            c.id = parentId + 1 + j;
            c.parentId = parentId;
            c.companyId = vendorPool.remove(g.rnd.nextInt(vendorPool.size()));
            c.ts = ts;
            c.buyer = parent.buyer;
            c.email = parent.email;
            c.traits.addAll(parent.traits);
            c.traits.remove(Trait.PARENT);
            c.traits.add(Trait.CHILD);
            c.status = STATUSES[weightedIndex(Arrays.copyOf(STATUS_WEIGHTS, STATUS_WEIGHTS.length - 1))];
            c.updatedAt = parent.updatedAt == 0 ? 0 : Math.max(ts, Math.min(g.now, ts + g.rnd.nextLong(86_400L)));
            c.exempt = parent.exempt;
            c.taxDefs = defs;
            c.unitMode = parent.unitMode;
            c.groupKey = j;
            int count = 1 + g.rnd.nextInt(3);
            for (int m = 0; m < count; m++) {
                LineDraft l = line(c, null, c.buyer.langCode(), c.companyId);
                if (l != null && itemIds.add(l.itemId)) {
                    c.lines.add(l);
                }
            }
            for (int attempt = 0; c.lines.isEmpty(); attempt++) {
                LineDraft l = line(c, attempt > 50 ? Trait.DELETED_PRODUCT : null, c.buyer.langCode(), c.companyId);
                if (l != null && itemIds.add(l.itemId)) {
                    c.lines.add(l);
                }
            }
            c.shipping = g.chance(200) ? CatalogWords.FREE_SHIPPING : g.pick(CatalogWords.SHIPPINGS);
            c.shippingCost = c.shipping.rate();
            c.shippingTaxed = c.shippingCost.signum() > 0 && g.chance(700);
            compute(c);
            extras(c, null);
            traits(c, null);
            children.add(c);
        }
        // the parent holds everything once more
        parent.children = children;
        for (Ord c : children) {
            parent.lines.addAll(c.lines);
            parent.subtotal = parent.subtotal.add(c.subtotal);
            parent.discount = parent.discount.add(c.discount);
            parent.shippingCost = parent.shippingCost.add(c.shippingCost);
            parent.total = parent.total.add(c.total);
            for (TaxResult r : c.taxes) {
                TaxResult merged = parent.taxes.stream().filter(x -> x.def == r.def).findFirst().orElse(null);
                if (merged == null) {
                    merged = new TaxResult();
                    merged.def = r.def;
                    parent.taxes.add(merged);
                }
                merged.productTax = merged.productTax.add(r.productTax);
                merged.shippingTax = merged.shippingTax.add(r.shippingTax);
                merged.perLine = merged.perLine.add(r.perLine);
                merged.items.addAll(r.items);
                merged.perItem.putAll(r.perItem);
                merged.shippingByGroup.putAll(r.shippingByGroup);
                merged.shippingGroups.putAll(r.shippingGroups);
            }
        }
        parent.shippingTaxed = children.stream().anyMatch(c -> c.shippingTaxed);
        extras(parent, null);
        parent.paymentId = children.get(0).paymentId;
        traits(parent, null);
        parent.traits.add(Trait.PARENT);
        return parent;
    }

    // ------------------------------------------------------------------------------------------------ traits

    private void traits(Ord o, Trait f) {
        Set<Trait> t = o.traits;
        if (!o.firstname().equals(o.buyer.firstname()) || !o.lastname().equals(o.buyer.lastname())) {
            t.add(Trait.TRUNCATED_NAME);
        }
        if ("N".equals(o.status)) {
            t.add(Trait.INCOMPLETE);
        }
        if (o.updatedAt == 0) {
            t.add(Trait.LEGACY_UPDATED_AT);
        }
        if (!o.taxes.isEmpty()) {
            t.add(o.taxes.get(0).def.included() ? Trait.TAX_INCLUDED : Trait.TAX_EXCLUDED);
            if (o.taxes.size() > 1) {
                t.add(Trait.TWO_TAXES);
            }
            if (o.taxes.stream().anyMatch(r -> r.shippingTax.signum() > 0)) {
                t.add(Trait.SHIPPING_TAXED);
            }
        } else if (o.exempt) {
            t.add(Trait.TAX_EXEMPT);
        } else {
            t.add(Trait.NO_TAX);
        }
        if (!o.taxes.isEmpty() && o.lines.stream().anyMatch(l -> l.taxed)
                && o.lines.stream().anyMatch(l -> !l.taxed)) {
            t.add(Trait.MIXED_TAX_LINES);
        }
        if (o.subtotalDiscount.signum() > 0) {
            t.add(Trait.SUBTOTAL_DISCOUNT);
        }
        if (o.coupon != null && o.subtotalDiscount.signum() > 0) {
            t.add(Trait.COUPON);
        }
        if (o.discount.signum() > 0) {
            t.add(Trait.PRODUCT_DISCOUNT);
        }
        if (o.surcharge.signum() > 0) {
            t.add(Trait.PAYMENT_SURCHARGE);
        }
        if (o.shipping == null && o.children.isEmpty()) {
            t.add(Trait.NO_SHIPPING);
        } else if (o.shippingCost.signum() == 0) {
            t.add(Trait.FREE_SHIPPING);
        }
        if (o.giftCost.signum() > 0) {
            t.add(Trait.GIFT_CERTIFICATE);
        }
        if (o.total.signum() == 0) {
            t.add(Trait.ZERO_TOTAL);
        }
        for (LineDraft l : o.lines) {
            if (l.total().compareTo(BigDecimal.valueOf(100_000)) >= 0) {
                t.add(Trait.HIGH_VALUE);
            }
            if (l.amount >= 20) {
                t.add(Trait.BULK_QUANTITY);
            }
            if (!l.variants.isEmpty()) {
                t.add(Trait.PRODUCT_OPTIONS);
            }
            if (!l.item.exists()) {
                t.add(Trait.DELETED_PRODUCT);
            }
            if (l.name.length() != l.name.getBytes(StandardCharsets.UTF_8).length) {
                t.add(Trait.MULTIBYTE_NAME);
            }
        }
        if (roundingDiffers(o)) {
            t.add(Trait.ROUNDING_DIFFERENCE);
        }
        if (o.paymentInfo != null) {
            t.add(Trait.PAYMENT_INFO);
        }
        if (o.currency != null && !o.currency.equals("USD")) {
            t.add(Trait.DISPLAY_CURRENCY);
        }
        if (o.issuer != null) {
            t.add(Trait.ADMIN_CREATED);
        }
        if (!o.notes.isEmpty()) {
            t.add(Trait.CUSTOMER_NOTES);
        }
    }

    // ------------------------------------------------------------------------------------------------ rows

    private void writeOrder(Ord o, RowInserter orders, RowInserter details, RowInserter data) throws SQLException {
        check(o);
        statusLog(o);
        Buyer b = o.buyer;
        Address bill = b.billing();
        Address ship = b.shipping().isEmpty() && !bill.isEmpty() ? bill : b.shipping();
        String shippingIds = o.parent ? String.join(",", o.children.stream().filter(c -> c.shipping != null)
                .map(c -> Integer.toString(c.shipping.shippingId())).distinct().toList())
                : o.shipping == null ? "" : Integer.toString(o.shipping.shippingId());
        String promotions = "a:0:{}";
        String promotionIds = "";
        if (o.promotion != 0) {
            Map<String, Object> bonus = new LinkedHashMap<>();
            bonus.put("bonus", "order_discount");
            bonus.put("discount_bonus", o.promotion == PROMOTION_FIXED ? "by_fixed" : "by_percentage");
            bonus.put("discount_value", o.promotion == PROMOTION_FULL ? "100" : o.promotionValue.toPlainString());
            Map<Object, Object> promo = new LinkedHashMap<>();
            promo.put(o.promotion, Map.of("bonuses", List.of(bonus)));
            promotions = PhpSerialize.serializeToString(promo);
            promotionIds = Integer.toString(o.promotion);
        }
        String lang = b.langCode() == null || b.langCode().isEmpty() ? "en" : b.langCode();
        orders.add(o.id, o.parent ? "Y" : "N", o.parentId, o.companyId, o.issuer, b.userId(), o.total, o.subtotal,
                o.discount, o.subtotalDiscount, o.surcharge, shippingIds, o.shippingCost, o.ts, o.status, o.notes, "",
                promotions, promotionIds, o.firstname(), o.lastname(), b.company(), bill.firstname(),
                bill.lastname(), bill.address(), bill.address2(), bill.city(), bill.county(), bill.state(),
                bill.country(), bill.zipcode(), bill.phone(), ship.firstname(), ship.lastname(), ship.address(),
                ship.address2(), ship.city(), ship.county(), ship.state(), ship.country(), ship.zipcode(),
                ship.phone(), "", b.phone(), "", "", o.email, o.paymentId, o.exempt ? "Y" : "N", lang,
                o.ip.getBytes(StandardCharsets.US_ASCII), 0, "", 0, b.profileId(), 1L, o.updatedAt);
        for (LineDraft l : o.lines) {
            details.add(l.itemId, o.id, l.item.productId(), l.item.code(), l.price, l.amount,
                    PhpSerialize.serialize(extra(l)));
        }
        if (o.currency != null) {
            data.add(++orderDataId, o.id, "R", PhpSerialize.serialize(o.currency));
        }
        if (!o.taxes.isEmpty()) {
            data.add(++orderDataId, o.id, "T", PhpSerialize.serialize(taxData(o, lang)));
        }
        List<Ord> groups = o.parent ? o.children : List.of(o);
        List<Object> shippings = new ArrayList<>();
        for (Ord group : groups) {
            if (group.shipping != null) {
                shippings.add(shippingData(group));
            }
        }
        if (!shippings.isEmpty()) {
            data.add(++orderDataId, o.id, "L", PhpSerialize.serialize(shippings));
        }
        if (o.coupon != null && o.subtotalDiscount.signum() > 0) {
            data.add(++orderDataId, o.id, "C", PhpSerialize.serialize(Map.of(o.coupon, List.of(o.promotion))));
        }
        if (o.giftCost.signum() > 0) {
            Map<String, Object> gc = new LinkedHashMap<>();
            gc.put("gift_cert_id", Long.toString(o.giftId));
            gc.put("amount", o.giftAmount.toPlainString());
            gc.put("cost", o.giftCost);
            gc.put("log_id", o.giftLogId);
            data.add(++orderDataId, o.id, "U", PhpSerialize.serialize(Map.of(o.giftCode, gc)));
        }
        if (o.paymentInfo != null) {
            data.add(++orderDataId, o.id, "P", o.paymentInfo);
        }
    }

    /** CS-Cart's money invariant of order totals (fn.cart.php; a generator bug must not produce a bad fixture). */
    private static void check(Ord o) {
        BigDecimal subtotal = ZERO;
        for (LineDraft l : o.lines) {
            subtotal = subtotal.add(l.total());
        }
        BigDecimal expected = subtotal.subtract(o.subtotalDiscount).add(o.shippingCost).add(o.surcharge)
                .subtract(o.giftCost);
        for (TaxResult r : o.taxes) {
            if (!r.def.included()) {
                expected = expected.add(r.subtotal());
            }
        }
        if (subtotal.compareTo(o.subtotal) != 0 || expected.compareTo(o.total) != 0 || o.total.signum() < 0) {
            throw new IllegalStateException("Order " + o.id + " violates the total formula: total " + o.total
                    + ", expected " + expected + ", subtotal " + o.subtotal + " / " + subtotal);
        }
    }

    private Map<String, Object> extra(LineDraft l) {
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<Integer, String> selected = new LinkedHashMap<>();
        for (int i = 0; i < l.options.size(); i++) {
            selected.put(l.options.get(i).optionId(), Integer.toString(l.variants.get(i).variantId()));
        }
        extra.put("product_options", selected);
        extra.put("unlimited_download", "N");
        extra.put("product", l.name);
        extra.put("company_id", Long.toString(l.companyId));
        extra.put("is_edp", "N");
        extra.put("edp_shipping", "N");
        extra.put("discount", l.discount.signum() == 0 ? (Object) 0 : l.discount);
        extra.put("base_price", l.basePrice);
        extra.put("stored_price", "N");
        if (!l.options.isEmpty()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < l.options.size(); i++) {
                Option opt = l.options.get(i);
                Variant v = l.variants.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("option_id", Integer.toString(opt.optionId()));
                m.put("product_id", "0");
                m.put("company_id", Long.toString(l.companyId));
                m.put("option_type", opt.type());
                m.put("inventory", opt.inventory());
                m.put("regexp", "");
                m.put("required", "N");
                m.put("multiupload", "N");
                m.put("allowed_extensions", "");
                m.put("max_file_size", "0");
                m.put("missing_variants_handling", "M");
                m.put("status", "A");
                m.put("position", Integer.toString(10 * i));
                m.put("value", Integer.toString(v.variantId()));
                m.put("option_name", opt.name());
                m.put("option_text", "");
                m.put("description", "");
                m.put("inner_hint", "");
                m.put("incorrect_message", "");
                m.put("modifier", v.modifier().setScale(3).toPlainString());
                m.put("modifier_type", "A");
                m.put("variant_name", v.name());
                values.add(m);
            }
            extra.put("product_options_value", values);
        }
        return extra;
    }

    /** {@code T}: {tax_id: {rate_type, rate_value, price_includes_tax, regnumber, priority, tax_subtotal, ...}}. */
    private static Map<Integer, Object> taxData(Ord o, String lang) {
        Map<Integer, Object> taxes = new LinkedHashMap<>();
        for (TaxResult r : o.taxes) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("rate_type", "P");
            t.put("rate_value", r.def.rate().setScale(3).toPlainString());
            t.put("price_includes_tax", r.def.included() ? "Y" : "N");
            t.put("regnumber", r.def.regnumber());
            t.put("priority", 0);
            t.put("tax_subtotal", r.subtotal());
            t.put("description", r.def.description(lang));
            Map<String, Object> applies = new LinkedHashMap<>();
            if (o.unitMode) {
                // unit_price mode: one key per taxed thing with the tax charged on it
                r.perItem.forEach((itemId, amount) -> applies.put("P_" + itemId, amount));
                r.shippingGroups.forEach((group, shippingId) -> applies.put("S_" + group + "_" + shippingId,
                        r.shippingByGroup.getOrDefault(group, ZERO)));
                t.put("applies", applies);
                taxes.put(r.def.taxId(), t);
                continue;
            }
            applies.put("P", r.items.isEmpty() ? (Object) 0 : r.productTax);
            applies.put("S", r.shippingGroups.isEmpty() ? (Object) 0 : r.shippingTax);
            Map<String, Object> items = new LinkedHashMap<>();
            Map<Integer, Object> s = new LinkedHashMap<>();
            r.shippingGroups.forEach((group, shippingId) -> s.put(group, Map.of(shippingId, true)));
            items.put("S", s);
            Map<String, Object> p = new LinkedHashMap<>();
            for (long itemId : r.items) {
                p.put(Long.toString(itemId), true); // string keys, as in CS-Cart's stored data
            }
            items.put("P", p);
            applies.put("items", items);
            t.put("applies", applies);
            taxes.put(r.def.taxId(), t);
        }
        return taxes;
    }

    /** One element of {@code L}: the chosen shipping of a product group. */
    private Map<String, Object> shippingData(Ord o) {
        Shipping s = o.shipping;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shipping_id", Integer.toString(s.shippingId()));
        m.put("shipping", s.name());
        m.put("delivery_time", s.deliveryTime());
        m.put("rate_calculation", "M");
        m.put("service_params", Map.of());
        m.put("destination", "I");
        m.put("min_weight", "0.00");
        m.put("max_weight", "0.00");
        m.put("service_id", "0");
        m.put("module", null);
        m.put("service_code", null);
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("amount", "0");
        rate.put("value", s.rate());
        rate.put("type", "F");
        rate.put("per_unit", "N");
        Map<String, Object> rateInfo = new LinkedHashMap<>();
        rateInfo.put("rate_id", Integer.toString(50 + s.shippingId()));
        rateInfo.put("rate_value", Map.of("C", Map.of(0, rate)));
        m.put("rate_info", rateInfo);
        m.put("group_key", o.groupKey);
        m.put("rate", o.shippingCost);
        m.put("group_name", companyNames.getOrDefault(o.companyId, "Fixture Store"));
        return m;
    }

    // ------------------------------------------------------------------------------------------------ result

    private GeneratedOrder result(Ord o) {
        String lang = o.buyer.langCode() == null || o.buyer.langCode().isEmpty() ? "en" : o.buyer.langCode();
        List<GeneratedLine> lines = new ArrayList<>(o.lines.size());
        for (LineDraft l : o.lines) {
            List<String> options = new ArrayList<>();
            for (int i = 0; i < l.options.size(); i++) {
                options.add(l.options.get(i).name() + ": " + l.variants.get(i).name());
            }
            lines.add(new GeneratedLine(l.itemId, l.item.productId(), l.item.code(), l.name, l.price, l.amount,
                    l.basePrice, l.discount, List.copyOf(options), l.taxed, l.item.exists()));
        }
        List<GeneratedOrder.Tax> taxes = new ArrayList<>();
        for (TaxResult r : o.taxes) {
            taxes.add(new GeneratedOrder.Tax(r.def.taxId(), r.def.description(lang), r.def.rate(), r.def.included(),
                    r.subtotal(), r.productTax, r.shippingTax, r.perLine));
        }
        boolean included = !o.taxes.isEmpty() && o.taxes.get(0).def.included();
        String shippingName = o.parent ? (o.children.get(0).shipping == null ? ""
                : o.children.get(0).shipping.name()) : o.shipping == null ? "" : o.shipping.name();
        BigDecimal sd = o.subtotalDiscount;
        return new GeneratedOrder(o.id, o.buyer.userId(), o.status, o.email, o.buyer.userId() == 0, o.parent,
                o.total, o.subtotal, sd, o.shippingCost, o.surcharge, included, Collections.unmodifiableList(lines),
                Collections.unmodifiableSet(EnumSet.copyOf(o.traits)), o.parentId, o.companyId, o.ts, o.updatedAt,
                o.discount, List.copyOf(taxes), o.giftCost, shippingName, o.exempt);
    }

    // ------------------------------------------------------------------------------------------------ helpers

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

    /** Number of elements {@code <= key} in the sorted array. */
    private static int upperBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
