package io.cscartxero.demo;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.TaxVariety;

/**
 * {@code ./mvnw -Pdemo}: a real embedded MariaDB holding a generated CS-Cart store (customers, products, and orders
 * taxed the way real stores are: a VAT with three destination rates, US state + county taxes on the same lines, taxes
 * included in and added to prices, both CS-Cart tax calculation methods, 100-line orders), the Xero sandbox in process
 * with Xero's real limits, and the first run as the README describes it: {@code check}, the {@code demo} command
 * (customerExportJob + summary), productExportJob, orderExportJob, {@code taxes}. Nothing to install.
 */
public final class DemoMain {

    public static void main(String[] args) {
        int customers = Integer.getInteger("demo.customers", 500);
        int products = Integer.getInteger("demo.products", 100);
        int orders = Integer.getInteger("demo.orders", 300);
        System.out.println("Starting an embedded MariaDB and the Xero sandbox...");
        try (ConnectorHarness harness = ConnectorHarness.start(SandboxSettings.defaults().withPort(0), false)) {
            TaxVariety.install(harness.cscart.dataSource(), ConnectorHarness.PREFIX);
            StoreGenerator store = new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 42L);
            store.customers(customers);
            store.products(products);
            store.ordersSummary(orders);
            System.out.printf("CS-Cart store %s: %d generated customers (duplicate names, accents, CJK, company-only, "
                    + "invalid e-mails, over-long fields...), %d products, %d orders (VAT at 10/12/3 %%, state + county "
                    + "tax, inclusive and exclusive, 100-line orders...)%n", harness.cscart.name(), customers, products, orders);
            System.out.printf("Xero sandbox at %s, tenant %s%n", harness.sandbox.baseUrl(), harness.sandbox.settings().tenantId());
            // no tax mapping at all: the connector matches Xero's rates and creates the missing ones, once
            harness.set("xero.tax-rates.create-missing", "true");

            System.out.println("\n$ check --exports-only");
            harness.cli(System.out, "check", "--exports-only");

            System.out.println("\n$ demo   (customerExportJob + summary)");
            int exit = harness.cli(System.out, "demo");
            System.out.printf("%nThe Xero organisation now holds %d contacts, for example:%n", harness.sandbox.contacts().size());
            harness.sandbox.contacts().stream().sorted(Comparator.comparing(SandboxContact::contactNumber,
                    Comparator.comparingInt(n -> Integer.parseInt(n.replaceAll("\\D", "0")))))
                    .limit(8)
                    .forEach(c -> System.out.printf("  %-12s %-40s %s%n", c.contactNumber(), c.name(), c.emailAddress()));

            System.out.println("\n$ run productExportJob");
            harness.cli(System.out, "run", "productExportJob");
            System.out.println("\n$ run orderExportJob");
            int ordersExit = harness.cli(System.out, "run", "orderExportJob");
            List<SandboxInvoice> invoices = harness.sandbox.invoices();
            BigDecimal total = invoices.stream().map(SandboxInvoice::total).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal tax = invoices.stream().map(SandboxInvoice::totalTax).reduce(BigDecimal.ZERO, BigDecimal::add);
            long rounding = invoices.stream().filter(i -> i.lines().stream()
                    .anyMatch(l -> "Rounding".equals(l.description()))).count();
            System.out.printf("%d invoices in Xero, Σ Total %s, Σ TotalTax %s (each checked against orders.total and the "
                    + "tax CS-Cart charged; a difference would be an error row), %d with a rounding line%n",
                    invoices.size(), total.toPlainString(), tax.toPlainString(), rounding);

            System.out.println("\n$ taxes");
            harness.cli(System.out, "taxes");

            System.out.printf("%nSandbox calls: %s%n", harness.sandbox.stats().asMap());
            System.out.println("\nRun the exports again and nothing is sent: unchanged records are not re-sent.");
            long writesBefore = harness.sandbox.stats().writeCalls();
            harness.cli(System.out, "run", "customerExportJob");
            harness.cli(System.out, "run", "productExportJob");
            harness.cli(System.out, "run", "orderExportJob");
            System.out.printf("Write calls made by the second runs: %d%n", harness.sandbox.stats().writeCalls() - writesBefore);
            System.out.println("Demo finished (customers exit code " + exit + ", orders exit code " + ordersExit
                    + ": 0 all synced, 3 synced with skipped records).");
        }
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }
}
