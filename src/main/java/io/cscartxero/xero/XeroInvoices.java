package io.cscartxero.xero;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;

/** Xero sales invoices: batch create/update with per-element results (and Xero's totals), look-ups, status changes. */
public class XeroInvoices {

    private final XeroHttp http;

    public XeroInvoices(XeroHttp http) {
        this.http = http;
    }

    /** The outcome of one invoice and, when saved, what Xero made of it (InvoiceID, LineItemIDs, Total). */
    public record Result(Invoice sent, Invoice saved, ElementResult<Invoice> verdict) {
    }

    public List<Result> create(List<Invoice> invoices) {
        return write(HttpMethod.PUT, invoices);
    }

    public List<Result> update(List<Invoice> invoices) {
        return write(HttpMethod.POST, invoices);
    }

    public List<Invoice> byIds(Collection<String> invoiceIds) {
        return page("IDs", invoiceIds);
    }

    public List<Invoice> byNumbers(Collection<String> invoiceNumbers) {
        return page("InvoiceNumbers", invoiceNumbers);
    }

    private List<Invoice> page(String filter, Collection<String> values) {
        List<Invoice> found = new ArrayList<>();
        List<String> all = List.copyOf(values);
        for (int i = 0; i < all.size(); i += XeroContacts.LOOKUP_BATCH) {
            String list = String.join(",", all.subList(i, Math.min(all.size(), i + XeroContacts.LOOKUP_BATCH)));
            // paged reads carry the line items (with their LineItemIDs)
            found.addAll(parse(http.get("/Invoices?page=1&unitdp=4&" + filter + "=" + URLEncoder.encode(list, StandardCharsets.UTF_8))).invoices());
        }
        return found;
    }

    private List<Result> write(HttpMethod method, List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return List.of();
        }
        String body = XeroJson.MAPPER.writeValueAsString(new Invoices(invoices));
        List<Invoice> answered = parse(http.write(method, "/Invoices?summarizeErrors=false&unitdp=4", body)).invoices();
        List<ElementResult<Invoice>> verdicts = BatchResults.pair(invoices, answered, Invoice::invoiceID,
                Invoice::statusAttributeString, Invoice::validationErrors, "invoices");
        List<Result> results = new ArrayList<>(invoices.size());
        for (int i = 0; i < invoices.size(); i++) {
            results.add(new Result(invoices.get(i), verdicts.get(i).accepted() ? answered.get(i) : null, verdicts.get(i)));
        }
        return results;
    }

    private static Invoices parse(XeroHttp.Response response) {
        try {
            Invoices parsed = XeroJson.MAPPER.readValue(response.body(), Invoices.class);
            return parsed.invoices() == null ? new Invoices(List.of()) : parsed;
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable Invoices response from Xero: " + e.getMessage());
        }
    }

    record Invoices(List<Invoice> invoices) {
    }
}
