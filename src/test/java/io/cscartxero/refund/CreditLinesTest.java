package io.cscartxero.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.RmaReturns.RefundReturn;
import io.cscartxero.cscart.RmaReturns.ReturnedLine;
import io.cscartxero.xero.model.XeroJson;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** The lines of a return's credit note: matched to the invoice's lines, scaled, tax rounded cumulatively to the cent. */
class CreditLinesTest {

    /** Three widgets at 10.01 with 4.51 tax (CS-Cart's share), two gadgets at 5.00 with tax 1.51, shipping. */
    static final JsonNode INVOICE = XeroJson.MAPPER.readTree("""
            {"InvoiceNumber":"CS-7","LineAmountTypes":"Exclusive","LineItems":[
              {"Description":"Widget (Colour: Red)","Quantity":3,"UnitAmount":10.01,"ItemCode":"W-1","AccountCode":"200",
               "TaxType":"OUTPUT2","TaxAmount":4.51,"LineAmount":30.03,
               "Tracking":[{"Name":"Region","Option":"North","TrackingCategoryID":"x"}]},
              {"Description":"Gadget","Quantity":2,"UnitAmount":5.00,"AccountCode":"200","TaxType":"OUTPUT2",
               "TaxAmount":1.51,"LineAmount":10.00},
              {"Description":"Shipping","Quantity":1,"UnitAmount":7.00,"AccountCode":"200","TaxType":"OUTPUT2",
               "TaxAmount":1.05,"LineAmount":7.00}]}
            """);

    static RefundReturn ret(long id, long productId, String name, long quantity, String price) {
        return new RefundReturn(id, 7, "C", List.of(new ReturnedLine(100 + productId, productId, name, quantity,
                new BigDecimal(price))));
    }

    @Test
    void cumulativeRoundingMakesEveryReturnOfALineAddUpToItsTax() {
        // 4.51 over 3 units: 1.503333 a unit; one at a time: 1.50, 1.51 (3.01 − 1.50), 1.50 (4.51 − 3.01)
        assertThat(CreditLines.share(new BigDecimal("4.51"), BigDecimal.valueOf(3), BigDecimal.ZERO, BigDecimal.ONE))
                .isEqualByComparingTo("1.50");
        assertThat(CreditLines.share(new BigDecimal("4.51"), BigDecimal.valueOf(3), BigDecimal.ONE, BigDecimal.ONE))
                .isEqualByComparingTo("1.51");
        assertThat(CreditLines.share(new BigDecimal("4.51"), BigDecimal.valueOf(3), BigDecimal.valueOf(2), BigDecimal.ONE))
                .isEqualByComparingTo("1.50");
        // per-unit rounding would give 1.50 × 3 = 4.50, a cent short; half-up: 1.51/2 = 0.755 → 0.76, then 0.75
        assertThat(CreditLines.share(new BigDecimal("1.51"), BigDecimal.valueOf(2), BigDecimal.ZERO, BigDecimal.ONE))
                .isEqualByComparingTo("0.76");
        assertThat(CreditLines.share(new BigDecimal("1.51"), BigDecimal.valueOf(2), BigDecimal.ONE, BigDecimal.ONE))
                .isEqualByComparingTo("0.75");
        for (int q = 1; q <= 7; q++) {
            BigDecimal tax = new BigDecimal("0.0" + q).add(new BigDecimal(q));
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < q; k++) sum = sum.add(CreditLines.share(tax, BigDecimal.valueOf(q), BigDecimal.valueOf(k),
                    BigDecimal.ONE));
            assertThat(sum).as("%s over %s units", tax, q).isEqualByComparingTo(tax);
        }
    }

    @Test
    void aReturnTakesTheMatchingInvoiceLineScaledWithItsTaxTypeAccountAndTracking() throws Exception {
        Map<Long, String> codes = Map.of(1L, "W-1");
        RefundReturn first = ret(1, 1, "Widget", 2, "10.01");
        Map<Integer, BigDecimal> matched = CreditLines.match(INVOICE, first, codes, new HashMap<>());
        assertThat(matched).containsExactly(Map.entry(0, BigDecimal.valueOf(2)));
        ArrayNode lines = CreditLines.forReturn(INVOICE, Map.of(), matched);
        assertThat(lines).hasSize(1);
        JsonNode l = lines.get(0);
        assertThat(l.get("Quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(l.get("UnitAmount").decimalValue()).isEqualByComparingTo("10.01");
        assertThat(l.get("TaxAmount").decimalValue()).isEqualByComparingTo("3.01");
        assertThat(l.get("TaxType").asString()).isEqualTo("OUTPUT2");
        assertThat(l.get("AccountCode").asString()).isEqualTo("200");
        assertThat(l.get("ItemCode").asString()).isEqualTo("W-1");
        assertThat(l.get("Tracking").get(0).get("Option").asString()).isEqualTo("North");

        // the last widget after the first two: the rest of the tax; by name when the product is not linked
        Map<Integer, BigDecimal> taken = CreditLines.taken(INVOICE, List.of(first), codes);
        Map<Integer, BigDecimal> last = CreditLines.match(INVOICE, ret(2, 1, "Widget", 1, "10.01"), Map.of(), taken);
        assertThat(CreditLines.forReturn(INVOICE, taken, last).get(0).get("TaxAmount").decimalValue())
                .isEqualByComparingTo("1.50");
        // nothing left of the line: refused, not booked on another line
        taken.merge(0, BigDecimal.ONE, BigDecimal::add);
        assertThatThrownBy(() -> CreditLines.match(INVOICE, ret(3, 1, "Widget", 1, "10.01"), codes, taken))
                .isInstanceOf(CreditLines.Mismatch.class).hasMessageContaining("no line of invoice CS-7 has 1 left");

        // a full cancellation after the returns: what is left of each line, so all credit notes add up to the invoice
        ArrayNode rest = CreditLines.remainder(INVOICE, CreditLines.taken(INVOICE, List.of(first), codes));
        assertThat(rest).hasSize(3);
        assertThat(rest.get(0).get("Quantity").decimalValue()).isEqualByComparingTo("1");
        assertThat(rest.get(0).get("TaxAmount").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(rest.get(1).get("TaxAmount").decimalValue()).isEqualByComparingTo("1.51");
    }
}
