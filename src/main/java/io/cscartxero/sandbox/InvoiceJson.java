package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sandbox.StoredInvoice.Line;
import io.cscartxero.sandbox.StoredInvoice.Payment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading invoice elements from request bodies and rendering stored invoices the way Xero does. */
final class InvoiceJson {

    static final Set<String> ELEMENTS = Set.of("InvoiceID", "Type", "Contact", "LineItems", "Date", "DueDate",
            "LineAmountTypes", "InvoiceNumber", "Reference", "CurrencyCode", "CurrencyRate", "Status", "Url",
            "BrandingThemeID", "SentToContact", "ExpectedPaymentDate", "PlannedPaymentDate");
    /** Stored and echoed verbatim, not interpreted. */
    static final Set<String> EXTRA_ELEMENTS = Set.of("Url", "BrandingThemeID", "SentToContact",
            "ExpectedPaymentDate", "PlannedPaymentDate");
    /** Read-only elements, accepted and ignored (so a GET result can be posted back; Total is "ignored"). */
    static final Set<String> IGNORED = Set.of("SubTotal", "TotalTax", "Total", "TotalDiscount", "HasAttachments",
            "IsDiscounted", "Payments", "Prepayments", "Overpayments", "CreditNotes", "AmountDue", "AmountPaid",
            "AmountCredited", "FullyPaidOnDate", "UpdatedDateUTC", "UpdatedDateUTCString", "Attachments", "HasErrors",
            "StatusAttributeString", "ValidationErrors", "Warnings", "DateString", "DueDateString", "CISDeduction",
            "CISRate", "RepeatingInvoiceID", "InvoiceAddresses");
    static final Set<String> LINE_ELEMENTS = Set.of("LineItemID", "Description", "Quantity", "UnitAmount",
            "ItemCode", "AccountCode", "AccountID", "TaxType", "TaxAmount", "LineAmount", "DiscountRate",
            "DiscountAmount", "Tracking");
    static final Set<String> LINE_IGNORED = Set.of("Item", "ValidationErrors", "RepeatingInvoiceID", "Taxability",
            "SalesTaxCodeId", "TaxBreakdown");

    private InvoiceJson() {
    }

    /** How the invoice names its contact; null fields were not sent. */
    record ContactRef(String contactId, String contactNumber, String name) {
    }

    /** One line element; {@code values} holds the elements that were sent (parsed), by name. */
    record LineInput(String lineItemId, Map<String, Object> values) {
        boolean has(String element) {
            return values.containsKey(element);
        }

        Object get(String element) {
            return values.get(element);
        }
    }

    /**
     * One invoice element; {@code values} holds the sent top-level scalars (parsed), {@code contact} is null when
     * Contact was absent, {@code lines} null when LineItems was absent.
     */
    record InvoiceInput(String invoiceId, Map<String, Object> values, ContactRef contact, List<LineInput> lines,
            ObjectNode extras, ObjectNode raw) {

        boolean has(String element) {
            return values.containsKey(element);
        }

        String text(String element) {
            return (String) values.get(element);
        }
    }

