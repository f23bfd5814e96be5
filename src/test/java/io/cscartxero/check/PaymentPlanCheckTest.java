package io.cscartxero.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code check} shows paymentExportJob's plan: each CS-Cart payment method with its name and orders → the Xero account
 * its payments go to, and whether Xero takes payments there (BANK or EnablePaymentsToAccount); with invoices not
 * AUTHORISED, that nothing is paid.
 */
class PaymentPlanCheckTest {

    private static ConnectorHarness harness;

    @BeforeAll
    static void start() {
        harness = ConnectorHarness.start().set("cscart.import.category-id", "2");
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 20, 20, 60, 74L);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    private static List<String> check() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "check", "--exports-only");
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("payment")).toList();
    }

    @Test
    void eachMethodWithItsAccountAndWhetherXeroTakesPaymentsThere() {
        harness.set("xero.payment-accounts.1", "090").set("xero.payment-accounts.3", "970").set("xero.payment-accounts.4", "")
                .set("xero.payment-accounts.6", "200").set("xero.payment-account", "091").set("xero.invoice-status", "AUTHORISED");

        List<String> lines = check();

        assertThat(lines).anyMatch(l -> l.startsWith("✓ payment method 1 (Credit card, ") && l.contains("payments on account 090 (Business Bank Account, BANK)"));
        assertThat(lines).anyMatch(l -> l.startsWith("✓ payment method 2 (Phone ordering, ") && l.contains("account 091"));
        assertThat(lines).anyMatch(l -> l.startsWith("✓ payment method 3 (PayPal, ") && l.contains("970 (Owner A Funds Introduced, EQUITY, payments enabled)"));
        assertThat(lines).anyMatch(l -> l.startsWith("✓ payment method 4 (Bank transfer, ") && l.contains("left unpaid")
                && l.contains("xero.payment-accounts.4=<account code>"));
        assertThat(lines).anyMatch(l -> l.startsWith("✗ payment method 6 (C.O.D, ") && l.contains("account 200 (Sales, REVENUE) takes no payments")
                && l.contains("set xero.payment-accounts.6 to a BANK account"));
        assertThat(lines).anyMatch(l -> l.startsWith("✓ payment method 5 (Money Order, 0 orders)"));
    }

    @Test
    void withInvoicesNotAuthorisedNothingIsPaid() {
        harness.set("xero.invoice-status", "DRAFT").set("xero.payment-accounts.6", "090");

        assertThat(check()).anyMatch(l -> l.startsWith("✓ payments: none made: xero.invoice-status is DRAFT"));
    }
}
