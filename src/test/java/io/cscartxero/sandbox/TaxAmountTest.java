package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.InvoiceFixture.accrec;
import static io.cscartxero.sandbox.InvoiceFixture.invoices;
import static io.cscartxero.sandbox.InvoiceFixture.line;
import static io.cscartxero.sandbox.InvoiceFixture.messages;
import static io.cscartxero.sandbox.InvoiceFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import tools.jackson.databind.JsonNode;

/**
 * A line's TaxAmount override (see InvoiceStore#overriddenTax for the sources): kept and summed into TotalTax on
 * Exclusive and Inclusive invoices, ignored on NoTax ones, rounded to cents, refused when it has the opposite sign of
 * the line or exceeds it, or when the line's rate is 0 %.
 */
class TaxAmountTest {

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final String ada = fx.contact("Ada Lovelace");

    /** A line with a TaxAmount. */
    static String taxed(String description, String quantity, String unitAmount, String taxType, String taxAmount) {
        String plain = line(description, quantity, unitAmount, "200", taxType);
        return plain.substring(0, plain.length() - 1) + ",\"TaxAmount\":" + taxAmount + "}";
    }

    @Test
    void anExclusiveOverrideIsKeptAndTotalTaxIsTheSumOfTheLines() {
        // Xero alone: 22.17 × 15 % = 3.3255 → 3.33 per line, 9.99; the other system charged 9.98
        JsonNode inv = fx.create(accrec(ada, "AUTHORISED", taxed("a", "1", "22.17", "OUTPUT2", "3.32"),
                taxed("b", "1", "22.17", "OUTPUT2", "3.33"), taxed("c", "1", "22.17", "OUTPUT2", "3.33")));
        assertThat(inv.get("LineItems").get(0).get("TaxAmount").toString()).isEqualTo("3.32");
        assertThat(inv.get("SubTotal").toString()).isEqualTo("66.51");
        assertThat(inv.get("TotalTax").toString()).isEqualTo("9.98");
        assertThat(inv.get("Total").toString()).isEqualTo("76.49");
        assertThat(inv.get("AmountDue").toString()).isEqualTo("76.49");
        // read back as stored
        JsonNode read = http.get("/Invoices/" + inv.get("InvoiceID").asString()).list("Invoices").get(0);
        assertThat(read.get("TotalTax").toString()).isEqualTo("9.98");
    }

    @Test
    void anInclusiveOverrideMovesCentsBetweenNetAndTax() {
        // 10.74 with 10 % included: Xero alone 0.98; sent 0.99 (the reported SENPOS invoice)
        JsonNode inv = fx.create(with(accrec(ada, null, taxed("coffee", "1", "10.74", "OUTPUT", "0.99")),
                "\"LineAmountTypes\":\"Inclusive\""));
        assertThat(inv.get("LineItems").get(0).get("LineAmount").toString()).isEqualTo("10.74");
        assertThat(inv.get("TotalTax").toString()).isEqualTo("0.99");
        assertThat(inv.get("SubTotal").toString()).isEqualTo("9.75");
        assertThat(inv.get("Total").toString()).isEqualTo("10.74");
    }

    @Test
    void noTaxInvoicesIgnoreIt() {
        JsonNode inv = fx.create(with(accrec(ada, null, taxed("x", "1", "10.00", "NONE", "1.00")),
                "\"LineAmountTypes\":\"NoTax\""));
        assertThat(inv.get("TotalTax").toString()).isEqualTo("0.00");
        assertThat(inv.get("Total").toString()).isEqualTo("10.00");
    }

    @Test
    void moreThanTwoDecimalsAreRoundedToCents() {
        JsonNode inv = fx.create(accrec(ada, null, taxed("x", "1", "10.00", "OUTPUT2", "1.4951")));
        assertThat(inv.get("LineItems").get(0).get("TaxAmount").toString()).isEqualTo("1.50");
        assertThat(inv.get("Total").toString()).isEqualTo("11.50");
    }

