package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a real store has that CS-Cart's demo data lacks, added to a {@link RealStore} the way CS-Cart writes it
 * ({@code order_data T} as PHP {@code serialize()} output, totals by CS-Cart's formula, CS-Cart's order totals, fn.cart.php):
 *
 * <ul>
 *   <li>Taxes: the demo's VAT (tax 6, included in prices, 12 % default destination, 10 % USA, 3 % Canada) is used at
 *       all three rates; {@link #SALES_TAX} "Sales Tax" 8.875 % and {@link #COUNTY_TAX} "County Tax" 2.5 % (added to
 *       prices, same priority, a new "New York City" destination) are charged together on the same lines.</li>
 *   <li>Both tax calculation methods: "subtotal" (CS-Cart's default: each tax once on the sum of the taxed lines and once
 *       on the shipping) and "unit_price" (each tax rounded per unit, times the quantity, {@code P_<item>} keys), so
 *       the per-line rounding a Xero invoice does differs from CS-Cart's by up to several cents; orders of 100 lines;
 *       taxed shipping; order discounts ({@code subtotal_discount}); untaxed and tax-exempt orders.</li>
 *   <li>Customers: invalid e-mails Xero refuses ({@code jane.doe(at)example.com}, a space, no dot in the domain,
 *       an umlaut), two "John Smith" without company, company-less customers, a 68-character phone, a first name with a
 *       double space, an administrator; guests, one of them buying with a registered customer's e-mail in other case
 *       and with spaces.</li>
 * </ul>
 * Deterministic (fixed seed). Inserted on a CS-Cart-like connection ({@code sql_mode=''}, {@code SET NAMES utf8}).
 */
public final class RealStoreAdditions {

    public static final int VAT = 6;
    public static final int SALES_TAX = 7;
    public static final int COUNTY_TAX = 8;
    public static final BigDecimal SALES_RATE = new BigDecimal("8.875");
    public static final BigDecimal COUNTY_RATE = new BigDecimal("2.5");
    /** Orders are placed from this day on (UTC); every demo order is older. */
    public static final Instant FIRST_ORDER = Instant.parse("2025-03-01T15:00:00Z");

    static final long FIRST_USER = 101;
    static final long FIRST_PRODUCT = 1001;
    static final long FIRST_ORDER_ID = 1001;
    private static final BigDecimal ZERO = new BigDecimal("0.00");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Where a buyer lives, which decides the taxes of the order. */
    enum Region { MA, NY, GB, CA, DE }

    /** What was added, for the assertions that need particular rows. */
    public record Added(List<Long> customers, List<Long> invalidEmailCustomers, long adminUserId, long longPhoneCustomer,
            long sharedEmailCustomer, List<Long> guestOrdersWithCustomerEmail, List<Long> orders, List<Long> products,
            Map<Long, String> orderKinds) {
    }

    private record Customer(long userId, long profileId, String email, String firstname, String lastname, String company,
            String phone, Region region) {
    }

    private record Product(long productId, String code, String name, BigDecimal price, String taxIds) {
    }

    private record Line(long itemId, Product product, BigDecimal price, int amount) {
        BigDecimal total() {
            return price.multiply(BigDecimal.valueOf(amount));
        }
    }

    private record TaxDef(int taxId, String description, BigDecimal rate, boolean included) {
        BigDecimal on(BigDecimal base) {
            return base.multiply(rate).divide(included ? HUNDRED.add(rate) : HUNDRED, 2, RoundingMode.HALF_UP);
        }
    }

    private final JdbcTemplate jdbc;
    private final Random rnd = new Random(10L);
    private final List<Customer> customers = new ArrayList<>();
    private final List<Product> vatProducts = new ArrayList<>();
    private final List<Product> usProducts = new ArrayList<>();
    private final List<Product> parts = new ArrayList<>();
    private final List<Long> orderIds = new ArrayList<>();
    private final Map<Long, String> kinds = new LinkedHashMap<>();
    private final List<Long> guestOrdersWithCustomerEmail = new ArrayList<>();
    private long nextOrder = FIRST_ORDER_ID;
    private long orderTime;

