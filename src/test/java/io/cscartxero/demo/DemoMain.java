package io.cscartxero.demo;

import java.util.Comparator;

import io.cscartxero.it.ConnectorHarness;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.testsupport.StoreGenerator;

/**
 * {@code ./mvnw -Pdemo}: a real embedded MariaDB holding a generated CS-Cart store, the Xero sandbox in process
 * with Xero's real limits, and the {@code demo} CLI command (customerExportJob + summary). Nothing to install.
 */
public final class DemoMain {

    public static void main(String[] args) {
        int customers = Integer.getInteger("demo.customers", 500);
        System.out.println("Starting an embedded MariaDB and the Xero sandbox...");
        try (ConnectorHarness harness = ConnectorHarness.start(SandboxSettings.defaults().withPort(0), false)) {
            new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 42L).customers(customers);
            System.out.printf("CS-Cart store %s: %d generated customers (duplicate names, accents, CJK, company-only, "
                    + "invalid e-mails, over-long fields...)%n", harness.cscart.name(), customers);
            System.out.printf("Xero sandbox at %s, tenant %s%n%n", harness.sandbox.baseUrl(), harness.sandbox.settings().tenantId());

            int exit = harness.cli(System.out, "demo");

            System.out.printf("%nThe Xero organisation now holds %d contacts, for example:%n", harness.sandbox.contacts().size());
            harness.sandbox.contacts().stream().sorted(Comparator.comparing(SandboxContact::contactNumber,
                    Comparator.comparingInt(n -> Integer.parseInt(n.replaceAll("\\D", "0")))))
                    .limit(8)
                    .forEach(c -> System.out.printf("  %-12s %-40s %s%n", c.contactNumber(), c.name(), c.emailAddress()));
            System.out.printf("Sandbox calls: %s%n", harness.sandbox.stats().asMap());
            System.out.println("\nRun it again and nothing is sent: unchanged customers are not re-sent.");
            int again = harness.cli(System.out, "run", "customerExportJob");
            System.out.printf("Second run exit code %d; sandbox write calls in total: %d%n", again, harness.sandbox.stats().writeCalls());
            System.out.println("Demo finished (exit code " + exit + ": 0 all synced, 3 synced with skipped records).");
        }
        // the embedded MariaDB's process watcher is not a daemon thread: without this, exec:java would wait forever
        System.exit(0);
    }
}
