package io.cscartxero.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.RealStore;
import io.cscartxero.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The tax plan on CS-Cart's REAL 4.20 demo store (loaded from ../shared/cscart, skipped where absent): its VAT (tax 6)
 * has 12 %, 3 % and 10 % by destination; the demo's own orders all carry 10 %, which Xero's "10% GST on Income"
 * matches. {@code taxes} lists all three rates; the order export with {@code xero.tax-rates.create-missing=true}
 * creates nothing the orders do not need and refuses no order for its tax type.
 */
class RealStoreTaxPlanTest {

    private static ConnectorHarness harness;

    @BeforeAll
    static void loadRealStore() throws Exception {
        assumeTrue(RealStore.editionDir().isPresent(), RealStore.ABSENT);
        TestDatabase store = RealStore.load("real_tax").database();
        harness = ConnectorHarness.startWithStore(store);
    }

    @AfterAll
    static void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theDemoStoresVatRatesArePlannedAndTheMissingOnesCreatedOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "taxes", "--statuses", "P,C,O,F,D,B,I");
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(text).contains("12 % incl.", "3 % incl.", "10 % incl.");
        assertThat(harness.sandbox.stats().writeCalls()).isZero();

        harness.set("xero.tax-rates.create-missing", "true");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", "P,C,O,F,D,B,I"));
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find("orderExportJob", null, 1000);
        long puts = harness.sandbox.stats().requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/TaxRates")).count();
        System.out.printf("real demo: %s; exit %d; %d invoices, %d error rows, %d PUT /TaxRates, %d calls; errors: %s%n",
                outcome.message(), exit, harness.sandbox.invoices().size(), errors.size(), puts, harness.sandbox.stats().requests().size(),
                errors.stream().map(ErrorLog.Row::message).limit(5).toList());
        assertThat(errors).noneMatch(e -> e.message().contains("tax type"));
        assertThat(harness.sandbox.invoices()).isNotEmpty();
        assertThat(puts).isZero();   // 12 % and 3 % are in tax_rates only: no order needs them

        JobLaunchService.Outcome again = ConnectorHarness.jobs(harness.startApp()).run("orderExportJob", Map.of("statuses", "P,C,O,F,D,B,I", "full", "true"));
        assertThat(harness.sandbox.stats().requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/TaxRates")).count())
                .isEqualTo(puts);
        System.out.println("real demo rerun: " + again.message());
    }
}
