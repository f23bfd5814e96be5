package io.cscartxero.xero;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.PayableInvoice;
import io.cscartxero.xero.model.Payment;
import io.cscartxero.xero.model.XeroDates;
import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;

/**
 * Xero payments on sales invoices: a batch create ({@code PUT /Payments?summarizeErrors=false}, one answer per
 * payment, an {@code Idempotency-Key} as every write) and the invoices about to be paid with their amount due and
 * existing payments ({@code GET /Invoices?IDs=…}, unpaged: no line items, 50 ids per call); for an invoice about to
 * change, the same with its lines ({@link #invoicesWithLines}); a payment by id ({@code GET /Payments/{id}}, deleted
 * ones too) and its removal ({@code POST /Payments/{id}} with {@code Status: DELETED}, one call per payment: Xero has no
 * batch delete).
 */
public class XeroPayments {

    /** Invoice ids per look-up: one chunk's worth (50 GUIDs keep the address about 2 KB). */
    static final int LOOKUP_BATCH = 50;

    private final XeroHttp http;

    public XeroPayments(XeroHttp http) {
        this.http = http;
    }

    /** The outcome of one payment and, when saved, what Xero made of it (PaymentID). */
    public record Result(Payment sent, Payment saved, ElementResult<Payment> verdict) {
    }

    /**
     * An invoice as a change to it needs it: its lines (with LineItemIDs), and its status, AmountDue and live payments
     * ({@code Payments} lists the payments not deleted), and the credit allocated to it.
     */
    public record InvoiceState(Invoice invoice, PayableInvoice payable, BigDecimal amountCredited) {

        public InvoiceState {
            amountCredited = amountCredited == null ? BigDecimal.ZERO : amountCredited;
        }

        public String invoiceID() {
            return invoice.invoiceID();
        }
    }

    public List<Result> create(List<Payment> payments) {
        return create(payments, "");
    }

    /**
     * As {@link #create(List)}, the Idempotency-Key also covering {@code keyContext}: a payment made again with the
     * same invoice, account, date, amount and reference as one deleted earlier (names the deleted payments) is a new
     * payment, not the answer Xero kept for the first one.
     */
    public List<Result> create(List<Payment> payments, String keyContext) {
        if (payments.isEmpty()) {
            return List.of();
        }
        String body = XeroJson.MAPPER.writeValueAsString(new Payments(payments));
        List<Payment> answered = parse(http.write(HttpMethod.PUT, "/Payments?summarizeErrors=false", body, keyContext)).payments();
        List<ElementResult<Payment>> verdicts = BatchResults.pair(payments, answered, Payment::paymentID,
                Payment::statusAttributeString, Payment::validationErrors, "payments");
        List<Result> results = new ArrayList<>(payments.size());
        for (int i = 0; i < payments.size(); i++) {
            results.add(new Result(payments.get(i), verdicts.get(i).accepted() ? answered.get(i) : null, verdicts.get(i)));
        }
        return results;
    }

    /** The invoices with these ids (those Xero knows), with AmountDue and their payments. */
    public List<PayableInvoice> invoices(Collection<String> invoiceIds) {
        List<PayableInvoice> found = new ArrayList<>();
        List<String> all = List.copyOf(invoiceIds);
        for (int i = 0; i < all.size(); i += LOOKUP_BATCH) {
            String list = String.join(",", all.subList(i, Math.min(all.size(), i + LOOKUP_BATCH)));
            XeroHttp.Response response = http.get("/Invoices?IDs=" + URLEncoder.encode(list, StandardCharsets.UTF_8));
            try {
                Invoices parsed = XeroJson.MAPPER.readValue(response.body(), Invoices.class);
                if (parsed.invoices() != null) {
                    found.addAll(parsed.invoices());
                }
            } catch (RuntimeException e) {
                throw new XeroApiException.BadRequest(response.status(), "unreadable Invoices response from Xero: " + e.getMessage());
            }
        }
        return found;
    }

    /**
     * Removes one payment: {@code POST /Payments/{id}} with {@code {"Payments":[{"Status":"DELETED"}]}} (a payment
     * cannot be edited). The answer carries the payment (Account, Date, Amount, Reference); Xero's refusal (a
     * reconciled payment, a locked period, already deleted) comes back as a rejected result with Xero's message.
     */
    public Result delete(String paymentId) {
        Payment request = new Payment(null, null, null, null, null, null, "DELETED", null, null);
        String body = XeroJson.MAPPER.writeValueAsString(new Payments(List.of(request)));
        try {
            List<Payment> answered = parse(http.write(HttpMethod.POST, "/Payments/" + paymentId, body)).payments();
            Payment saved = answered.isEmpty() ? null : answered.get(0);
            if (saved == null || !"DELETED".equals(saved.status())) {
                List<String> messages = saved == null || saved.validationErrors() == null ? List.of()
                        : saved.validationErrors().stream().map(e -> e.message()).toList();
                return new Result(request, null, ElementResult.rejected(request, messages.isEmpty()
                        ? List.of("Xero did not delete payment " + paymentId) : messages));
            }
            return new Result(request, saved, ElementResult.accepted(request, paymentId));
        } catch (XeroApiException.Validation refused) {
            return new Result(request, null, ElementResult.rejected(request, refused.messages()));
        } catch (XeroApiException.NotFound gone) {
            return new Result(request, null, ElementResult.rejected(request, List.of("payment " + paymentId + " is not in Xero")));
        }
    }