    private RealStoreAdditions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds taxes, customers, products and orders to a loaded {@link RealStore}. */
    public static Added addTo(DataSource store) {
        try (Connection c = store.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET NAMES utf8");
                st.execute("SET SESSION sql_mode = ''");   // CS-Cart's own connections are not strict
            }
            RealStoreAdditions a = new RealStoreAdditions(new JdbcTemplate(new SingleConnectionDataSource(c, true)));
            Added added = a.add();
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION sql_mode = DEFAULT");
                st.execute("SET NAMES utf8mb4");
            }
            return added;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Added add() {
        taxes();
        long admin = user(150, "A", "admin@store.example.com", "Store", "Admin", "", "+1 617 555 0100", Region.MA, true).userId();
        customers();
        products();
        orders();
        List<Long> invalid = customers.stream().filter(c -> !c.email().matches("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+"))
                .map(Customer::userId).toList();
        long longPhone = customers.stream().filter(c -> c.phone().length() > 50).findFirst().orElseThrow().userId();
        return new Added(customers.stream().map(Customer::userId).toList(), invalid, admin, longPhone, SHARED_EMAIL_USER,
                List.copyOf(guestOrdersWithCustomerEmail), List.copyOf(orderIds),
                java.util.stream.Stream.of(vatProducts, usProducts, parts).flatMap(List::stream).map(Product::productId).toList(),
                Map.copyOf(kinds));
    }

    // ------------------------------------------------------------------------------------------------ taxes

    private void taxes() {
        int stateNy = jdbc.queryForObject("SELECT state_id FROM cscart_states WHERE country_code = 'US' AND code = 'NY'", Integer.class);
        jdbc.update("INSERT INTO cscart_destinations (destination_id, localization, status) VALUES (9, '', 'A')");
        jdbc.update("INSERT INTO cscart_destination_descriptions (destination_id, lang_code, destination) VALUES (9, 'en', 'New York City')");
        jdbc.update("INSERT INTO cscart_destination_elements (destination_id, element, element_type) VALUES (9, 'US', 'C'), (9, ?, 'S')",
                Integer.toString(stateNy));
        for (Object[] t : new Object[][] { { SALES_TAX, "Sales Tax", "NY-ST-1", SALES_RATE }, { COUNTY_TAX, "County Tax", "NYC-CT-2", COUNTY_RATE } }) {
            jdbc.update("INSERT INTO cscart_taxes (tax_id, address_type, status, price_includes_tax, display_including_tax, "
                    + "display_info, regnumber, priority) VALUES (?, 'S', 'A', 'N', 'N', '', ?, 0)", t[0], t[2]);
            jdbc.update("INSERT INTO cscart_tax_descriptions (tax_id, lang_code, tax) VALUES (?, 'en', ?)", t[0], t[1]);
            jdbc.update("INSERT INTO cscart_tax_rates (tax_id, destination_id, rate_value, rate_type) VALUES (?, 9, ?, 'P')", t[0], t[3]);
        }
    }

    private TaxDef vat(Region region) {
        BigDecimal rate = switch (region) {
            case MA, NY -> BigDecimal.TEN;
            case CA -> BigDecimal.valueOf(3);
            default -> BigDecimal.valueOf(12);
        };
        return new TaxDef(VAT, "VAT", rate, true);
    }

    private static final TaxDef SALES = new TaxDef(SALES_TAX, "Sales Tax", SALES_RATE, false);
    private static final TaxDef COUNTY = new TaxDef(COUNTY_TAX, "County Tax", COUNTY_RATE, false);

    // ------------------------------------------------------------------------------------------------ customers

    static final long SHARED_EMAIL_USER = 107;