    @Test
    void anyAmountWithinTheLineIsAcceptedHoweverFarFromTheRate() {
        JsonNode inv = fx.create(accrec(ada, null, taxed("none", "1", "100.00", "OUTPUT2", "0.00"),
                taxed("all", "1", "100.00", "OUTPUT2", "100.00")));
        assertThat(inv.get("TotalTax").toString()).isEqualTo("100.00");
    }

    @Test
    void aNegativeLineCarriesANegativeTax() {
        // a discount line: −6.00 at 15 % with −0.90 of tax
        JsonNode inv = fx.create(accrec(ada, null, taxed("item", "1", "60.00", "OUTPUT2", "9.00"),
                taxed("discount", "1", "-6.00", "OUTPUT2", "-0.90")));
        assertThat(inv.get("TotalTax").toString()).isEqualTo("8.10");
        assertThat(inv.get("Total").toString()).isEqualTo("62.10");
    }

    @Test
    void refusals() {
        Reply reply = http.put("/Invoices?summarizeErrors=false", invoices(
                accrec(ada, null, taxed("opposite sign", "1", "10.00", "OUTPUT2", "-0.50")),
                accrec(ada, null, taxed("more than the line", "1", "10.00", "OUTPUT2", "10.01")),
                accrec(ada, null, taxed("negative line, positive tax", "1", "-6.00", "OUTPUT2", "0.90")),
                accrec(ada, null, taxed("zero rate", "1", "10.00", "NONE", "1.00")),
                accrec(ada, null, taxed("zero rated output", "1", "10.00", "ZERORATEDOUTPUT", "0.01")),
                accrec(ada, null, taxed("zero rate, zero tax", "1", "10.00", "NONE", "0.00")),
                with(accrec(ada, null, taxed("inclusive beyond", "1", "10.00", "OUTPUT", "10.50")),
                        "\"LineAmountTypes\":\"Inclusive\"")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode l = reply.list("Invoices");
        assertThat(messages(l.get(0))).containsExactly("Tax amount must be between 0.00 and 10.00");
        assertThat(messages(l.get(1))).containsExactly("Tax amount must be between 0.00 and 10.00");
        assertThat(messages(l.get(2))).containsExactly("Tax amount must be between -6.00 and 0.00");
        assertThat(messages(l.get(3))).containsExactly("Tax amount 1.00 is incorrect for NONE tax type, should be 0.00");
        assertThat(messages(l.get(4))).containsExactly(
                "Tax amount 0.01 is incorrect for ZERORATEDOUTPUT tax type, should be 0.00");
        assertThat(l.get(5).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(messages(l.get(6))).containsExactly("Tax amount must be between 0.00 and 10.00");
        assertThat(l.get(0).get("HasErrors").asBoolean()).isTrue();
        assertThat(fx.sandbox.invoices()).hasSize(1);
    }

    @Test
    void anUpdateWithoutTaxAmountRecomputesTheTaxAndOneWithItKeepsIt() {
        JsonNode inv = fx.create(accrec(ada, null, taxed("a", "1", "22.17", "OUTPUT2", "3.32")));
        String id = inv.get("InvoiceID").asString();
        String lineId = inv.get("LineItems").get(0).get("LineItemID").asString();
        Reply plain = http.post("/Invoices/" + id, invoices("{\"LineItems\":[{\"LineItemID\":\"" + lineId
                + "\",\"Description\":\"a\",\"Quantity\":1,\"UnitAmount\":22.17,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"}]}"));
        assertThat(plain.list("Invoices").get(0).get("TotalTax").toString()).isEqualTo("3.33");
        Reply again = http.post("/Invoices/" + id, invoices("{\"LineItems\":[" + taxed("a", "1", "22.17", "OUTPUT2", "3.32")
                .replace("{\"Description\"", "{\"LineItemID\":\"" + lineId + "\",\"Description\"") + "]}"));
        assertThat(again.list("Invoices").get(0).get("TotalTax").toString()).isEqualTo("3.32");
    }
}
