package io.cscartxero.tax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sandbox.SandboxLine;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.PhpSerialize;
import io.cscartxero.xero.XeroTaxRates;
import io.cscartxero.xero.model.TaxRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A store whose VAT (tax 6) is 10 % in one destination, 12 % and 3 % in others, and whose US orders carry a state
 * and a county sales tax on the same lines: the tax plan settles every (tax, rate) before the first invoice.
 */
class TaxPlanJobTest {

    private ConnectorHarness harness;
    private final Map<Long, BigDecimal> totals = new LinkedHashMap<>();
    private final Map<Long, BigDecimal> taxCharged = new LinkedHashMap<>();

    @BeforeEach
    void store() {
        harness = ConnectorHarness.start();
        JdbcTemplate db = harness.cscartJdbc();
        // VAT (seeded 10 % for destination 1) gets 12 % and 3 % for two more destinations, as in CS-Cart's demo
        db.update("INSERT INTO cscart_tax_rates (tax_id, destination_id, rate_value, rate_type) VALUES (6, 2, 12.000, 'P'), (6, 3, 3.000, 'P')");
        // a US store's state and county sales taxes, added to the price, both on the same lines
        db.update("INSERT INTO cscart_taxes (tax_id, address_type, status, price_includes_tax, priority) VALUES (10, 'S', 'A', 'N', 0), (11, 'S', 'A', 'N', 0)");
        db.update("INSERT INTO cscart_tax_descriptions (tax_id, lang_code, tax) VALUES (10, 'en', 'State Tax'), (11, 'en', 'County Tax')");
        db.update("INSERT INTO cscart_tax_rates (tax_id, destination_id, rate_value, rate_type) VALUES (10, 4, 8.875, 'P'), (11, 4, 2.500, 'P')");
        // Quebec before 2013: QST (priority 2) charged on the price plus GST (priority 1), a compound rate
        db.update("INSERT INTO cscart_taxes (tax_id, address_type, status, price_includes_tax, priority) VALUES (12, 'S', 'A', 'N', 1), (13, 'S', 'A', 'N', 2)");
        db.update("INSERT INTO cscart_tax_descriptions (tax_id, lang_code, tax) VALUES (12, 'en', 'GST'), (13, 'en', 'QST')");
        db.update("INSERT INTO cscart_tax_rates (tax_id, destination_id, rate_value, rate_type) VALUES (12, 5, 5.000, 'P'), (13, 5, 9.975, 'P')");
        long id = 5001;
        for (int i = 0; i < 3; i++) {
            vatOrder(id++, "10", "110.00", "10.00");
            vatOrder(id++, "12", "112.00", "12.00");
        }
        vatOrder(id++, "3", "103.00", "3.00");
        vatOrder(id++, "3", "206.00", "6.00");
        usOrder(id++, "100.00", "8.88", "2.50");
        usOrder(id++, "40.00", "3.55", "1.00");
        quebecOrder(id++, "100.00", "5.00", "10.47");   // QST 9.975 % of 105.00 = 10.47
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void vatOrder(long orderId, String rate, String price, String tax) {
        Map<Object, Object> vat = tax("VAT", rate, true, tax, orderId);
        insertOrder(orderId, new BigDecimal(price), new BigDecimal(price), Map.of(6, vat), new BigDecimal(tax));
    }

    private void usOrder(long orderId, String price, String state, String county) {
        Map<Object, Object> taxes = new LinkedHashMap<>();
        taxes.put(10, tax("State Tax", "8.875", false, state, orderId));
        taxes.put(11, tax("County Tax", "2.500", false, county, orderId));
        BigDecimal tax = new BigDecimal(state).add(new BigDecimal(county));
        insertOrder(orderId, new BigDecimal(price).add(tax), new BigDecimal(price), taxes, tax);
    }

    private void quebecOrder(long orderId, String price, String gst, String qst) {
        Map<Object, Object> taxes = new LinkedHashMap<>();
        taxes.put(12, tax("GST", "5.000", false, gst, orderId, 1));
        taxes.put(13, tax("QST", "9.975", false, qst, orderId, 2));
        BigDecimal tax = new BigDecimal(gst).add(new BigDecimal(qst));
        insertOrder(orderId, new BigDecimal(price).add(tax), new BigDecimal(price), taxes, tax);
    }

    private static Map<Object, Object> tax(String name, String rate, boolean included, String amount, long itemId) {
        return tax(name, rate, included, amount, itemId, 0);
    }

    /** One order_data T entry in CS-Cart's "subtotal" shape, applying to the order's one line (item_id = order id). */
    private static Map<Object, Object> tax(String name, String rate, boolean included, String amount, long itemId, int priority) {
        Map<Object, Object> applies = new LinkedHashMap<>();
        applies.put("P", Double.valueOf(amount));
        applies.put("S", 0);
        applies.put("items", Map.of("P", Map.of(itemId, true)));
        Map<Object, Object> t = new LinkedHashMap<>();
        t.put("rate_type", "P");
        t.put("rate_value", rate);
        t.put("price_includes_tax", included ? "Y" : "N");
        t.put("regnumber", "");
        t.put("priority", priority);
        t.put("tax_subtotal", Double.valueOf(amount));
        t.put("description", name);
        t.put("applies", applies);
        return t;
    }

    private void insertOrder(long orderId, BigDecimal total, BigDecimal price, Map<Object, Object> taxes, BigDecimal tax) {
        JdbcTemplate db = harness.cscartJdbc();
        String email = "buyer" + orderId + "@example.com";
        db.update("INSERT INTO cscart_orders (order_id, user_id, status, timestamp, email, firstname, lastname, total, subtotal,"
                + " subtotal_discount, shipping_cost, payment_surcharge, tax_exempt, is_parent_order, localization_id)"
                + " VALUES (?, 0, 'P', ?, ?, 'Tax', ?, ?, ?, 0, 0, 0, 'N', 'N', 0)",
                orderId, 1_767_225_600L + orderId, email, "Buyer " + orderId, total, price);
        db.update("INSERT INTO cscart_order_details (item_id, order_id, product_id, product_code, price, amount, extra)"
                + " VALUES (?, ?, 0, 'MUG', ?, 1, ?)", orderId, orderId, price,
                PhpSerialize.serialize(Map.of("product", "Mug " + orderId)));
        db.update("INSERT INTO cscart_order_data (order_id, type, data) VALUES (?, 'T', ?)", orderId, PhpSerialize.serialize(taxes));
        totals.put(orderId, total);
        taxCharged.put(orderId, tax);
    }

    private long putTaxRateCalls() {
        return harness.sandbox.stats().requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/TaxRates")).count();
    }

    private Map<String, SandboxInvoice> invoices() {
        return harness.sandbox.invoices().stream().collect(Collectors.toMap(SandboxInvoice::invoiceNumber, Function.identity()));
    }

    private static String taxType(SandboxInvoice invoice) {
        return invoice.lines().stream().map(SandboxLine::taxType).distinct().collect(Collectors.joining(","));
    }

    private void assertEveryOrderInvoicedToTheCent() {
        Map<String, SandboxInvoice> invoices = invoices();
        assertThat(invoices).hasSize(totals.size());
        totals.forEach((id, total) -> {
            SandboxInvoice invoice = invoices.get("CS-" + id);
            assertThat(invoice.total()).as("total of order %s", id).isEqualByComparingTo(total);
            assertThat(invoice.totalTax()).as("tax of order %s", id).isEqualByComparingTo(taxCharged.get(id));
        });
    }

    @Test
    void withCreateMissingEveryOrderIsInvoicedAndEachMissingRateIsCreatedExactlyOnce() {
        harness.set("xero.tax-rates.create-missing", "true");
        ConfigurableApplicationContext app = harness.startApp();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", "P"));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcome.exitCode()).isZero();
        assertEveryOrderInvoicedToTheCent();
        Map<String, TaxRate> byName = app.getBean(XeroTaxRates.class).all().stream()
                .collect(Collectors.toMap(TaxRate::name, Function.identity()));
        assertThat(byName).containsKeys("VAT 12%", "VAT 3%", "State Tax 8.875% + County Tax 2.5%", "GST 5% + QST 9.975%");
        // QST compounds on GST: 5 + 9.975 × 1.05 = 15.47375 %
        assertThat(byName.get("GST 5% + QST 9.975%").effectiveRate()).isEqualByComparingTo("15.4738");
        assertThat(byName.get("GST 5% + QST 9.975%").taxComponents().get(1).isCompound()).isTrue();
        assertThat(byName.get("State Tax 8.875% + County Tax 2.5%").taxComponents()).hasSize(2);
        assertThat(byName.get("State Tax 8.875% + County Tax 2.5%").effectiveRate()).isEqualByComparingTo("11.375");
        assertThat(putTaxRateCalls()).isEqualTo(4);
        Map<String, SandboxInvoice> invoices = invoices();
        assertThat(taxType(invoices.get("CS-5001"))).isEqualTo("OUTPUT");   // 10 %: Xero's own "10% GST on Income"
        assertThat(taxType(invoices.get("CS-5002"))).isEqualTo(byName.get("VAT 12%").taxType());
        assertThat(taxType(invoices.get("CS-5007"))).isEqualTo(byName.get("VAT 3%").taxType());
        assertThat(taxType(invoices.get("CS-5009"))).isEqualTo(byName.get("State Tax 8.875% + County Tax 2.5%").taxType());
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        assertThat(connector.queryForList("SELECT rate_key FROM xero_tax_rate_created ORDER BY rate_key", String.class))
                .containsExactly("10@8.875+11@2.5", "12@5+13@9.975", "6@12", "6@3");
        System.out.printf("create-missing run: %d Xero calls, %d PUT /TaxRates, %d invoices%n",
                harness.sandbox.stats().requests().size(), putTaxRateCalls(), invoices.size());

        // a rerun in a new process (an order changed, so the plan is settled again) creates nothing
        harness.cscartJdbc().update("UPDATE cscart_orders SET timestamp = timestamp - 86400 WHERE order_id = 5002");
        JobLaunchService.Outcome rerun = ConnectorHarness.jobs(harness.startApp()).run("orderExportJob", Map.of("statuses", "P"));
        assertThat(rerun.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rerun.execution().getStepExecutions().stream().filter(s -> s.getStepName().equals("orderExportStep")).findFirst().orElseThrow().getWriteCount()).isEqualTo(1);
        assertThat(putTaxRateCalls()).isEqualTo(4);

        // a run that died after Xero created the rates but before remembering them finds them by name
        connector.update("DELETE FROM xero_tax_rate_created");
        harness.cscartJdbc().update("UPDATE cscart_orders SET timestamp = timestamp - 86400 WHERE order_id = 5009");
        JobLaunchService.Outcome afterCrash = ConnectorHarness.jobs(harness.startApp()).run("orderExportJob", Map.of("statuses", "P"));
        assertThat(afterCrash.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(putTaxRateCalls()).isEqualTo(4);
        assertThat(connector.queryForObject("SELECT COUNT(*) FROM xero_tax_rate_created", Integer.class)).isEqualTo(4);
        assertThat(app.getBean(XeroTaxRates.class).all().stream().filter(r -> r.taxType().startsWith("TAX"))).hasSize(4);
        assertEveryOrderInvoicedToTheCent();
    }

    @Test
    void inAnAustralianOrganisationTheCreatedRatesCarryTheReportTaxTypeXeroRequires() {
        harness.sandbox.setCountryCode("AU");
        harness.set("xero.tax-rates.create-missing", "true");
        ConfigurableApplicationContext app = harness.startApp();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", "P"));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertEveryOrderInvoicedToTheCent();
        List<TaxRate> created = app.getBean(XeroTaxRates.class).all().stream().filter(r -> r.taxType().startsWith("TAX")).toList();
        assertThat(created).hasSize(4).allMatch(r -> "OUTPUT".equals(r.reportTaxType()) && r.revenue());
    }

    @Test
    void withoutCreateMissingTheRunStopsBeforeAnyInvoiceWithOneMessageNamingTheLinesToAdd() {
        ConfigurableApplicationContext app = harness.startApp();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", "P"));

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.message()).contains("Taxes: 4 CS-Cart tax rates on the orders of this run have no Xero tax type")
                .contains("xero.tax-types.6@3=<TaxType>").contains("xero.tax-types.6@12=<TaxType>")
                .contains("xero.tax-types.[10@8.875+11@2.5]=<TaxType>").contains("xero.tax-types.[12@5+13@9.975]=<TaxType>")
                .contains("xero.tax-rates.create-missing=true").doesNotContain("restart");
        assertThat(harness.sandbox.invoices()).isEmpty();
        assertThat(harness.sandbox.stats().writeCalls()).isZero();
        assertThat(app.getBean(ErrorLog.class).find("orderExportJob", null, 100)).isEmpty();
        System.out.println("run without create-missing: " + outcome.message());
    }

    @Test
    void anExplicitPerRateMappingIsUsedWhereXeroHasSeveralRatesAtThatRate() {
        harness.sandbox.addTaxRate("VAT12", "VAT 12 % (standard)", new BigDecimal("12"));
        harness.sandbox.addTaxRate("BOOKS12", "Books 12 %", new BigDecimal("12"));
        harness.sandbox.addTaxRate("VAT3", "VAT 3 %", new BigDecimal("3"));
        harness.sandbox.addTaxRate("NYC", "New York City", new BigDecimal("11.375"));
        harness.sandbox.addTaxRate("QC", "Quebec GST + QST", new BigDecimal("15.4738"));

        // two 12 % rates: which one is meant must be said, and the message lists both
        JobLaunchService.Outcome ambiguous = ConnectorHarness.jobs(harness.startApp()).run("orderExportJob", Map.of("statuses", "P"));
        assertThat(ambiguous.exitCode()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(ambiguous.message()).contains("Taxes: 1 CS-Cart tax rate on the orders of this run has no Xero tax type")
                .contains("Xero has 2 ACTIVE revenue tax rates at 12 %")
                .contains("xero.tax-types.6@12=VAT12    # VAT 12 % (standard)").contains("xero.tax-types.6@12=BOOKS12    # Books 12 %");
        assertThat(harness.sandbox.invoices()).isEmpty();

        harness.set("xero.tax-types.6@12", "VAT12");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", "P"));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertEveryOrderInvoicedToTheCent();
        Map<String, SandboxInvoice> invoices = invoices();
        assertThat(taxType(invoices.get("CS-5002"))).isEqualTo("VAT12");
        assertThat(taxType(invoices.get("CS-5001"))).isEqualTo("OUTPUT");
        assertThat(taxType(invoices.get("CS-5007"))).isEqualTo("VAT3");
        assertThat(taxType(invoices.get("CS-5009"))).isEqualTo("NYC");
        assertThat(taxType(invoices.get("CS-5011"))).isEqualTo("QC");
        assertThat(putTaxRateCalls()).isZero();
    }

    @Test
    void theTaxesCommandListsThePlanAndWritesNothing() {
        harness.sandbox.addTaxRate("BOOKS3", "Books 3 %", new BigDecimal("3"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "taxes", "--statuses", "P");
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);

        assertThat(exit).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(text).contains("6 VAT", "10 % incl.", "12 % incl.", "3 % incl.", "destination 2", "matched", "OUTPUT",
                "10 State Tax + 11 County Tax", "8.875 % + 2.5 %", "none", "xero.tax-types.6@12=<TaxType>",
                "xero.tax-types.[10@8.875+11@2.5]=<TaxType>", "xero.tax-rates.create-missing=true");
        // 7 GST is only in CS-Cart's tax_rates: listed, with 0 orders, not a problem
        assertThat(text).contains("7 GST");
        assertThat(harness.sandbox.stats().writeCalls()).isZero();

        harness.set("xero.tax-rates.create-missing", "true");
        bytes.reset();
        assertThat(harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "taxes", "--statuses", "P")).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("would be created", "VAT 12%", "State Tax 8.875% + County Tax 2.5%");
        assertThat(harness.sandbox.stats().writeCalls()).isZero();
        assertThat(putTaxRateCalls()).isZero();
    }

    @Test
    void checkShowsAnUnresolvedTaxPlanAsAFailedLineWithTheLinesToPaste() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "check", "--exports-only");
        String taxLine = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("tax plan")).findFirst().orElseThrow();

        assertThat(exit).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(taxLine).startsWith("✗ tax plan").contains("xero.tax-types.6@12=<TaxType>")
                .contains("xero.tax-types.[10@8.875+11@2.5]=<TaxType>").contains("or set xero.tax-rates.create-missing=true");

        harness.set("xero.tax-rates.create-missing", "true");
        bytes.reset();
        harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "check", "--exports-only");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("tax plan")).findFirst().orElseThrow())
                .startsWith("✓ tax plan");
        assertThat(harness.sandbox.stats().writeCalls()).as("check never writes to Xero").isZero();
    }
}
