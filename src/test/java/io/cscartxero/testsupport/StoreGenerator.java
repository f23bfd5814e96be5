package io.cscartxero.testsupport;

import io.cscartxero.testsupport.GeneratedCustomer.Address;
import io.cscartxero.testsupport.GeneratedCustomer.SecondaryProfile;
import io.cscartxero.testsupport.GeneratedCustomer.Trait;
import io.cscartxero.testsupport.StoreWords.City;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Writes a realistic, deterministic CS-Cart store through JDBC: the same seed (and the same sequence of calls on an
 * equally prepared database) gives the same rows, ids included.
 *
 * <h2>Customers ({@link #customers(int)})</h2>
 * Written like CS-Cart's {@code fn_update_user()} does: a {@code users} row ({@code user_type='C'},
 * {@code company_id=1}, {@code user_login='user_<id>'}, {@code password=''}, {@code salt=''}, {@code timestamp} =
 * registration, spread over the three years before {@link #DEFAULT_NOW} / {@link #withNow(long)}, ascending with the
 * id) and exactly one primary profile ({@code profile_type='P'}, {@code profile_name='Main'}, billing {@code b_*},
 * shipping {@code s_*}, {@code profile_update_timestamp}). Ids are assigned explicitly after the current maxima, so a
 * call can follow other inserts. All writes are multi-row {@code INSERT}s (500 rows each) in the server's default
 * {@code sql_mode}, i.e. strict mode on MariaDB 11.4; every value is checked against its column length first.
 *
 * <p>Non-customer accounts, which the connector must ignore, are interleaved in the id range and not counted in
 * {@code n}: on an empty {@code users} table a root administrator ({@code user_type='A'}, {@code is_root='Y'},
 * {@code company_id=0}) first, then one account every 250 customers, alternately staff ({@code 'A'}) and vendor
 * staff ({@code 'V'}), each with its own primary profile. Their ids: {@link #nonCustomerUserIds()}.
 *
 * <h2>Variety (per 1000 customers, drawn independently per dimension)</h2>
 * <ul>
 *   <li>Names: ordinary English names from 50&times;50 lists, 25 % with a company (725; natural duplicates and
 *       {@code O'Connor}-style apostrophes included); {@link Trait#DUPLICATE_NAME} "John Smith" (20);
 *       {@link Trait#NAME_CASE_VARIANT} "JOHN SMITH" / "john smith" (10); {@link Trait#ACCENTED} José Müller,
 *       Zoë Ångström (60); {@link Trait#NON_LATIN} 山田 太郎, 김 민준, Иван Петров, דוד כהן (40);
 *       {@link Trait#SYMBOLS} "Acme ★ Widgets™" (15); {@link Trait#EMOJI_REPLACED} (15, see below);
 *       {@link Trait#EMPTY_NAME} e-mail only (20); {@link Trait#COMPANY_ONLY} (40); {@link Trait#SINGLE_NAME}
 *       "Cher" (15); {@link Trait#LONG_FIELDS} first/last name 128, company 255, e-mail 128, phone 128, address
 *       255, city 64, zipcode 16, state 32 characters (the column maxima; Xero allows only 50 for a phone number)
 *       (10); {@link Trait#WHITESPACE} leading / trailing / repeated blanks (30).</li>
 *   <li>E-mail: valid, lower case (900); {@link Trait#UPPERCASE_EMAIL} (40); {@link Trait#INVALID_EMAIL} "foo@",
 *       "no-at-sign.example.com", "a@b", trailing or leading blanks, "user@müller.de", "two@@example.com", empty
 *       ... (40); {@link Trait#DUPLICATE_EMAIL} an earlier customer's address, half of them in another case (20).
 *       Customers without any name always get a valid address.</li>
 *   <li>Addresses in US, CA, GB, DE, FR, AU, JP, NZ with CS-Cart's real state codes ({@code NY}, {@code ON},
 *       {@code LDN}, {@code BAY}, {@code 75}, {@code NSW}; free text or empty for JP / NZ, which have no states in
 *       CS-Cart): {@link Trait#SHIPPING_SAME} (600), {@link Trait#SHIPPING_DIFFERENT} (220),
 *       {@link Trait#SHIPPING_EMPTY} (130), {@link Trait#ADDRESS_EMPTY} (50).</li>
 *   <li>{@link Trait#SECONDARY_PROFILE} (80), {@link Trait#DISABLED} status D (30), {@link Trait#TAX_EXEMPT} (20),
 *       {@link Trait#NO_PHONE} (200); language {@code en} 80 %, {@code fr} 15 %, empty 5 %.</li>
 * </ul>
 * In the first call with {@code n >= Trait.values().length}, one customer per trait is forced (spread evenly over the
 * call), so even a small store has every category.
 *
 * <h2>4-byte characters</h2>
 * CS-Cart's tables are {@code utf8} (utf8mb3): characters outside the Basic Multilingual Plane (emoji) cannot be
 * stored. In strict mode the {@code INSERT} fails ("Incorrect string value"); CS-Cart itself connects with
 * {@code SET NAMES utf8} and {@code sql_mode=''}, so MariaDB replaces each of the 4 bytes by {@code ?}: "Pizza 🍕
 * Palace" is stored as "Pizza ???? Palace". Real CS-Cart data therefore never contains 4-byte characters; the generator
 * writes exactly what CS-Cart would have stored ({@link #asStoredByCsCart(String)}) and refuses any 4-byte character.
 * 3-byte characters (★ ™ € 山) are fine.
 *
 * <h2>Products ({@link #products(int)})</h2>
 * Written like CS-Cart's {@code fn_update_product()}: a {@code products} row ({@code company_id=1},
 * {@code details_layout='default'}, the add-on columns {@code buy_now_url} / {@code facebook_obj_type} = '' because
 * they have no default, {@code timestamp} spread over three years, {@code updated_timestamp} equal (30 %) or later),
 * one {@code product_descriptions} row per {@code languages} row (the {@code fr} row repeats the {@code en} texts
 * unless translated, as CS-Cart copies them when a language is added), the base {@code product_prices} row
 * ({@code lower_limit=1}, {@code usergroup_id=0}) plus tier / usergroup rows that the connector must ignore, and
 * exactly one {@code products_categories} row with {@code link_type='M'} (category of company 1). Variety per 1000
 * (drawn independently per dimension; one product per {@link GeneratedProduct.Trait} forced in a first call of at
 * least twice the number of traits):
 * <ul>
 *   <li>Names: brand + adjective + noun (+ model) 770; over 50 characters (51..170) 80; accented 50; CJK / Hangul /
 *       Cyrillic / Greek 40; quotes, {@code &}, {@code <}, 3-byte symbols (★ ™ № ±) 50; emoji stored as "????" 10.
 *       French name differs 300. {@code full_description}: 1..3 HTML paragraphs with tags and entities
 *       ({@code &nbsp;}, {@code &eacute;}, {@code &#039;}), longer than 4000 characters 30, empty 50.</li>
 *   <li>Codes: unique ({@code A0148VPS1T}, {@code SKU-000123}, {@code ACM-OC-123}) 900; empty 30; duplicate of an
 *       earlier code 30 (a quarter in lower case); 31..64 characters 20; with '/' 20. Variation groups: 40 per 1000
 *       positions start a parent ({@code P}) with 2..4 variations ({@code V}, {@code parent_product_id}, code
 *       parent code + "-BLK", name parent name + " (Black)" / " (Noir)").</li>
 *   <li>Status A 850 / H 80 / D 70; negative stock 20; {@code tracking} B 600 / D 300 / NULL 100; {@code tax_ids}
 *       "6" 400, "" 150, "6,7" 100, "7" 100, "8" 150, "8,9" 100.</li>
 *   <li>Price (2 dp): 0.00 10; 1,000.00..9,999.99 30 (a third exactly 9,999.99); price points (0.99, 19.99, 129.95
 *       ...) about 480; any cents 0.50..300.49 otherwise. {@code list_price} above the price 300. Quantity tiers
 *       (lower_limit 10: -10 %, sometimes 50: -20 %) 200; usergroup 3 price (-25 %) 50; second category ('A') 150.</li>
 *   <li>25 per 1000 ids are skipped: products "deleted" later, still referenced by order lines.</li>
 * </ul>
 *
 * <h2>Orders ({@link #orders(int)}, {@link #ordersSummary(int)}, {@link #orders(int, Consumer)})</h2>
 * Written like {@code fn_place_order()}: an {@code orders} row with every NOT NULL column set
 * ({@code localization_id=0}, {@code storefront_id=1}, {@code promotions='a:0:{}'} unless promoted, {@code ip_address}
 * as {@code bin2hex(inet_pton())}, a few legacy plain-text ones), {@code order_details} rows ({@code item_id} =
 * CS-Cart's cart id {@code crc32("<product_id>[_<variant ids>]")}, {@code product_code} copied, {@code extra} =
 * {@link PhpSerialize serialize()} of {@code product_options}, {@code product} (name in the order's language, byte
 * lengths), {@code company_id}, {@code discount}, {@code base_price}, {@code product_options_value}) and
 * {@code order_data} rows: {@code R} currency viewed (700, EUR in 15 % of them), {@code T} taxes (CS-Cart's shape:
 * {@code rate_type, rate_value, price_includes_tax, regnumber, priority, tax_subtotal, description, applies{P, S,
 * items{S, P}}}, item ids as string keys), {@code L} chosen shipping (15 keys, shipping name and rate), {@code C}
 * coupon {@code {code: [promotion_id]}}, {@code U} gift certificate used {@code {code: {gift_cert_id, amount, cost,
 * log_id}}}, {@code P} encrypted payment info (base64, not serialized; 300). Order timestamps spread over two years,
 * ascending with the id; customers order after their registration.
 *
 * <p><b>Money</b> (BigDecimal, PHP rounding half up to 2 dp, CS-Cart's "subtotal" tax mode): {@code subtotal = Σ
 * price × amount}; {@code price} is after product discounts ({@code orders.discount} = Σ of them, informational) and
 * includes tax when the order's taxes include it. Like {@code fn_calculate_taxes()}, each tax is computed once on
 * the taxed lines' sum times {@code (subtotal − subtotal_discount) / subtotal}, rounded to cents
 * ({@code applies.P}), and once on the shipping cost ({@code applies.S}); included taxes as {@code base × rate /
 * (100 + rate)} (each on its own, also when two are included), excluded ones as {@code base × rate / 100}, all
 * rounded half up. The surcharge is fixed +
 * percent of what is due; a gift certificate pays at most what is due. For every order, parents included:
 * <pre>
 * total = subtotal − subtotal_discount + shipping_cost + payment_surcharge
 *         + Σ T.tax_subtotal (price_includes_tax = 'N') − Σ U.cost</pre>
 * (checked for every row before it is written). Xero rounds per line: {@link GeneratedOrder.Tax#perLineRounded()}
 * says what that gives; {@link GeneratedOrder.Trait#ROUNDING_DIFFERENCE} orders (30 per 1000 built on purpose, more
 * by chance) differ from {@code tax_subtotal} by a cent or more.
 *
 * <p><b>Variety per 1000</b> (one order per {@link GeneratedOrder.Trait} forced in a first call of at least four
 * times the number of traits):
 * <ul>
 *   <li>Buyers: guests 150 ({@code user_id=0}, {@code profile_id=0}, contact and addresses only in the order;
 *       about 45 % of them reuse an earlier guest's e-mail, a quarter of those in another case or with blanks);
 *       registered customers otherwise, names longer than 32 characters cut in {@code orders.firstname} /
 *       {@code lastname} (the {@code b_} fields keep them).</li>
 *   <li>Multi-Vendor: 20 checkouts become a parent ({@code is_parent_order='Y'}, status {@code T}, company 0, all
 *       lines, merged {@code T}, one {@code L} group per vendor, totals = Σ children) and 2 or 3 children
 *       ({@code parent_order_id}, vendor {@code company_id} 1..3, 1..3 lines each).</li>
 *   <li>Status C 420, P 330, O 80, I 50, F 30, D 30, B 30, N 30 (incomplete: to be ignored). {@code updated_at} =
 *       {@code timestamp} half of the time, up to 30 days later otherwise, 0 for 15 % of the oldest 15 % (legacy).</li>
 *   <li>Lines: 1 (450), 2 (250), 3 (150), 4..6 (120), 7..15 (30); quantity 1..5 mostly, 20..250 for 25 lines per
 *       1000; options on 150 lines; product discount (5..50 %) on 80 lines; deleted products on 20 lines;
 *       9,999.99 × 20 in 5 orders.</li>
 *   <li>Taxes: VAT 10 % included 350, GST 15 % included 100, both 30, Sales tax 8.25 % excluded 250, Sales tax + City
 *       tax 1.5 % 80, none 190; tax exempt ({@code tax_exempt='Y'}, no {@code T}) for exempt customers and 10 more;
 *       lines of products without {@code tax_ids} untaxed; shipping taxed in 700 of the taxed orders.</li>
 *   <li>Shipping: none (no {@code L}) 30, free 200, otherwise one of eight methods (4.15..49.99, some per item).
 *       Cart promotions ({@code subtotal_discount}): percent 70, fixed 40, 100 % 8, half of them with a coupon.
 *       Payment surcharge 60. Gift certificate 30. Zero totals (100 % discount and free shipping, or a certificate
 *       covering all) occur naturally and once forced. Notes 50, placed by an administrator ({@code issuer_id})
 *       20.</li>
 * </ul>
 * 100,000 orders take about 20 s on a laptop-class machine ({@link #ordersSummary(int)} keeps only counts).
 */
public final class StoreGenerator {

    /** Default "now": 2026-01-01T00:00:00Z. Fixed, so that generated rows do not depend on the wall clock. */
    public static final long DEFAULT_NOW = 1_767_225_600L;
    private static final long YEAR = 365L * 86_400L;
    private static final int NON_CUSTOMER_EVERY = 250;

    private enum NameKind {
        NORMAL(725, null), DUPLICATE(20, Trait.DUPLICATE_NAME), CASE_VARIANT(10, Trait.NAME_CASE_VARIANT),
        ACCENTED(60, Trait.ACCENTED), NON_LATIN(40, Trait.NON_LATIN), SYMBOLS(15, Trait.SYMBOLS),
        EMOJI(15, Trait.EMOJI_REPLACED), EMPTY(20, Trait.EMPTY_NAME), COMPANY_ONLY(40, Trait.COMPANY_ONLY),
        SINGLE(15, Trait.SINGLE_NAME), LONG(10, Trait.LONG_FIELDS), WHITESPACE(30, Trait.WHITESPACE),
        QUOTES(0, Trait.QUOTES);

        final int weight;
        final Trait trait;

        NameKind(int weight, Trait trait) {
            this.weight = weight;
            this.trait = trait;
        }
    }

    private enum EmailKind {
        VALID(900, null), UPPER(40, Trait.UPPERCASE_EMAIL), INVALID(40, Trait.INVALID_EMAIL),
        DUPLICATE(20, Trait.DUPLICATE_EMAIL);

        final int weight;
        final Trait trait;

        EmailKind(int weight, Trait trait) {
            this.weight = weight;
            this.trait = trait;
        }
    }

    private enum AddressKind {
        SAME(600, Trait.SHIPPING_SAME), DIFFERENT(220, Trait.SHIPPING_DIFFERENT), SHIPPING_EMPTY(130,
                Trait.SHIPPING_EMPTY), EMPTY(50, Trait.ADDRESS_EMPTY);

        final int weight;
        final Trait trait;

        AddressKind(int weight, Trait trait) {
            this.weight = weight;
            this.trait = trait;
        }
    }

    final DataSource ds;
    final String prefix;
    final SplittableRandom rnd;
    long now = DEFAULT_NOW;
    private long lastRegistration;
    private int customersWritten;
    private int nonCustomerToggle;
    private final List<String> validEmails = new ArrayList<>();
    private final List<Long> nonCustomerUserIds = new ArrayList<>();
    // products / orders state across calls (package-private for ProductGenerator / OrderGenerator)
    long lastProductCreated;
    int productsWritten;
    final List<String> productCodes = new ArrayList<>();
    final List<ProductGenerator.Deleted> deletedProducts = new ArrayList<>();
    long lastOrderTimestamp;
    int ordersWritten;
    final List<OrderGenerator.Buyer> guests = new ArrayList<>();

    /**
     * @param ds     the store database (with the {@link CsCartFixture} tables, or a real CS-Cart schema)
     * @param prefix table prefix, e.g. {@code cscart_}
     * @param seed   random seed; same seed, same data
     */
    public StoreGenerator(DataSource ds, String prefix, long seed) {
        this.ds = ds;
        this.prefix = CsCartFixture.checkPrefix(prefix);
        this.rnd = new SplittableRandom(seed);
    }

    /** Sets "now" (unix seconds) for generated timestamps; the default is {@link #DEFAULT_NOW}. */
    public StoreGenerator withNow(long epochSeconds) {
        this.now = epochSeconds;
        return this;
    }

    /** User ids of the admin / vendor accounts written so far (not customers; the connector must skip them). */
    public List<Long> nonCustomerUserIds() {
        return List.copyOf(nonCustomerUserIds);
    }

    /** Creates the fixture tables if {@code <prefix>users} does not exist, then writes {@code customers} customers. */
    public static List<GeneratedCustomer> populate(DataSource ds, String prefix, int customers, long seed) {
        createFixtureIfMissing(ds, prefix);
        return new StoreGenerator(ds, prefix, seed).customers(customers);
    }

    /**
     * Creates the fixture tables if {@code <prefix>users} does not exist, then writes {@code customers} customers,
     * {@code products} products and {@code orders} orders (in that order, one generator, so the same arguments give
     * the same store). The orders are not kept in memory: see {@link StoreData#orders()} for their counts.
     */
    public static StoreData populateStore(DataSource ds, String prefix, int customers, int products, int orders,
            long seed) {
        createFixtureIfMissing(ds, prefix);
        StoreGenerator g = new StoreGenerator(ds, prefix, seed);
        List<GeneratedCustomer> cs = g.customers(customers);
        List<GeneratedProduct> ps = g.products(products);
        OrderSummary os = g.ordersSummary(orders);
        return new StoreData(cs, ps, os);
    }

    private static void createFixtureIfMissing(DataSource ds, String prefix) {
        CsCartFixture.checkPrefix(prefix);
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, prefix + "users", null)) {
            if (!rs.next()) {
                CsCartFixture.create(ds, prefix);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code StoreGenerator <jdbcUrl> <user> <password> [prefix=cscart_] [customers=10000] [seed=42] [products=0]
     * [orders=0]}: fills a database (creating the fixture tables if missing) and prints the time taken.
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: StoreGenerator <jdbcUrl> <user> <password> [prefix] [customers] [seed]"
                    + " [products] [orders]");
            System.exit(2);
        }
        DriverManagerDataSource ds = new DriverManagerDataSource(args[0], args[1], args[2]);
        String prefix = args.length > 3 ? args[3] : CsCartFixture.DEFAULT_PREFIX;
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 42L;
        int products = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        int orders = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        long t0 = System.nanoTime();
        StoreData data = populateStore(ds, prefix, n, products, orders, seed);
        System.out.printf(Locale.ROOT, "%d customers, %d products, %d orders (%d lines) written in %d ms%n", n,
                products, data.orders().orders(), data.orders().lines(), (System.nanoTime() - t0) / 1_000_000);
    }

    // ------------------------------------------------------------------------------------------------ products

    /**
     * Writes {@code n} products ({@code products}, one {@code product_descriptions} row per {@code languages} row,
     * {@code product_prices}, {@code products_categories}) and returns them in id order. See the class comment for
     * the variety. Ids continue after the current maximum, with a gap now and then: a product "deleted" later, which
     * {@link #orders(int)} still references.
     */
    public List<GeneratedProduct> products(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0");
        }
        try (Connection c = ds.getConnection()) {
            return new ProductGenerator(this).write(c, n);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write products", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ orders

    /**
     * Writes {@code n} {@code orders} rows (Multi-Vendor parents and children included) with their
     * {@code order_details} and {@code order_data} rows, and returns them in id order. Uses the customers and
     * products in the database; writes {@code max(10, n/10)} customers / {@code max(20, n/20)} products first if there
     * are none. For large {@code n} use {@link #ordersSummary(int)} or {@link #orders(int, Consumer)}.
     */
    public List<GeneratedOrder> orders(int n) {
        List<GeneratedOrder> out = new ArrayList<>(n);
        orders(n, out::add);
        return Collections.unmodifiableList(out);
    }

    /** Like {@link #orders(int)}, but keeps only counts: for 100,000 orders and more. */
    public OrderSummary ordersSummary(int n) {
        int[] counts = new int[3]; // orders, parents, guests
        long[] rows = new long[1];
        long[] ids = new long[2];
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        Map<GeneratedOrder.Trait, Integer> traits = new java.util.EnumMap<>(GeneratedOrder.Trait.class);
        java.math.BigDecimal[] sum = {java.math.BigDecimal.ZERO.setScale(2)};
        orders(n, o -> {
            counts[0]++;
            if (o.parent()) {
                counts[1]++;
            } else {
                sum[0] = sum[0].add(o.total());
            }
            if (o.guest()) {
                counts[2]++;
            }
            rows[0] += o.lines().size();
            if (ids[0] == 0) {
                ids[0] = o.orderId();
            }
            ids[1] = o.orderId();
            byStatus.merge(o.status(), 1, Integer::sum);
            o.traits().forEach(t -> traits.merge(t, 1, Integer::sum));
        });
        return new OrderSummary(counts[0], counts[1], counts[2], rows[0], orderDataRows,
                Collections.unmodifiableMap(byStatus),
                Collections.unmodifiableMap(traits), sum[0], ids[0], ids[1]);
    }

    private long orderDataRows;

    /** Writes {@code n} orders like {@link #orders(int)} and hands each one to {@code sink} instead of keeping it. */
    public void orders(int n, Consumer<GeneratedOrder> sink) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0");
        }
        try (Connection c = ds.getConnection()) {
            if (count(c, "SELECT COUNT(*) FROM " + prefix + "users WHERE user_type = 'C'") == 0) {
                customers(Math.max(10, n / 10));
            }
            if (count(c, "SELECT COUNT(*) FROM " + prefix + "products") == 0) {
                products(Math.max(20, n / 20));
            }
            long before = count(c, "SELECT COUNT(*) FROM " + prefix + "order_data");
            new OrderGenerator(this).write(c, n, sink);
            orderDataRows = count(c, "SELECT COUNT(*) FROM " + prefix + "order_data") - before;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write orders", e);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ customers

    /** Writes {@code n} customers (plus interleaved non-customer accounts) and returns them in id order. */
    public List<GeneratedCustomer> customers(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0");
        }
        try (Connection c = ds.getConnection()) {
            long userId = max(c, "users", "user_id");
            long profileId = max(c, "user_profiles", "profile_id");
            RowInserter users = new RowInserter(c, prefix + "users", "user_id", "status", "user_type", "user_login",
                    "is_root", "company_id", "last_login", "last_activity", "timestamp", "password", "salt",
                    "firstname", "lastname", "company", "email", "phone", "fax", "url", "tax_exempt", "lang_code",
                    "password_change_timestamp");
            RowInserter profiles = new RowInserter(c, prefix + "user_profiles", "profile_id", "user_id", "profile_type",
                    "b_firstname", "b_lastname", "b_address", "b_address_2", "b_city", "b_county", "b_state",
                    "b_country", "b_zipcode", "b_phone", "s_firstname", "s_lastname", "s_address", "s_address_2",
                    "s_city", "s_county", "s_state", "s_country", "s_zipcode", "s_phone", "s_address_type",
                    "profile_name", "profile_update_timestamp");

            long start = lastRegistration > 0 ? lastRegistration + 1 : now - 3 * YEAR;
            long end = now - 3_600;
            if (end - start < n) {
                start = end - n;
            }
            double step = n == 0 ? 0 : (double) (end - start) / n;

            if (userId == 0) {
                userId++;
                profileId++;
                writeNonCustomer(users, profiles, userId, profileId, true, start - 86_400);
            }

            Trait[] forced = new Trait[n];
            if (customersWritten == 0 && n >= Trait.values().length) {
                Trait[] all = Trait.values();
                for (int j = 0; j < all.length; j++) {
                    forced[j * (n / all.length)] = all[j];
                }
            }

            List<GeneratedCustomer> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long registered = start + (long) (i * step) + (step >= 2 ? rnd.nextLong((long) step) : 0);
                if ((customersWritten + i) % NON_CUSTOMER_EVERY == NON_CUSTOMER_EVERY / 2) {
                    userId++;
                    profileId++;
                    writeNonCustomer(users, profiles, userId, profileId, false, registered);
                }
                userId++;
                profileId++;
                GeneratedCustomer customer = customer(userId, profileId, registered, forced[i]);
                write(users, profiles, customer);
                if (customer.secondaryProfile().isPresent()) {
                    profileId = customer.secondaryProfile().get().profileId();
                }
                out.add(customer);
                lastRegistration = registered;
            }
            users.close();
            profiles.close();
            customersWritten += n;
            return Collections.unmodifiableList(out);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write customers", e);
        }
    }

    private GeneratedCustomer customer(long userId, long profileId, long registered, Trait forced) {
        EnumSet<Trait> traits = EnumSet.noneOf(Trait.class);
        NameKind nameKind = forcedOr(NameKind.values(), forced, k -> k.trait, k -> k.weight);
        EmailKind emailKind = forcedOr(EmailKind.values(), forced, k -> k.trait, k -> k.weight);
        AddressKind addressKind = forcedOr(AddressKind.values(), forced, k -> k.trait, k -> k.weight);
        boolean secondary = forced == Trait.SECONDARY_PROFILE || chance(80);
        boolean disabled = forced == Trait.DISABLED || chance(30);
        boolean taxExempt = forced == Trait.TAX_EXEMPT || chance(20);
        boolean noPhone = forced == Trait.NO_PHONE || chance(200);
        if (forced != null && forced != Trait.LONG_FIELDS && nameKind == NameKind.LONG) {
            nameKind = NameKind.NORMAL; // the long case fixes e-mail, phone and address: keep the forced trait visible
        }
        if (emailKind.trait != null && emailKind.trait == forced && nameKind == NameKind.EMPTY) {
            nameKind = NameKind.NORMAL;
        }
        if (nameKind == NameKind.EMPTY || nameKind == NameKind.LONG) {
            emailKind = EmailKind.VALID; // e-mail is all there is / the long case builds its own
        }

        // ---- names
        String first = pick(StoreWords.FIRST_NAMES);
        String last = pick(StoreWords.LAST_NAMES);
        String company = chance(250) ? pick(StoreWords.COMPANIES) : "";
        switch (nameKind) {
            case DUPLICATE -> {
                first = "John";
                last = "Smith";
            }
            case CASE_VARIANT -> {
                boolean upper = rnd.nextBoolean();
                first = upper ? "JOHN" : "john";
                last = upper ? "SMITH" : "smith";
            }
            case ACCENTED -> {
                String[] p = pick(StoreWords.ACCENTED);
                first = p[0];
                last = p[1];
            }
            case NON_LATIN -> {
                String[] p = pick(StoreWords.NON_LATIN);
                first = p[0];
                last = p[1];
                company = chance(300) ? "株式会社山田商事" : "";
            }
            case SYMBOLS -> company = pick(StoreWords.SYMBOL_COMPANIES);
            case EMOJI -> {
                if (rnd.nextBoolean()) {
                    company = asStoredByCsCart(pick(StoreWords.EMOJI_COMPANIES));
                } else {
                    String[] p = pick(StoreWords.EMOJI_NAMES);
                    first = asStoredByCsCart(p[0]);
                    last = asStoredByCsCart(p[1]);
                }
            }
            case EMPTY -> {
                first = "";
                last = "";
                company = "";
            }
            case COMPANY_ONLY -> {
                first = "";
                last = "";
                company = pick(StoreWords.COMPANIES);
            }
            case SINGLE -> {
                first = pick(StoreWords.SINGLE_NAMES);
                last = "";
            }
            case LONG -> {
                first = cut(StoreWords.LONG_TEXT, 0, 128);
                last = cut(StoreWords.LONG_TEXT, 14, 128);
                company = cut(StoreWords.LONG_TEXT, 50, 255);
            }
            case WHITESPACE -> {
                switch (rnd.nextInt(3)) {
                    case 0 -> first = "  " + first;
                    case 1 -> last = last + "   ";
                    default -> first = first + "   " + pick(StoreWords.FIRST_NAMES);
                }
                company = rnd.nextBoolean() ? " " + pick(StoreWords.COMPANIES).replace(" ", "  ") + " " : company;
            }
            case QUOTES -> {
                last = rnd.nextBoolean() ? "O'Connor" : "D'Angelo";
                company = "Ben's \"Best\" Bakery";
            }
            default -> {
            }
        }
        if (nameKind.trait != null) {
            traits.add(nameKind.trait);
        }

        // ---- e-mail
        String email;
        switch (emailKind) {
            case UPPER -> email = rnd.nextBoolean() ? validEmail(first, last, userId).toUpperCase(Locale.ROOT)
                    : capitalizeEmail(validEmail(first, last, userId));
            case INVALID -> email = pick(StoreWords.INVALID_EMAILS).replace("{n}", Long.toString(userId));
            case DUPLICATE -> {
                if (validEmails.isEmpty()) {
                    emailKind = EmailKind.VALID;
                    email = validEmail(first, last, userId);
                } else {
                    String earlier = validEmails.get(rnd.nextInt(validEmails.size()));
                    email = rnd.nextBoolean() ? earlier : capitalizeEmail(earlier);
                }
            }
            default -> email = nameKind == NameKind.LONG ? longEmail(userId) : validEmail(first, last, userId);
        }
        if (emailKind.trait != null) {
            traits.add(emailKind.trait);
        }
        if (emailKind == EmailKind.VALID) {
            validEmails.add(email);
        }

        // ---- phone
        City city = pick(StoreWords.CITIES);
        String phone = noPhone ? "" : phone(city);
        if (nameKind == NameKind.LONG) {
            phone = cut(phone(city) + " ext. 1234, ask for the warehouse manager; if nobody answers, call the"
                    + " front desk on weekdays between nine and five and leave a message with the operator ", 0, 128);
        } else if (nameKind == NameKind.WHITESPACE && !phone.isEmpty()) {
            phone = " " + phone.replace(" ", "  ") + " ";
        }

        // ---- addresses
        Address billing;
        Address shipping;
        if (nameKind == NameKind.LONG) {
            billing = new Address(first, last, cut(StoreWords.LONG_TEXT, 3, 255), cut(StoreWords.LONG_TEXT, 40, 255),
                    cut(StoreWords.LONG_TEXT, 7, 64), cut(StoreWords.LONG_TEXT, 20, 32), cut(StoreWords.LONG_TEXT, 14, 32),
                    "NZ", "1234567890123456", phone);
            if (addressKind == AddressKind.EMPTY || addressKind == AddressKind.SHIPPING_EMPTY) {
                addressKind = AddressKind.SAME;
            }
        } else {
            billing = address(first, last, city, phone);
            if (nameKind == NameKind.WHITESPACE) {
                billing = new Address(billing.firstname(), billing.lastname(), billing.address().replace(" ", "  ")
                        + " ", billing.address2(), " " + billing.city(), billing.county(), billing.state(),
                        billing.country(), billing.zipcode() + " ", billing.phone());
            }
        }
        switch (addressKind) {
            case SAME -> shipping = billing;
            case DIFFERENT -> {
                boolean otherPerson = rnd.nextBoolean();
                shipping = address(otherPerson ? pick(StoreWords.FIRST_NAMES) : first,
                        otherPerson ? pick(StoreWords.LAST_NAMES) : last, pick(StoreWords.CITIES),
                        rnd.nextBoolean() ? phone : "");
            }
            case SHIPPING_EMPTY -> shipping = Address.EMPTY;
            default -> {
                billing = new Address(first, last, "", "", "", "", "", "", "", phone);
                shipping = Address.EMPTY;
            }
        }
        traits.add(addressKind.trait);

        // ---- the rest
        Optional<SecondaryProfile> secondaryProfile = Optional.empty();
        if (secondary) {
            secondaryProfile = Optional.of(new SecondaryProfile(profileId + 1, pick(StoreWords.PROFILE_NAMES),
                    address(first, last, pick(StoreWords.CITIES), phone)));
            traits.add(Trait.SECONDARY_PROFILE);
        }
        if (disabled) {
            traits.add(Trait.DISABLED);
        }
        if (taxExempt) {
            traits.add(Trait.TAX_EXEMPT);
        }
        if (phone.isEmpty()) {
            traits.add(Trait.NO_PHONE);
        }
        if ((first + last + company).matches("(?s).*['\"].*")) {
            traits.add(Trait.QUOTES);
        }
        int lang = rnd.nextInt(100);
        String langCode = lang < 80 ? "en" : lang < 95 ? "fr" : "";
        long profileUpdated = chance(600) ? registered : registered + rnd.nextLong(Math.max(1, now - registered));
        return new GeneratedCustomer(userId, profileId, disabled ? "D" : "A", email, first, last, company, phone,
                langCode, taxExempt, registered, profileUpdated, billing, shipping, secondaryProfile,
                Collections.unmodifiableSet(traits));
    }

    private void write(RowInserter users, RowInserter profiles, GeneratedCustomer cu) throws SQLException {
        long lastLogin = chance(700) ? cu.registeredAt() + rnd.nextLong(Math.max(1, now - cu.registeredAt())) : 0;
        String fax = chance(20) ? cu.phone() : "";
        String url = chance(30) ? "https://www." + StoreWords.EMAIL_DOMAINS.get((int) (cu.userId() % 10)) : "";
        users.add(cu.userId(), cu.status(), "C", "user_" + cu.userId(), "N", 1, lastLogin, lastLogin,
                cu.registeredAt(), "", "", cu.firstname(), cu.lastname(), cu.company(), cu.email(), cu.phone(), fax,
                url, cu.taxExempt() ? "Y" : "N", cu.langCode(), cu.registeredAt());
        profiles.add(profileRow(cu.profileId(), cu.userId(), "P", "Main", cu.billing(), cu.shipping(),
                cu.profileUpdatedAt()));
        if (cu.secondaryProfile().isPresent()) {
            SecondaryProfile sp = cu.secondaryProfile().get();
            profiles.add(profileRow(sp.profileId(), cu.userId(), "S", sp.profileName(), cu.billing(), sp.shipping(),
                    cu.profileUpdatedAt()));
        }
    }

    private static Object[] profileRow(long profileId, long userId, String type, String name, Address b, Address s,
            long updated) {
        return new Object[] {profileId, userId, type, b.firstname(), b.lastname(), b.address(), b.address2(),
            b.city(), b.county(), b.state(), b.country(), b.zipcode(), b.phone(), s.firstname(), s.lastname(),
            s.address(), s.address2(), s.city(), s.county(), s.state(), s.country(), s.zipcode(), s.phone(), "",
            name, updated};
    }

    /** Root admin, staff admin or vendor staff account with a primary profile. */
    private void writeNonCustomer(RowInserter users, RowInserter profiles, long userId, long profileId, boolean root,
            long registered) throws SQLException {
        String type = root ? "A" : (nonCustomerToggle++ % 2 == 0 ? "A" : "V");
        String login = root ? "admin" : (type.equals("A") ? "staff_" : "vendor_") + userId;
        String email = root ? "admin@fixture.example.com"
                : type.equals("A") ? "staff" + userId + "@fixture.example.com" : "vendor" + userId + "@vendor.example.com";
        String first = pick(StoreWords.FIRST_NAMES);
        String last = pick(StoreWords.LAST_NAMES);
        City city = pick(StoreWords.CITIES);
        String phone = phone(city);
        Address a = address(first, last, city, phone);
        users.add(userId, "A", type, login, root ? "Y" : "N", root ? 0 : 1, registered, registered, registered, "", "",
                first, last, root ? "" : "Fixture Store", email, phone, "", "", "N", "en", registered);
        profiles.add(profileRow(profileId, userId, "P", "Main", a, a, registered));
        nonCustomerUserIds.add(userId);
    }

    // ------------------------------------------------------------------------------------------------ values

    Address address(String first, String last, City city, String phone) {
        String street = pick(city.streets()).replace("{n}", Integer.toString(1 + rnd.nextInt(998)));
        String address2 = chance(200) ? pick(StoreWords.ADDRESS_2) : "";
        return new Address(first, last, street, address2, city.city(), "", city.state(), city.country(),
                city.zipcode(), phone);
    }

    String phone(City city) {
        String digits = String.format(Locale.ROOT, "%04d", rnd.nextInt(10_000));
        int style = rnd.nextInt(20);
        if (style == 0) { // national format: (212) 555-0147, 020 7946 0147
            String p = city.phonePrefix();
            return p.startsWith("+1 ") ? "(" + p.substring(3, 6) + ") " + p.substring(7) + digits
                    : p.replaceFirst("^\\+\\d+ ", "0") + digits;
        }
        if (style == 1) {
            return city.phonePrefix() + digits + " ext. " + (10 + rnd.nextInt(90));
        }
        return city.phonePrefix() + digits;
    }

    String validEmail(String first, String last, long userId) {
        String f = ascii(first);
        String l = ascii(last);
        String domain = pick(StoreWords.EMAIL_DOMAINS);
        String local = switch (rnd.nextInt(4)) {
            case 0 -> f.isEmpty() || l.isEmpty() ? "customer" + userId : f + "." + l + userId;
            case 1 -> f.isEmpty() || l.isEmpty() ? "shopper" + userId : f.charAt(0) + l + userId;
            case 2 -> (f.isEmpty() ? "buyer" : f) + "_" + userId;
            default -> (l.isEmpty() ? "client" : l) + "." + userId;
        };
        return local + "@" + domain;
    }

    /** A valid address of exactly 128 characters (64-character local part, 63-character domain). */
    private static String longEmail(long userId) {
        String local = cut("hubert.blaine.wolfeschlegelsteinhausenbergerdorff." + userId
                + ".senior.the.first.of.his.name.and.more", 0, 64).replaceAll("\\.$", "x");
        String domain = cut("wolfeschlegelsteinhausenbergerdorff-wolfeschlegelsteinhausen", 0, 51) + ".example.com";
        return local + "@" + domain;
    }

    static String capitalizeEmail(String email) {
        StringBuilder sb = new StringBuilder(email.length());
        boolean up = true;
        for (char ch : email.toCharArray()) {
            sb.append(up ? Character.toUpperCase(ch) : ch);
            up = ch == '.' || ch == '@' || ch == '_';
        }
        return sb.toString();
    }

    /** Lower-case ASCII letters and digits only ("José" → "jose", "山田" → ""). */
    static String ascii(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replace("ß", "ss").replace("ø", "o").replace("æ", "ae")
                .replace("œ", "oe").replace("ð", "d").replace("þ", "th").replace("ł", "l").replaceAll("[^a-z0-9]", "");
    }

    /** {@code length} characters of {@code text} (repeated as needed) starting at {@code offset}, no edge blanks. */
    static String cut(String text, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < offset + length + 2) {
            sb.append(text);
        }
        String s = sb.substring(offset, offset + length);
        return s.charAt(0) + s.substring(1, length - 1) + (s.charAt(length - 1) == ' ' ? "x" : s.charAt(length - 1));
    }

    /**
     * What CS-Cart stores for {@code s} in a {@code utf8} column: it connects with {@code SET NAMES utf8} and
     * {@code sql_mode=''}, so MariaDB replaces every byte of a 4-byte UTF-8 sequence (emoji and other characters
     * outside the BMP) by {@code ?}: one emoji becomes {@code "????"}.
     */
    public static String asStoredByCsCart(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isSupplementaryCodePoint(cp)) {
                sb.append("????");
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ randomness

    boolean chance(int perMille) {
        return rnd.nextInt(1000) < perMille;
    }

    <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private <K> K forcedOr(K[] kinds, Trait forced, java.util.function.Function<K, Trait> trait,
            java.util.function.ToIntFunction<K> weight) {
        for (K k : kinds) {
            if (forced != null && forced == trait.apply(k)) {
                return k;
            }
        }
        int total = 0;
        for (K k : kinds) {
            total += weight.applyAsInt(k);
        }
        int r = rnd.nextInt(total);
        for (K k : kinds) {
            r -= weight.applyAsInt(k);
            if (r < 0) {
                return k;
            }
        }
        throw new AssertionError();
    }

    // ------------------------------------------------------------------------------------------------ JDBC

    long max(Connection c, String table, String column) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) FROM " + prefix + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The traits a customer list covers (for assertions and reports). */
    public static Set<Trait> traitsOf(List<GeneratedCustomer> customers) {
        EnumSet<Trait> all = EnumSet.noneOf(Trait.class);
        customers.forEach(c -> all.addAll(c.traits()));
        return all;
    }
}
