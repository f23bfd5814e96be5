package io.cscartxero.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.RmaReturns.RefundReturn;
import io.cscartxero.cscart.RmaReturns.ReturnedLine;
import io.cscartxero.xero.XeroCreditNotes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lines of a credit note, taken from the invoice's lines as Xero has them (description, item, account, TaxType,
 * tracking), so the credit note is taxed as the invoice was.
 * <p>
 * <b>A return</b> takes, for each returned order line, the matching invoice line (the linked product's ItemCode, else
 * the description starting with the product's name; the unit price equal to the returned price; the first with
 * quantity left when several match) scaled to the returned quantity. <b>Rounding to the cent</b>: an invoice line of
 * quantity q with tax T (and amount A) gives a return of n units after k units were already credited
 * {@code round(T·(k+n)/q) − round(T·k/q)} of tax (half-up, 2 dp) — cumulative rounding, so the returns of every unit
 * of a line add up to exactly T, never a cent more or less, whatever order and sizes they come in. The amount is
 * n × UnitAmount (exact: CS-Cart prices have 2 dp); when that is not a whole number of cents (a 4-dp unit price, a
 * line discount) the line is sent as quantity 1 with {@code round(A·(k+n)/q) − round(A·k/q)}.
 * <b>A full cancellation</b> takes every invoice line less what returns already credited (the rest of each line,
 * by the same rule with k+n = q), so the credit notes of an order add up to its invoice to the cent.
 */
final class CreditLines {

    private CreditLines() {
    }

    /** Why a return cannot be matched to its invoice. */
    static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    /** Invoice line index → quantity, for the returns given, in their order; {@code itemCodes}: product id → ItemCode. */
    static Map<Integer, BigDecimal> match(JsonNode invoice, RefundReturn refund, Map<Long, String> itemCodes,
            Map<Integer, BigDecimal> taken) throws Mismatch {
        Map<Integer, BigDecimal> matched = new LinkedHashMap<>();
        JsonNode lines = invoice.path("LineItems");
        for (ReturnedLine r : refund.lines()) {
            if (r.quantity() <= 0) continue;
            BigDecimal wanted = BigDecimal.valueOf(r.quantity());
            String code = itemCodes.get(r.productId());
            String name = r.product() == null ? "" : r.product().strip();
            int found = -1;
            for (int pass = 0; pass < 2 && found < 0; pass++) {
                for (int i = 0; i < lines.size() && found < 0; i++) {
                    JsonNode l = lines.get(i);
                    BigDecimal left = l.path("Quantity").decimalValue().subtract(taken.getOrDefault(i, BigDecimal.ZERO))
                            .subtract(matched.getOrDefault(i, BigDecimal.ZERO));
                    if (left.compareTo(wanted) < 0) continue;
                    if (r.price() != null && l.path("UnitAmount").decimalValue().compareTo(r.price()) != 0) continue;
                    boolean byCode = code != null && code.equalsIgnoreCase(l.path("ItemCode").asString(""));
                    boolean byName = !name.isEmpty() && l.path("Description").asString("").startsWith(name);
                    if (pass == 0 ? byCode : byName) found = i;
                }
            }
            if (found < 0) {
                throw new Mismatch("return " + refund.returnId() + ": no line of invoice "
                        + invoice.path("InvoiceNumber").asString("") + " has " + r.quantity() + " left of product "
                        + r.productId() + " (" + name + ") at " + (r.price() == null ? "?" : r.price().toPlainString()));
            }
            matched.merge(found, wanted, BigDecimal::add);
        }
        if (matched.isEmpty()) throw new Mismatch("return " + refund.returnId() + " has no accepted products");
        return matched;
    }

    /** What the returns before took of each line. */
    static Map<Integer, BigDecimal> taken(JsonNode invoice, List<RefundReturn> before, Map<Long, String> itemCodes)
            throws Mismatch {
        Map<Integer, BigDecimal> taken = new HashMap<>();
        for (RefundReturn r : before) match(invoice, r, itemCodes, taken).forEach((i, q) -> taken.merge(i, q,
                BigDecimal::add));
        return taken;
    }

