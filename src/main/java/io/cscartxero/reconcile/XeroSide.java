package io.cscartxero.reconcile;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.cscartxero.xero.XeroHttp;
import tools.jackson.databind.JsonNode;

/**
 * What the reconciliation reads from Xero, every call counted. Invoices by {@code IDs=} or {@code InvoiceNumbers=}
 * ({@value #BATCH} per call: Xero's filters are limited only by the URL length, "retrieve in a batch of 40"), or the
 * paged list ({@value #PAGE} per page) of the connector's invoices dated in the period; {@code summaryOnly=true}
 * everywhere (no line items or payments: Total, TotalTax, AmountPaid, Status and the contact are all it needs).
 * Contacts: the paged list, archived included; items: one call (Xero does not page items). Reads only.
 */
final class XeroSide {

    static final int BATCH = 40;
    static final int PAGE = 1000;

    /** An invoice as the reconciliation compares it. */
    record XeroInvoice(String id, String number, String type, String status, String contactId, BigDecimal total,
            BigDecimal totalTax, BigDecimal amountPaid) {

        boolean cancelled() {
            return "VOIDED".equals(status) || "DELETED".equals(status);
        }
    }

    /** A contact or an item: its id, number/code and status (items: ACTIVE). */
    record XeroRecord(String id, String key, String status) {
    }

    private final XeroHttp http;
    private int calls;

    XeroSide(XeroHttp http) {
        this.http = http;
    }

    int calls() {
        return calls;
    }

    List<XeroInvoice> invoicesByIds(Collection<String> ids) {
        return batched("IDs", ids);
    }

    List<XeroInvoice> invoicesByNumbers(Collection<String> numbers) {
        return batched("InvoiceNumbers", numbers);
    }

    private List<XeroInvoice> batched(String filter, Collection<String> values) {
        List<XeroInvoice> found = new ArrayList<>();
        List<String> all = List.copyOf(values);
        for (int i = 0; i < all.size(); i += BATCH) {
            String list = String.join(",", all.subList(i, Math.min(all.size(), i + BATCH)));
            found.addAll(invoices(get("/Invoices?summaryOnly=true&page=1&pageSize=" + BATCH + "&" + filter + "="
                    + encode(list))));
        }
        return found;
    }

    /**
     * Every sales invoice whose number starts with the prefix, dated in the period (either end may be null), page by
     * page; {@code where} on Type, Date and InvoiceNumber, all filters Xero optimises or applies on its side.
     */
    List<XeroInvoice> invoicesInPeriod(String prefix, LocalDate since, LocalDate until) {
        StringBuilder where = new StringBuilder("Type==\"ACCREC\"");
        if (since != null) {
            where.append(" && Date>=").append(dateTime(since));
        }
        if (until != null) {
            where.append(" && Date<=").append(dateTime(until));
        }
        if (!prefix.isEmpty()) {
            where.append(" && InvoiceNumber.StartsWith(\"").append(prefix.replace("\"", "")).append("\")");
        }
        List<XeroInvoice> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<XeroInvoice> one = invoices(get("/Invoices?summaryOnly=true&page=" + page + "&pageSize=" + PAGE
                    + "&where=" + encode(where.toString())));
            found.addAll(one);
            if (one.size() < PAGE) {
                return found;
            }
        }
    }

    /** Every contact, archived included (ContactID order, so that a change while paging cannot skip one). */
    List<XeroRecord> contacts() {
        List<XeroRecord> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = get("/Contacts?page=" + page + "&pageSize=" + PAGE + "&order=ContactID&includeArchived=true"
                    + "&summaryOnly=true");
            int n = 0;
            for (JsonNode c : answer.path("Contacts")) {
                found.add(new XeroRecord(c.path("ContactID").asString(), c.path("ContactNumber").asString(""),
                        c.path("ContactStatus").asString("ACTIVE")));
                n++;
            }
            if (n < PAGE) {
                return found;
            }
        }
    }

    /** Every item (one call). */
    List<XeroRecord> items() {
        List<XeroRecord> found = new ArrayList<>();
        for (JsonNode i : get("/Items").path("Items")) {
            found.add(new XeroRecord(i.path("ItemID").asString(), i.path("Code").asString(""), "ACTIVE"));
        }
        return found;
    }

    private JsonNode get(String pathAndQuery) {
        calls++;
        return http.get(pathAndQuery).json();
    }

    private static List<XeroInvoice> invoices(JsonNode answer) {
        List<XeroInvoice> found = new ArrayList<>();
        for (JsonNode i : answer.path("Invoices")) {
            found.add(new XeroInvoice(i.path("InvoiceID").asString(), i.path("InvoiceNumber").asString(""),
                    i.path("Type").asString(""), i.path("Status").asString(""),
                    i.path("Contact").path("ContactID").asString(null), decimal(i, "Total"), decimal(i, "TotalTax"),
                    decimal(i, "AmountPaid")));
        }
        return found;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? BigDecimal.ZERO : new BigDecimal(v.asString()).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static String dateTime(LocalDate d) {
        return "DateTime(" + d.getYear() + "," + two(d.getMonthValue()) + "," + two(d.getDayOfMonth()) + ")";
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