    private void customers() {
        customer(101, "jane.doe(at)example.com", "Jane", "Doe", "", "+1 617 555 0101", Region.MA);
        customer(102, "bob stone@example.com", "Bob", "Stone", "Stone & Sons", "+1 212 555 0102", Region.NY);
        customer(103, "mary@example", "Mary", "Major", "", "+44 20 7946 0103", Region.GB);
        customer(104, "jürgen@example.de", "Jürgen", "Groß", "Groß GmbH", "+49 30 555 0104", Region.DE);
        customer(105, "john.smith@example.com", "John", "Smith", "", "+1 617 555 0105", Region.MA);
        customer(106, "jsmith@example.net", "John", "Smith", "", "+1 212 555 0106", Region.NY);
        customer(SHARED_EMAIL_USER, "Pat.Jones@Example.com", "Pat", "Jones", "Jones Consulting", "+1 416 555 0107", Region.CA);
        customer(108, "long.phone@example.com", "Lee", "Long", "",
                "+1 (212) 555-0100 ext. 1234 / mobile +1 (917) 555-0199 / after 6pm only", Region.NY);
        customer(109, "mary.ann@example.org", "Mary  Ann", "O'Neil", "", "+1 617 555 0109", Region.MA);
        customer(110, "ANNA.LEE@EXAMPLE.ORG", "Anna", "Lee", "Lee & Partners LLP", "", Region.GB);
        String[][] names = { { "Olivia", "Brown" }, { "Liam", "Wilson" }, { "Emma", "Taylor" }, { "Noah", "Davies" },
                { "Ava", "Evans" }, { "Lucas", "Martin" }, { "Mia", "Roy" }, { "Ethan", "Tremblay" }, { "Sophie", "Gagnon" },
                { "Felix", "Wagner" }, { "Lena", "Becker" }, { "Henry", "Clark" }, { "Grace", "Lewis" }, { "Jack", "Walker" },
                { "Chloe", "Hall" }, { "Oscar", "Young" }, { "Ruby", "King" }, { "Leo", "Wright" }, { "Ella", "Scott" },
                { "Max", "Green" } };
        Region[] regions = Region.values();
        for (int i = 0; i < names.length; i++) {
            String company = i % 3 == 0 ? names[i][1] + " Trading" : "";
            customer(111 + i, names[i][0].toLowerCase() + "." + names[i][1].toLowerCase() + "@example.com", names[i][0],
                    names[i][1], company, "+1 555 01" + (10 + i), regions[i % regions.length]);
        }
    }

    private void customer(long userId, String email, String first, String last, String company, String phone, Region region) {
        customers.add(user(userId, "C", email, first, last, company, phone, region, false));
    }