    static InvoiceInput parse(ObjectNode element, int unitDp) {
        XeroInput.checkElements(element, ELEMENTS, IGNORED);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : List.of("Type", "Status", "CurrencyCode")) {
            if (element.has(name)) values.put(name, upper(XeroInput.text(name, element.get(name))));
        }
        for (String name : List.of("InvoiceNumber", "Reference", "LineAmountTypes")) {
            if (element.has(name)) values.put(name, blankToNull(XeroInput.text(name, element.get(name))));
        }
        for (String name : List.of("Date", "DueDate")) {
            if (element.has(name)) values.put(name, XeroInput.date(name, element.get(name)));
        }
        if (element.has("CurrencyRate")) {
            values.put("CurrencyRate", XeroInput.decimal("CurrencyRate", element.get("CurrencyRate")));
        }
        ObjectNode extras = XeroJson.object();
        for (String name : EXTRA_ELEMENTS) {
            if (element.has(name) && !element.get(name).isNull()) extras.set(name, element.get(name).deepCopy());
        }
        return new InvoiceInput(XeroInput.guid("InvoiceID", element.get("InvoiceID")), values,
                contact(element.get("Contact")), lines(element.get("LineItems"), unitDp), extras, element.deepCopy());
    }

    /** Contact: ContactID, ContactNumber or Name identify it; other contact elements are ignored (see InvoiceStore). */
    private static ContactRef contact(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw new XeroApiException(XeroInput.wrongType("Contact"));
        return new ContactRef(XeroInput.guid("ContactID", node.get("ContactID")),
                blankToNull(XeroInput.text("ContactNumber", node.get("ContactNumber"))),
                blankToNull(XeroInput.text("Name", node.get("Name"))));
    }

    private static List<LineInput> lines(JsonNode node, int unitDp) {
        if (node == null || node.isNull()) return null;
        if (!node.isArray()) throw new XeroApiException(XeroInput.wrongType("LineItems"));
        List<LineInput> lines = new ArrayList<>();
        for (JsonNode item : node) {
            if (!(item instanceof ObjectNode line)) throw new XeroApiException(XeroInput.wrongType("LineItem"));
            XeroInput.checkElements(line, LINE_ELEMENTS, LINE_IGNORED);
            Map<String, Object> values = new LinkedHashMap<>();
            for (String name : List.of("Description", "ItemCode", "AccountCode")) {
                if (line.has(name)) values.put(name, blankToNull(XeroInput.text(name, line.get(name))));
            }
            if (line.has("TaxType")) values.put("TaxType", upper(XeroInput.text("TaxType", line.get("TaxType"))));
            if (line.has("AccountID")) values.put("AccountID", XeroInput.guid("AccountID", line.get("AccountID")));
            for (String name : List.of("Quantity", "UnitAmount", "TaxAmount", "LineAmount", "DiscountRate",
                    "DiscountAmount")) {
                if (line.has(name)) values.put(name, XeroInput.decimal(name, line.get(name)));
            }
            // UnitAmount: 2 dp, or 4 dp with unitdp=4 (half-up: unverified); Quantity: 4 dp as Xero shows it
            values.computeIfPresent("UnitAmount", (k, v) -> ((BigDecimal) v).setScale(unitDp,
                    java.math.RoundingMode.HALF_UP));
            values.computeIfPresent("Quantity", (k, v) -> ((BigDecimal) v).setScale(InvoiceMath.QUANTITY_DP,
                    java.math.RoundingMode.HALF_UP));
            if (line.has("Tracking")) {
                JsonNode tracking = line.get("Tracking");
                if (!tracking.isNull() && !tracking.isArray()) {
                    throw new XeroApiException(XeroInput.wrongType("Tracking"));
                }
                values.put("Tracking", tracking.isNull() ? null : tracking.deepCopy());
            }
            lines.add(new LineInput(XeroInput.guid("LineItemID", line.get("LineItemID")), values));
        }
        return lines;
    }

    // ---- rendering ----

    /** What to include: paged lists and single invoices carry line items, unpaged lists do not (§7). */
    enum Detail { FULL, NO_LINES, SUMMARY }

    /**
     * An invoice as Xero returns it.
     *
     * @param contact  the rendered Contact element
     * @param payments its payments (AUTHORISED and DELETED; only AUTHORISED ones are listed)
     * @param items    code → item, for the Item element of lines
     */
    static ObjectNode render(StoredInvoice inv, ObjectNode contact, List<Payment> payments,
            Map<String, StoredItem> items, OrgSettings org, int unitDp, Detail detail) {
        ObjectNode n = XeroJson.object();
        n.put("Type", inv.type());
        n.put("InvoiceID", inv.invoiceId());
        if (inv.invoiceNumber() != null || inv.accrec()) n.put("InvoiceNumber", nullToEmpty(inv.invoiceNumber()));
        if (inv.accrec() || inv.reference() != null) n.put("Reference", nullToEmpty(inv.reference()));
        if (detail != Detail.SUMMARY) {
            ArrayNode list = n.putArray("Payments");
            payments.stream().filter(Payment::authorised).forEach(p -> {
                ObjectNode pn = list.addObject();
                pn.put("PaymentID", p.paymentId());
                pn.put("Date", XeroJson.msDate(p.date()));
                pn.put("Amount", XeroJson.scaled(p.amount(), 2));
                if (p.reference() != null) pn.put("Reference", p.reference());
                pn.put("CurrencyRate", XeroJson.scaled(inv.currencyRate(), 6));
                pn.put("HasAccount", false);
                pn.put("HasValidationErrors", false);
            });
            n.putArray("CreditNotes");
            n.putArray("Prepayments");
            n.putArray("Overpayments");
        }
        n.put("AmountDue", XeroJson.scaled(inv.amountDue(), 2));
        n.put("AmountPaid", XeroJson.scaled(inv.amountPaid(), 2));
        n.put("AmountCredited", XeroJson.scaled(inv.amountCredited(), 2));
        n.put("SentToContact", inv.extras().path("SentToContact").asBoolean(false));
        n.put("CurrencyRate", XeroJson.scaled(inv.currencyRate(), 6));
        n.put("IsDiscounted", inv.totals().totalDiscount().signum() != 0);
        if (detail != Detail.SUMMARY) n.put("HasAttachments", false);
        n.put("HasErrors", false);
        n.set("Contact", contact);
        n.put("DateString", XeroJson.dateString(inv.date()));
        n.put("Date", XeroJson.msDate(inv.date()));
        if (inv.dueDate() != null) {
            n.put("DueDateString", XeroJson.dateString(inv.dueDate()));
            n.put("DueDate", XeroJson.msDate(inv.dueDate()));
        }
        n.put("Status", inv.status());
        n.put("LineAmountTypes", inv.lineAmountTypes());
        if (detail == Detail.FULL) {
            ArrayNode lines = n.putArray("LineItems");
            inv.lines().forEach(l -> lines.add(renderLine(l, items.get(code(l.itemCode())), org, unitDp)));
        }
        n.put("SubTotal", XeroJson.scaled(inv.totals().subTotal(), 2));
        n.put("TotalTax", XeroJson.scaled(inv.totals().totalTax(), 2));
        n.put("Total", XeroJson.scaled(inv.totals().total(), 2));
        if (inv.totals().totalDiscount().signum() != 0) {
            n.put("TotalDiscount", XeroJson.scaled(inv.totals().totalDiscount(), 2));
        }
        n.put("UpdatedDateUTC", XeroJson.msDate(inv.updatedDateUtc()));
        n.put("UpdatedDateUTCString", XeroJson.isoSeconds(inv.updatedDateUtc()));
        n.put("CurrencyCode", inv.currencyCode());
        if (inv.fullyPaidOnDate() != null) n.put("FullyPaidOnDate", XeroJson.msDate(inv.fullyPaidOnDate()));
        inv.extras().properties().forEach(e -> {
            if (!e.getKey().equals("SentToContact")) n.set(e.getKey(), e.getValue().deepCopy());
        });
        return n;
    }

    static ObjectNode renderLine(Line l, StoredItem item, OrgSettings org, int unitDp) {
        ObjectNode n = XeroJson.object();
        if (l.itemCode() != null) {
            n.put("ItemCode", l.itemCode());
            if (item != null) {
                ObjectNode i = n.putObject("Item");
                i.put("ItemID", item.itemId());
                if (item.name() != null) i.put("Name", item.name());
                i.put("Code", item.code());
            }
        }
        if (l.description() != null) n.put("Description", l.description());
        n.put("UnitAmount", XeroJson.scaled(l.unitAmount(), unitDp));
        if (l.taxType() != null) n.put("TaxType", l.taxType());
        n.put("TaxAmount", XeroJson.scaled(l.taxAmount(), 2));
        n.put("LineAmount", XeroJson.scaled(l.lineAmount(), 2));
        if (l.accountCode() != null) {
            n.put("AccountCode", l.accountCode());
            OrgSettings.Account account = org.account(l.accountCode());
            if (account != null) n.put("AccountID", account.accountId());
        }
        n.set("Tracking", l.tracking().deepCopy());
        n.put("Quantity", XeroJson.scaled(l.quantity(), InvoiceMath.QUANTITY_DP));
        if (l.discountRate() != null) n.put("DiscountRate", XeroJson.scaled(l.discountRate(), 2));
        if (l.discountAmount() != null) n.put("DiscountAmount", XeroJson.scaled(l.discountAmount(), 2));
        n.put("LineItemID", l.lineItemId());
        n.putArray("ValidationErrors");
        return n;
    }

    /** The Contact element of an invoice (Xero renders a contact summary). */
    static ObjectNode contact(StoredContact c, ContactRef fallback) {
        ObjectNode n = XeroJson.object();
        if (c != null) {
            n.put("ContactID", c.contactId());
            if (c.contactNumber() != null) n.put("ContactNumber", c.contactNumber());
            n.put("ContactStatus", c.contactStatus());
            n.put("Name", c.name());
        } else {
            n.put("ContactID", fallback == null || fallback.contactId() == null ? ContactJson.ZERO_GUID
                    : fallback.contactId());
            if (fallback != null && fallback.contactNumber() != null) n.put("ContactNumber", fallback.contactNumber());
            if (fallback != null && fallback.name() != null) n.put("Name", fallback.name());
        }
        n.putArray("Addresses");
        n.putArray("Phones");
        n.putArray("ContactGroups");
        n.putArray("ContactPersons");
        n.put("HasValidationErrors", false);
        return n;
    }

    /** Marks a rendered (or raw) element as failed: HasErrors and its ValidationErrors. */
    static ObjectNode failed(ObjectNode node, String invoiceId, List<String> errors) {
        node.put("InvoiceID", invoiceId == null ? ContactJson.ZERO_GUID : invoiceId);
        node.put("HasErrors", true);
        node.set("ValidationErrors", ItemJson.validationErrors(errors));
        return node;
    }

    static String code(String itemCode) {
        return itemCode == null ? null : itemCode.trim().toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