    /** One payment by id, deleted ones included (Status DELETED); null when Xero has none. */
    public Payment byId(String paymentId) {
        try {
            List<Payment> found = parse(http.get("/Payments/" + paymentId)).payments();
            return found.isEmpty() ? null : found.get(0);
        } catch (XeroApiException.NotFound gone) {
            return null;
        }
    }

    /**
     * The invoices with these ids with their lines, payments and AmountDue: one paged {@code GET /Invoices?IDs=…}
     * per 40 ids (paged reads carry the line items), read as both the invoice and its payment state.
     */
    public List<InvoiceState> invoicesWithLines(Collection<String> invoiceIds) {
        List<InvoiceState> found = new ArrayList<>();
        for (List<String> batch : LookupBatches.of(invoiceIds)) {
            // as XeroInvoices#byIds: 40 ids per paged read
            String list = String.join(",", batch);
            XeroHttp.Response response = http.get("/Invoices?page=1&unitdp=4&IDs=" + URLEncoder.encode(list, StandardCharsets.UTF_8));
            try {
                Map<String, PayableInvoice> payable = new HashMap<>();
                Map<String, BigDecimal> credited = new HashMap<>();
                Invoices states = XeroJson.MAPPER.readValue(response.body(), Invoices.class);
                if (states.invoices() != null) {
                    states.invoices().forEach(p -> payable.put(p.invoiceID(), p));
                }
                Credited credits = XeroJson.MAPPER.readValue(response.body(), Credited.class);
                if (credits.invoices() != null) {
                    credits.invoices().forEach(c -> credited.put(c.invoiceID(), c.amountCredited()));
                }
                FullInvoices full = XeroJson.MAPPER.readValue(response.body(), FullInvoices.class);
                if (full.invoices() != null) {
                    full.invoices().forEach(inv -> found.add(new InvoiceState(inv, payable.get(inv.invoiceID()),
                            credited.get(inv.invoiceID()))));
                }
            } catch (RuntimeException e) {
                throw new XeroApiException.BadRequest(response.status(), "unreadable Invoices response from Xero: " + e.getMessage());
            }
        }
        return found;
    }

    /** A payment's Date ({@code /Date(…)/} in answers, {@code yyyy-MM-dd} in requests) as a day; null when absent. */
    public static LocalDate dayOf(Payment payment) {
        if (payment == null || payment.date() == null) {
            return null;
        }
        if (payment.date().matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return LocalDate.parse(payment.date().substring(0, 10));
        }
        var instant = XeroDates.parse(payment.date());
        return instant == null ? null : instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * How the connector's own payments are recognised on an invoice: their Reference starts with this (paymentExportJob
     * writes {@code CS-Cart order 123 (paid 2026-01-02, status log)}).
     */
    public static String orderReferencePrefix(long orderId) {
        return "CS-Cart order " + orderId + " (";
    }

    /** Whether this payment is the connector's for the order: its Reference starts with {@link #orderReferencePrefix}. */
    public static boolean isOrderPayment(Payment payment, long orderId) {
        return payment.reference() != null && payment.reference().startsWith(orderReferencePrefix(orderId));
    }

    /** A payment as error rows show it: {@code InvoiceNumber=…, Account=…, Date=…} and {@code , Amount=…} when known. */
    public static String describe(String invoiceNumber, String accountCode, LocalDate date, BigDecimal amount) {
        return "InvoiceNumber=" + invoiceNumber + ", Account=" + accountCode + ", Date=" + date
                + (amount == null ? "" : ", Amount=" + amount.toPlainString());
    }

    private static Payments parse(XeroHttp.Response response) {
        try {
            Payments parsed = XeroJson.MAPPER.readValue(response.body(), Payments.class);
            return parsed.payments() == null ? new Payments(List.of()) : parsed;
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable Payments response from Xero: " + e.getMessage());
        }
    }

    record Payments(List<Payment> payments) {
    }

    record Invoices(List<PayableInvoice> invoices) {
    }

    record FullInvoices(List<Invoice> invoices) {
    }

    record Credited(List<CreditedInvoice> invoices) {
    }

    record CreditedInvoice(String invoiceID, BigDecimal amountCredited) {
    }
}
