package io.cscartxero.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import io.cscartxero.testsupport.StoreTaxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * After each invoice write the connector compares Xero's returned TotalTax with the tax CS-Cart charged: a Xero that
 * answers another TotalTax (here: the proxy adds 0.01 to every invoice's TotalTax in the PUT answer) gets one error
 * row per invoice naming both amounts; the invoices are still synced (Xero has them).
 */
class InvoiceTaxCheckTest {

    private ConnectorHarness harness;
    private XeroProxy proxy;

    @AfterEach
    void close() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aTotalTaxOtherThanCsCartsTaxIsLogged() throws Exception {
        harness = ConnectorHarness.start();
        proxy = new XeroProxy(harness.sandbox.baseUrl());
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 10, 10, 60, 7L);
        StoreTaxes.mapped(harness).set("xero.api-url", proxy.baseUrl() + "/api.xro/2.0");
        ConfigurableApplicationContext app = harness.startApp();
        proxy.arm("PUT", "/api.xro/2.0/Invoices", 1000, forward -> {
            XeroProxy.Answer real = forward.call();
            JsonNode json = XeroUser.JSON.readTree(real.body());
            for (JsonNode invoice : json.get("Invoices")) {
                BigDecimal tax = invoice.get("TotalTax").decimalValue();
                ((ObjectNode) invoice).put("TotalTax", tax.add(new BigDecimal("0.01")));
            }
            return new XeroProxy.Answer(real.status(), real.headers(), XeroUser.JSON.writeValueAsString(json));
        });

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of());

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        int invoices = harness.sandbox.invoices().size();
        assertThat(invoices).isPositive();
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find("orderExportJob", null, 1000);
        List<String> taxErrors = errors.stream().map(ErrorLog.Row::message)
                .filter(m -> m.contains("differs from the tax CS-Cart charged")).toList();
        assertThat(taxErrors).hasSize(invoices);
        assertThat(taxErrors).allMatch(m -> m.matches("Xero's invoice tax \\d+\\.\\d\\d differs from the tax CS-Cart charged \\d+\\.\\d\\d"));
        // the totals were left alone, so no total row
        assertThat(errors).noneMatch(e -> e.message().contains("differs from the order total"));
    }
}