    /** Lines for {@code now} (line → quantity) after {@code taken}. */
    static ArrayNode forReturn(JsonNode invoice, Map<Integer, BigDecimal> taken, Map<Integer, BigDecimal> now) {
        ArrayNode out = XeroCreditNotes.object().arrayNode();
        JsonNode lines = invoice.path("LineItems");
        now.forEach((i, n) -> out.add(line(invoice, lines.get(i), taken.getOrDefault(i, BigDecimal.ZERO), n)));
        return out;
    }

    /** Every line less what was taken (lines fully taken are left out); all lines when nothing was taken. */
    static ArrayNode remainder(JsonNode invoice, Map<Integer, BigDecimal> taken) {
        ArrayNode out = XeroCreditNotes.object().arrayNode();
        JsonNode lines = invoice.path("LineItems");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            BigDecimal q = l.path("Quantity").decimalValue();
            BigDecimal k = taken.getOrDefault(i, BigDecimal.ZERO);
            if (k.signum() > 0 && k.compareTo(q) >= 0) continue;
            out.add(line(invoice, l, k, q.subtract(k)));
        }
        return out;
    }

    /** {@code round(total·(k+n)/q) − round(total·k/q)}: this part's share, cumulative so the parts add up to total. */
    static BigDecimal share(BigDecimal total, BigDecimal q, BigDecimal k, BigDecimal n) {
        if (q.signum() == 0 || k.add(n).compareTo(q) == 0 && k.signum() == 0) return total;
        return part(total, q, k.add(n)).subtract(part(total, q, k));
    }

    private static BigDecimal part(BigDecimal total, BigDecimal q, BigDecimal units) {
        if (units.compareTo(q) == 0) return total.setScale(2, RoundingMode.HALF_UP);
        return total.multiply(units).divide(q, 2, RoundingMode.HALF_UP);
    }

    private static ObjectNode line(JsonNode invoice, JsonNode l, BigDecimal k, BigDecimal n) {
        ObjectNode line = XeroCreditNotes.object();
        String description = l.path("Description").asString(null);
        BigDecimal q = l.path("Quantity").decimalValue();
        BigDecimal unit = l.path("UnitAmount").decimalValue();
        boolean whole = k.signum() == 0 && n.compareTo(q) == 0;
        boolean discounted = l.hasNonNull("DiscountRate") && l.path("DiscountRate").decimalValue().signum() != 0
                || l.hasNonNull("DiscountAmount") && l.path("DiscountAmount").decimalValue().signum() != 0;
        BigDecimal amount = n.multiply(unit);
        if (!discounted && amount.stripTrailingZeros().scale() <= 2) {
            line.put("Quantity", n);
            line.put("UnitAmount", unit);
        } else {
            // credit notes take no discount; the line's (share of its) net amount as one unit
            BigDecimal net = l.path("LineAmount").decimalValue();
            line.put("Quantity", BigDecimal.ONE);
            line.put("UnitAmount", whole ? net : share(net, q, k, n));
            if (!whole && description != null) description = description + " (" + n.stripTrailingZeros()
                    .toPlainString() + " of " + q.stripTrailingZeros().toPlainString() + ")";
        }
        if (description != null) line.put("Description", description);
        if (l.hasNonNull("ItemCode")) line.put("ItemCode", l.path("ItemCode").asString());
        if (l.hasNonNull("AccountCode")) line.put("AccountCode", l.path("AccountCode").asString());
        if (l.hasNonNull("TaxType")) line.put("TaxType", l.path("TaxType").asString());
        if (l.hasNonNull("TaxAmount") && !"NoTax".equals(invoice.path("LineAmountTypes").asString())) {
            BigDecimal tax = l.path("TaxAmount").decimalValue();
            line.put("TaxAmount", whole ? tax : share(tax, q, k, n));
        }
        if (l.path("Tracking").isArray() && !l.path("Tracking").isEmpty()) {
            ArrayNode tracking = line.putArray("Tracking");
            for (JsonNode t : l.path("Tracking")) {
                ObjectNode copy = tracking.addObject();
                if (t.hasNonNull("Name")) copy.put("Name", t.path("Name").asString());
                if (t.hasNonNull("Option")) copy.put("Option", t.path("Option").asString());
            }
        }
        return line;
    }
}
