package io.cscartxero.xero;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.PayableInvoice;
import io.cscartxero.xero.model.Payment;
import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;

/**
 * Xero payments on sales invoices: a batch create ({@code PUT /Payments?summarizeErrors=false}, one answer per
 * payment, an {@code Idempotency-Key} as every write) and the invoices about to be paid with their amount due and
 * existing payments ({@code GET /Invoices?IDs=…}, unpaged: no line items, 50 ids per call).
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

    public List<Result> create(List<Payment> payments) {
        if (payments.isEmpty()) {
            return List.of();
        }
        String body = XeroJson.MAPPER.writeValueAsString(new Payments(payments));
        List<Payment> answered = parse(http.write(HttpMethod.PUT, "/Payments?summarizeErrors=false", body)).payments();
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
}
