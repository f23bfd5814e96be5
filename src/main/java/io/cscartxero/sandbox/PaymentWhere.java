package io.cscartxero.sandbox;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sandbox.StoredInvoice.Payment;

/**
 * {@code GET /Payments?where=…} (spec getPayments: "Filter by an any element", example {@code Status=="AUTHORISED"}):
 * the payment's own elements and those of its document — {@code PaymentID}, {@code Status}, {@code PaymentType},
 * {@code Reference}, {@code Amount}, {@code Date}, {@code IsReconciled}, {@code UpdatedDateUTC},
 * {@code Account.Code}, {@code Account.AccountID}, {@code Invoice.InvoiceID}, {@code Invoice.InvoiceNumber},
 * {@code Invoice.Contact.ContactID}, {@code CreditNote.CreditNoteID}, {@code CreditNote.CreditNoteNumber} (an element a
 * payment of the other kind lacks is null). Any other name is refused as Xero refuses it:
 * "No property or field 'X' exists in type 'Payment'" (QueryParseException).
 */
final class PaymentWhere {

    private PaymentWhere() {
    }

    /** The payments the request's {@code where} keeps (all of them without one). */
    static List<Payment> filter(SandboxRequest request, List<Payment> payments, Tenant tenant) {
        String where = request.param("where");
        if (where == null || where.isBlank()) return payments;
        return payments.stream().filter(WhereFilter.compile(where, schema(tenant))).toList();
    }

    static WhereFilter.Schema<Payment> schema(Tenant tenant) {
        Map<String, WhereFilter.Field<Payment>> f = new LinkedHashMap<>();
        f.put("PaymentID", WhereFilter.Field.string(Payment::paymentId));
        f.put("Status", WhereFilter.Field.string(Payment::status));
        f.put("PaymentType", WhereFilter.Field.string(p -> type(p, tenant)));
        f.put("Reference", WhereFilter.Field.string(Payment::reference));
        f.put("Amount", WhereFilter.Field.decimal(Payment::amount));
        f.put("Date", WhereFilter.Field.dateTime(p -> p.date().atStartOfDay().toInstant(ZoneOffset.UTC)));
        f.put("IsReconciled", WhereFilter.Field.bool(Payment::isReconciled));
        f.put("UpdatedDateUTC", WhereFilter.Field.dateTime(Payment::updatedDateUtc));
        f.put("Account.Code", WhereFilter.Field.string(Payment::accountCode));
        f.put("Account.AccountID", WhereFilter.Field.string(p -> {
            OrgSettings.Account a = tenant.org.account(p.accountCode());
            return a == null ? null : a.accountId();
        }));
        f.put("Invoice.InvoiceID", WhereFilter.Field.string(p -> invoice(p, tenant) == null ? null : p.invoiceId()));
        f.put("Invoice.InvoiceNumber", WhereFilter.Field.string(p -> {
            StoredInvoice i = invoice(p, tenant);
            return i == null ? null : i.invoiceNumber();
        }));
        f.put("Invoice.Contact.ContactID", WhereFilter.Field.string(p -> {
            StoredInvoice i = invoice(p, tenant);
            return i == null ? null : i.contactId();
        }));
        f.put("CreditNote.CreditNoteID", WhereFilter.Field.string(p -> tenant.invoices.isCredit(p.invoiceId())
                ? p.invoiceId() : null));
        f.put("CreditNote.CreditNoteNumber", WhereFilter.Field.string(p -> {
            StoredInvoice c = tenant.invoices.findCredit(p.invoiceId());
            return c == null ? null : c.invoiceNumber();
        }));
        return new WhereFilter.Schema<>("Payment", f);
    }

    private static StoredInvoice invoice(Payment p, Tenant tenant) {
        return tenant.invoices.isCredit(p.invoiceId()) ? null : tenant.invoices.find(p.invoiceId());
    }

    private static String type(Payment p, Tenant tenant) {
        StoredInvoice credit = tenant.invoices.findCredit(p.invoiceId());
        if (credit != null) return "ACCRECCREDIT".equals(credit.type()) ? "ARCREDITPAYMENT" : "APCREDITPAYMENT";
        StoredInvoice invoice = tenant.invoices.find(p.invoiceId());
        return invoice != null && invoice.accrec() ? "ACCRECPAYMENT" : "ACCPAYPAYMENT";
    }
}
