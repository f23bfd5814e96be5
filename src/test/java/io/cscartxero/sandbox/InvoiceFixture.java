package io.cscartxero.sandbox;

import java.util.ArrayList;
import java.util.List;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

/**
 * A sandbox logged in with the connector's scopes, plus JSON builders for invoices and payments. A test class holds it
 * in a field, {@code @AutoClose final InvoiceFixture fx = new InvoiceFixture();}, with its contacts and invoices
 * as the fields after it: one sandbox per test (per class with {@code @TestInstance(PER_CLASS)}), closed after it.
 */
final class InvoiceFixture implements AutoCloseable {

    final XeroSandbox sandbox;
    final SandboxHttp http;

    InvoiceFixture() {
        sandbox = TestSandbox.generous();
        http = new SandboxHttp(sandbox);
        http.login(SandboxMain.CONNECTOR_SCOPES);
    }

    @Override
    public void close() {
        sandbox.close();
    }

    /** Creates an ACTIVE contact and returns its ContactID. */
    String contact(String name) {
        Reply reply = http.put("/Contacts", SandboxHttp.contacts(SandboxHttp.contact(name, null)));
        if (reply.status() != 200) throw new IllegalStateException(reply.body());
        return reply.contacts().get(0).get("ContactID").asString();
    }

    void archive(String contactId) {
        http.post("/Contacts", SandboxHttp.contacts("{\"ContactID\":\"" + contactId + "\",\"ContactStatus\":\"ARCHIVED\"}"));
    }

    /** Creates one invoice (must succeed) and returns it as rendered. */
    JsonNode create(String element) {
        Reply reply = http.put("/Invoices", invoices(element));
        if (reply.status() != 200) throw new IllegalStateException(reply.body());
        return reply.list("Invoices").get(0);
    }

    /** An AUTHORISED ACCREC invoice of 100.00 + 15.00 tax for the contact; returns its InvoiceID. */
    String authorised(String contactId) {
        return create(accrec(contactId, "AUTHORISED", line("Widget", "1", "100", "200", "OUTPUT2")))
                .get("InvoiceID").asString();
    }

    static String invoices(String... elements) {
        return "{\"Invoices\":[" + String.join(",", elements) + "]}";
    }

    /** {"Type":"ACCREC","Contact":{"ContactID":..},"Status":..,"DueDate":"2030-01-31","LineItems":[..]} */
    static String accrec(String contactId, String status, String... lines) {
        return "{\"Type\":\"ACCREC\",\"Contact\":{\"ContactID\":\"" + contactId + "\"}"
                + (status == null ? "" : ",\"Status\":\"" + status + "\"")
                + ",\"DueDate\":\"2030-01-31\",\"LineItems\":[" + String.join(",", lines) + "]}";
    }

    /** Replaces the closing brace of an element to add more elements: with(accrec(..), "\"Reference\":\"R\""). */
    static String with(String element, String... more) {
        return element.substring(0, element.length() - 1) + "," + String.join(",", more) + "}";
    }

    static String line(String description, String quantity, String unitAmount, String accountCode, String taxType) {
        List<String> parts = new ArrayList<>();
        if (description != null) parts.add("\"Description\":\"" + description + "\"");
        if (quantity != null) parts.add("\"Quantity\":" + quantity);
        if (unitAmount != null) parts.add("\"UnitAmount\":" + unitAmount);
        if (accountCode != null) parts.add("\"AccountCode\":\"" + accountCode + "\"");
        if (taxType != null) parts.add("\"TaxType\":\"" + taxType + "\"");
        return "{" + String.join(",", parts) + "}";
    }

    static String payment(String invoiceId, String accountCode, String amount) {
        return "{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Account\":{\"Code\":\"" + accountCode
                + "\"},\"Date\":\"2030-01-05\",\"Amount\":" + amount + "}";
    }

    static String payments(String... elements) {
        return "{\"Payments\":[" + String.join(",", elements) + "]}";
    }

    static List<String> messages(JsonNode element) {
        List<String> list = new ArrayList<>();
        element.get("ValidationErrors").forEach(m -> list.add(m.get("Message").asString()));
        return list;
    }
}