    private Customer user(long userId, String type, String email, String first, String last, String company, String phone,
            Region region, boolean admin) {
        long registered = FIRST_ORDER.getEpochSecond() - 86_400L * (400 - userId);
        jdbc.update("INSERT INTO cscart_users (user_id, status, user_type, user_login, is_root, company_id, timestamp, password, "
                + "salt, firstname, lastname, company, email, phone, tax_exempt, lang_code, password_change_timestamp) "
                + "VALUES (?, 'A', ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, 'N', 'en', ?)", userId, type, "user_" + userId,
                admin ? "Y" : "N", admin ? 0 : 1, registered, "5f4dcc3b5aa765d61d8327deb882cf99", first, last, company, email,
                phone, registered);
        Address a = address(region, (int) userId);
        jdbc.update("INSERT INTO cscart_user_profiles (user_id, profile_type, b_firstname, b_lastname, b_address, b_city, b_state, "
                + "b_country, b_zipcode, b_phone, s_firstname, s_lastname, s_address, s_city, s_state, s_country, s_zipcode, "
                + "s_phone, profile_name, profile_update_timestamp) VALUES (?, 'P', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "'Main', ?)", userId, first, last, a.street(), a.city(), a.state(), a.country(), a.zip(), phone, first, last,
                a.street(), a.city(), a.state(), a.country(), a.zip(), phone, registered);
        long profileId = jdbc.queryForObject("SELECT profile_id FROM cscart_user_profiles WHERE user_id = ?", Long.class, userId);
        return new Customer(userId, profileId, email, first, last, company, phone, region);
    }

    private record Address(String street, String city, String state, String country, String zip) {
    }

    private static Address address(Region region, int n) {
        return switch (region) {
            case MA -> new Address(n + " Beacon Street", "Boston", "MA", "US", "02108");
            case NY -> new Address(n + " West 34th Street", "New York", "NY", "US", "10001");
            case GB -> new Address(n + " Baker Street", "London", "", "GB", "NW1 6XE");
            case CA -> new Address(n + " King Street West", "Toronto", "ON", "CA", "M5H 1J9");
            case DE -> new Address("Unter den Linden " + n, "Berlin", "BER", "DE", "10117");
        };
    }

    // ------------------------------------------------------------------------------------------------ products

    private void products() {
        long category = jdbc.queryForObject("SELECT MIN(category_id) FROM cscart_categories WHERE company_id = 1 AND status = 'A'", Long.class);
        String[] vatNames = { "Espresso Cup", "Linen Tea Towel", "Oak Chopping Board", "Ceramic Teapot", "Wool Throw",
                "Copper Kettle", "Glass Carafe", "Bamboo Tray", "Cast Iron Pan", "Olive Wood Spoon", "Stoneware Bowl", "Butter Dish" };
        String[] usNames = { "Trail Backpack", "Rain Shell Jacket", "Camp Stove", "Headlamp", "Water Filter", "Sleeping Pad",
                "Trekking Poles", "Dry Bag", "Camp Mug", "Fire Starter" };
        long id = FIRST_PRODUCT;
        for (int i = 0; i < vatNames.length; i++) {
            vatProducts.add(product(id++, String.format("RS-VAT-%02d", i + 1), vatNames[i], price(2, 180), "6", category));
        }
        for (int i = 0; i < usNames.length; i++) {
            usProducts.add(product(id++, String.format("RS-US-%02d", i + 1), usNames[i], price(3, 260), "7,8", category));
        }
        for (int i = 0; i < 100; i++) {
            parts.add(product(id++, String.format("RS-PART-%03d", i + 1), String.format("Spare Part No. %03d", i + 1),
                    price(0, 40), "6,7,8", category));
        }
    }

    /** A price with "odd" cents, the kind whose tax rarely comes out even. */
    private BigDecimal price(int minDollars, int maxDollars) {
        int dollars = minDollars + rnd.nextInt(maxDollars - minDollars + 1);
        int cents = 1 + rnd.nextInt(99);
        return BigDecimal.valueOf(dollars * 100L + cents, 2);
    }

    private Product product(long id, String code, String name, BigDecimal price, String taxIds, long category) {
        long now = FIRST_ORDER.getEpochSecond() - 86_400L * 30;
        jdbc.update("INSERT INTO cscart_products (product_id, product_code, product_type, status, company_id, list_price, amount, "
                + "weight, timestamp, updated_timestamp, tax_ids, details_layout) VALUES (?, ?, 'P', 'A', 1, 0, 100, 1, ?, ?, ?, 'default')",
                id, code, now, now, taxIds);
        jdbc.update("INSERT INTO cscart_product_descriptions (product_id, lang_code, product, short_description, full_description) "
                + "VALUES (?, 'en', ?, '', ?)", id, name, "<p>" + name + ", made to last.</p>");
        jdbc.update("INSERT INTO cscart_product_prices (product_id, price, lower_limit, usergroup_id) VALUES (?, ?, 1, 0)", id, price);
        jdbc.update("INSERT INTO cscart_products_categories (product_id, category_id, link_type, position) VALUES (?, ?, 'M', 0)", id, category);
        return new Product(id, code, name, price, taxIds);
    }

    // ------------------------------------------------------------------------------------------------ orders

    /** How CS-Cart computed an order's taxes ({@code settings_objects tax_calculation}). */
    enum Mode { SUBTOTAL, UNIT_PRICE }

    private Customer buyer(Region region, int n) {
        List<Customer> in = customers.stream().filter(c -> c.region() == region).toList();
        return in.get(n % in.size());
    }

    private void orders() {
        // the VAT at each of its three destination rates, included in prices
        for (int i = 0; i < 7; i++) {
            order("VAT 10% subtotal", buyer(Region.MA, i), vat(Region.MA), null, lines(vatProducts, 1 + i % 4, 1 + i % 3), Mode.SUBTOTAL,
                    i % 2 == 0 ? new BigDecimal("12.50") : ZERO, i % 2 == 0, ZERO, status(i));
        }
        for (int i = 0; i < 6; i++) {
            Region r = i % 3 == 2 ? Region.DE : Region.GB;
            order("VAT 12% subtotal", buyer(r, i), vat(r), null, lines(vatProducts, 1 + i % 3, 2), Mode.SUBTOTAL,
                    new BigDecimal("9.95"), i % 2 == 1, ZERO, status(i + 1));
        }
        for (int i = 0; i < 5; i++) {
            order("VAT 3% subtotal", buyer(Region.CA, i), vat(Region.CA), null, lines(vatProducts, 2 + i % 3, 3), Mode.SUBTOTAL,
                    new BigDecimal("15.00"), true, ZERO, status(i + 2));
        }
        // US state sales tax and county tax on the same lines, added to prices
        for (int i = 0; i < 7; i++) {
            order("Sales+County subtotal", buyer(Region.NY, i), SALES, COUNTY, lines(usProducts, 1 + i % 4, 1 + i % 4), Mode.SUBTOTAL,
                    i % 3 == 0 ? new BigDecimal("7.99") : ZERO, i % 3 == 0, ZERO, status(i));
        }
        // "unit_price" calculation: tax per unit, rounded, times the quantity
        for (int i = 0; i < 5; i++) {
            order("Sales+County unit_price", buyer(Region.NY, i + 2), SALES, COUNTY, lines(usProducts, 2 + i % 3, 7), Mode.UNIT_PRICE,
                    new BigDecimal("11.45"), i % 2 == 0, ZERO, status(i + 3));
        }
        for (int i = 0; i < 4; i++) {
            Region r = i == 3 ? Region.CA : Region.MA;
            order("VAT unit_price", buyer(r, i + 1), vat(r), null, lines(vatProducts, 2 + i, 9), Mode.UNIT_PRICE,
                    new BigDecimal("6.49"), i % 2 == 1, ZERO, status(i));
        }
        // 100-line orders
        order("100 lines VAT 10% subtotal", buyer(Region.MA, 3), vat(Region.MA), null, lines(parts, 100, 4), Mode.SUBTOTAL,
                new BigDecimal("49.00"), true, ZERO, "C");
        order("100 lines Sales+County subtotal", buyer(Region.NY, 4), SALES, COUNTY, lines(parts, 100, 4), Mode.SUBTOTAL,
                new BigDecimal("49.00"), true, ZERO, "P");
        order("100 lines VAT 12% unit_price", buyer(Region.GB, 2), vat(Region.GB), null, lines(parts, 100, 6), Mode.UNIT_PRICE,
                ZERO, false, ZERO, "C");
        // order discounts (a promotion: subtotal_discount lowers every taxed product's base in proportion)
        order("VAT 10% subtotal discount", buyer(Region.MA, 5), vat(Region.MA), null, lines(vatProducts, 3, 2), Mode.SUBTOTAL,
                new BigDecimal("8.00"), true, new BigDecimal("10.00"), "C");
        order("Sales+County subtotal discount", buyer(Region.NY, 5), SALES, COUNTY, lines(usProducts, 3, 2), Mode.SUBTOTAL,
                new BigDecimal("8.00"), false, new BigDecimal("15.55"), "P");
        // untaxed: the store's own country without a rate, and a tax-exempt buyer
        order("untaxed", buyer(Region.DE, 0), null, null, lines(vatProducts, 2, 2), Mode.SUBTOTAL, new BigDecimal("19.00"), false, ZERO, "C");
        jdbc.update("UPDATE cscart_users SET tax_exempt = 'Y' WHERE user_id = ?", 121);
        order("tax exempt", customers.stream().filter(c -> c.userId() == 121).findFirst().orElseThrow(), null, null,
                lines(usProducts, 2, 2), Mode.SUBTOTAL, ZERO, false, ZERO, "P");
        // guests: one with a registered customer's e-mail (other case, spaces), others on their own
        Customer pat = customers.stream().filter(c -> c.userId() == SHARED_EMAIL_USER).findFirst().orElseThrow();
        Customer patAsGuest = new Customer(0, 0, "  pat.JONES@example.COM ", "Pat", "Jones", "", pat.phone(), Region.CA);
        guestOrdersWithCustomerEmail.add(order("guest with a customer's e-mail", patAsGuest, vat(Region.CA), null,
                lines(vatProducts, 2, 2), Mode.SUBTOTAL, new BigDecimal("15.00"), true, ZERO, "C"));
        Customer walkIn = new Customer(0, 0, "walk.in@example.net", "Walk", "In", "", "+1 617 555 0199", Region.MA);
        order("guest", walkIn, vat(Region.MA), null, lines(vatProducts, 1, 1), Mode.SUBTOTAL, ZERO, false, ZERO, "C");
        order("guest", walkIn, vat(Region.MA), null, lines(vatProducts, 2, 1), Mode.SUBTOTAL, ZERO, false, ZERO, "P");
        Customer nyGuest = new Customer(0, 0, "visitor@example.org", "Vera", "Visitor", "Visitor Events Inc", "", Region.NY);
        order("guest", nyGuest, SALES, COUNTY, lines(usProducts, 2, 3), Mode.SUBTOTAL, new BigDecimal("7.99"), true, ZERO, "C");
        // every invalid-e-mail customer buys
        for (Customer c : customers.subList(0, 4)) {
            boolean us = c.region() == Region.NY;
            order("customer with an invalid e-mail", c, us ? SALES : vat(c.region()), us ? COUNTY : null,
                    lines(us ? usProducts : vatProducts, 2, 2), Mode.SUBTOTAL, ZERO, false, ZERO, "C");
        }
    }

    private static String status(int i) {
        return switch (i % 9) {
            case 4 -> "O";
            case 7 -> "I";
            case 1, 5 -> "P";
            default -> "C";
        };
    }

    private List<Line> lines(List<Product> from, int count, int maxQty) {
        List<Product> pool = new ArrayList<>(from);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Product p = pool.remove(rnd.nextInt(pool.size()));
            lines.add(new Line(itemId(p.productId()), p, p.price(), 1 + rnd.nextInt(maxQty)));
        }
        return lines;
    }

    /** CS-Cart's cart id: a CRC32 of the product and its options (no options here). */
    private static long itemId(long productId) {
        CRC32 crc = new CRC32();
        crc.update(("product_id=" + productId).getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    /** One tax's amounts on one order: per taxed thing (unit_price) or per target (subtotal). */
    private record TaxResult(TaxDef def, BigDecimal products, BigDecimal shipping, Map<String, Object> applies) {
        BigDecimal subtotal() {
            return products.add(shipping);
        }
    }

    private long order(String kind, Customer buyer, TaxDef first, TaxDef second, List<Line> lines, Mode mode,
            BigDecimal shipping, boolean shippingTaxed, BigDecimal subtotalDiscount, String status) {
        long orderId = nextOrder++;
        // one a day, at any hour: some fall on another date in the store's time zone than in UTC
        orderTime = FIRST_ORDER.getEpochSecond() + 86_400L * (orderId - FIRST_ORDER_ID) + rnd.nextInt(86_400);
        BigDecimal subtotal = ZERO;
        for (Line l : lines) {
            subtotal = subtotal.add(l.total());
        }
        List<TaxResult> taxes = new ArrayList<>();
        for (TaxDef t : java.util.Arrays.asList(first, second)) {
            if (t != null) {
                taxes.add(mode == Mode.SUBTOTAL ? subtotalMode(t, lines, subtotal, subtotalDiscount, shipping, shippingTaxed)
                        : unitPriceMode(t, lines, shipping, shippingTaxed));
            }
        }
        BigDecimal excluded = ZERO;
        for (TaxResult r : taxes) {
            if (!r.def().included()) {
                excluded = excluded.add(r.subtotal());
            }
        }
        // fn_calculate_cart_content: subtotal − subtotal_discount + shipping + surcharge + taxes added to prices
        BigDecimal total = subtotal.subtract(subtotalDiscount).add(shipping).add(excluded);
        Address a = address(buyer.region(), (int) (buyer.userId() == 0 ? orderId : buyer.userId()));
        boolean exempt = buyer.userId() != 0 && "Y".equals(jdbc.queryForObject("SELECT tax_exempt FROM cscart_users WHERE user_id = ?",
                String.class, buyer.userId()));
        jdbc.update("INSERT INTO cscart_orders (order_id, is_parent_order, parent_order_id, company_id, user_id, total, subtotal, "
                + "discount, subtotal_discount, payment_surcharge, shipping_ids, shipping_cost, timestamp, status, notes, details, "
                + "promotions, promotion_ids, firstname, lastname, company, b_firstname, b_lastname, b_address, b_city, b_state, "
                + "b_country, b_zipcode, b_phone, s_firstname, s_lastname, s_address, s_city, s_state, s_country, s_zipcode, s_phone, "
                + "phone, email, payment_id, tax_exempt, lang_code, ip_address, profile_id, storefront_id, updated_at) "
                + "VALUES (?, 'N', 0, 1, ?, ?, ?, 0, ?, 0, ?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, 1, ?, 'en', ?, ?, 1, ?)",
                orderId, buyer.userId(), total, subtotal, subtotalDiscount, shipping.signum() > 0 ? "1" : "", shipping, orderTime,
                status, subtotalDiscount.signum() > 0 ? "a:1:{i:3;a:1:{s:7:\"bonuses\";a:0:{}}}" : "a:0:{}",
                subtotalDiscount.signum() > 0 ? "3" : "", buyer.firstname(), buyer.lastname(), buyer.company(),
                buyer.firstname(), buyer.lastname(), a.street(), a.city(), a.state(), a.country(), a.zip(), buyer.phone(),
                buyer.firstname(), buyer.lastname(), a.street(), a.city(), a.state(), a.country(), a.zip(), buyer.phone(),
                buyer.phone(), buyer.email(), exempt ? "Y" : "N", "7f000001".getBytes(StandardCharsets.US_ASCII),
                buyer.profileId(), orderTime);
        for (Line l : lines) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("product_options", Map.of());
            extra.put("unlimited_download", "N");
            extra.put("product", l.product().name());
            extra.put("company_id", "1");
            extra.put("is_edp", "N");
            extra.put("edp_shipping", "N");
            extra.put("discount", 0);
            extra.put("base_price", l.price());
            extra.put("stored_price", "N");
            jdbc.update("INSERT INTO cscart_order_details (item_id, order_id, product_id, product_code, price, amount, extra) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", l.itemId(), orderId, l.product().productId(), l.product().code(), l.price(),
                    l.amount(), PhpSerialize.serialize(extra));
        }
        if (!taxes.isEmpty()) {
            Map<Integer, Object> t = new LinkedHashMap<>();
            for (TaxResult r : taxes) {
                Map<String, Object> tax = new LinkedHashMap<>();
                tax.put("rate_type", "P");
                tax.put("rate_value", r.def().rate().setScale(3).toPlainString());
                tax.put("price_includes_tax", r.def().included() ? "Y" : "N");
                tax.put("regnumber", r.def().taxId() == VAT ? "1234242" : r.def().taxId() == SALES_TAX ? "NY-ST-1" : "NYC-CT-2");
                tax.put("priority", 0);
                tax.put("tax_subtotal", r.subtotal());
                tax.put("description", r.def().description());
                tax.put("applies", r.applies());
                t.put(r.def().taxId(), tax);
            }
            data(orderId, "T", PhpSerialize.serialize(t));
        }
        if (shipping.signum() > 0) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("shipping_id", "1");
            l.put("shipping", "Custom shipping method");
            l.put("delivery_time", "3-5 days");
            l.put("rate_calculation", "M");
            l.put("group_key", 0);
            l.put("rate", shipping);
            l.put("group_name", "CS-Cart");
            data(orderId, "L", PhpSerialize.serialize(List.of(l)));
        }
        if (subtotalDiscount.signum() > 0) {
            data(orderId, "C", PhpSerialize.serialize(Map.of("SPRING10", List.of(3))));
        }
        orderIds.add(orderId);
        kinds.put(orderId, kind);
        return orderId;
    }

    private void data(long orderId, String type, byte[] value) {
        jdbc.update("INSERT INTO cscart_order_data (order_id, type, data) VALUES (?, ?, ?)", orderId, type, value);
    }

    /**
     * "subtotal": the tax once on the taxed products' sum times the discount coefficient (rounded to cents first), once
     * on the shipping ({@code fn_calculate_taxes}); {@code applies} holds those two amounts and which items and
     * shipping they cover.
     */
    private static TaxResult subtotalMode(TaxDef t, List<Line> lines, BigDecimal subtotal, BigDecimal subtotalDiscount,
            BigDecimal shipping, boolean shippingTaxed) {
        BigDecimal taxed = ZERO;
        Map<String, Object> items = new LinkedHashMap<>();
        for (Line l : lines) {
            taxed = taxed.add(l.total());
            items.put(Long.toString(l.itemId()), true);
        }
        BigDecimal base = subtotalDiscount.signum() == 0 ? taxed
                : taxed.multiply(subtotal.subtract(subtotalDiscount)).divide(subtotal, 2, RoundingMode.HALF_UP);
        BigDecimal products = t.on(base);
        BigDecimal ship = shippingTaxed && shipping.signum() > 0 ? t.on(shipping) : ZERO;
        Map<String, Object> applies = new LinkedHashMap<>();
        applies.put("P", products);
        applies.put("S", ship.signum() == 0 ? (Object) 0 : ship);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("S", ship.signum() == 0 ? Map.of() : Map.of(0, Map.of(1, true)));
        targets.put("P", items);
        applies.put("items", targets);
        return new TaxResult(t, products, ship, applies);
    }

    /** "unit_price": per line {@code round(round(unit price × rate) × quantity)}, keys {@code P_<item>} and {@code S_<group>_<shipping>}. */
    private static TaxResult unitPriceMode(TaxDef t, List<Line> lines, BigDecimal shipping, boolean shippingTaxed) {
        Map<String, Object> applies = new LinkedHashMap<>();
        BigDecimal products = ZERO;
        for (Line l : lines) {
            BigDecimal lineTax = t.on(l.price()).multiply(BigDecimal.valueOf(l.amount())).setScale(2, RoundingMode.HALF_UP);
            applies.put("P_" + l.itemId(), lineTax);
            products = products.add(lineTax);
        }
        BigDecimal ship = ZERO;
        if (shippingTaxed && shipping.signum() > 0) {
            ship = t.on(shipping);
            applies.put("S_0_1", ship);
        }
        return new TaxResult(t, products, ship, applies);
    }
}
