package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.InvoiceFixture.accrec;
import static io.cscartxero.sandbox.InvoiceFixture.invoices;
import static io.cscartxero.sandbox.InvoiceFixture.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * /TrackingCategories as the spec has it (GET with options, PUT a category, PUT /{id}/Options, POST /{id}) with Xero's
 * limits (2 active categories, ~100 options, names ≤ 100 and unique ignoring case), and invoice / credit-note lines
 * whose Tracking names an unknown or inactive category or option refused.
 */
class TrackingCategoriesTest {

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final String ada = fx.contact("Ada Lovelace");

    private String category(String name) {
        Reply reply = http.put("/TrackingCategories", "{\"Name\":\"" + name + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode created = reply.list("TrackingCategories").get(0);
        assertThat(created.get("Status").asString()).isEqualTo("ACTIVE");
        return created.get("TrackingCategoryID").asString();
    }

    private Reply option(String categoryId, String name) {
        return http.put("/TrackingCategories/" + categoryId + "/Options", "{\"Name\":\"" + name + "\"}");
    }

    private static String tracked(String category, String option) {
        return line("Widget", "1", "100", "200", "OUTPUT2").replace("}", ",\"Tracking\":[{\"Name\":\"" + category
                + "\",\"Option\":\"" + option + "\"}]}");
    }

    @Test
    void categoriesAndOptionsAreCreatedListedAndLimitedAsInXero() {
        String channel = category("Channel");
        category("Region");
        Reply third = http.put("/TrackingCategories", "{\"Name\":\"Department\"}");
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.elementErrors(0)).containsExactly("You can only have 2 active tracking categories.");
        Reply duplicate = http.put("/TrackingCategories", "{\"Name\":\"channel\"}");
        assertThat(duplicate.elementErrors(0)).contains("A tracking category with the name 'channel' already exists.");

        Reply web = option(channel, "Web shop");
        assertThat(web.status()).isEqualTo(200);
        assertThat(web.list("Options").get(0).get("Name").asString()).isEqualTo("Web shop");
        assertThat(web.list("Options").get(0).get("IsActive").asBoolean()).isTrue();
        assertThat(option(channel, "WEB SHOP").elementError(0)).isEqualTo("A tracking option with the name 'WEB SHOP' already exists.");
        assertThat(option(channel, "x".repeat(101)).elementError(0)).isEqualTo("Tracking option name must not exceed 100 characters.");
        for (int i = 2; i <= 100; i++) {
            assertThat(option(channel, "Option " + i).status()).isEqualTo(200);
        }
        Reply hundredFirst = option(channel, "Option 101");
        assertThat(hundredFirst.status()).isEqualTo(400);
        assertThat(hundredFirst.elementError(0)).isEqualTo("A tracking category can have at most 100 options.");

        JsonNode list = http.get("/TrackingCategories").list("TrackingCategories");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("Name").asString()).isEqualTo("Channel");
        assertThat(list.get(0).get("Options")).hasSize(100);

        // archiving frees a place; archived ones are listed only with includeArchived=true
        Reply archived = http.post("/TrackingCategories/" + channel, "{\"Status\":\"ARCHIVED\"}");
        assertThat(archived.status()).isEqualTo(200);
        assertThat(http.get("/TrackingCategories").list("TrackingCategories")).hasSize(1);
        assertThat(http.get("/TrackingCategories?includeArchived=true").list("TrackingCategories")).hasSize(2);
        category("Department");
        assertThat(http.post("/TrackingCategories/" + channel, "{\"Status\":\"ACTIVE\"}").elementError(0))
                .isEqualTo("You can only have 2 active tracking categories.");
    }

    @Test
    void linesNamingAnUnknownCategoryOrOptionAreRefusedAndKnownOnesStoredWithTheirIds() {
        String channel = category("Channel");
        assertThat(option(channel, "Web shop").status()).isEqualTo(200);

        Reply ok = http.put("/Invoices", invoices(accrec(ada, "AUTHORISED", tracked("channel", "web SHOP"))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode tracking = ok.list("Invoices").get(0).get("LineItems").get(0).get("Tracking").get(0);
        assertThat(tracking.get("Name").asString()).isEqualTo("Channel");
        assertThat(tracking.get("Option").asString()).isEqualTo("Web shop");
        assertThat(tracking.get("TrackingCategoryID").asString()).isEqualTo(channel);
        assertThat(tracking.has("TrackingOptionID")).isTrue();
        assertThat(fx.sandbox.invoices().get(0).lines().get(0).tracking()).containsExactly("Channel: Web shop");

        Reply unknownOption = http.put("/Invoices", invoices(accrec(ada, "AUTHORISED", tracked("Channel", "Marketplace"))));
        assertThat(unknownOption.status()).isEqualTo(400);
        assertThat(unknownOption.elementErrors(0)).contains(
                "Tracking option 'Marketplace' does not exist or is not active in tracking category 'Channel'.");
        Reply unknownCategory = http.put("/Invoices", invoices(accrec(ada, "AUTHORISED", tracked("Region", "North"))));
        assertThat(unknownCategory.elementErrors(0)).contains("Tracking category 'Region' does not exist or is not active.");

        // a credit note's lines are checked the same way
        Reply credit = http.put("/CreditNotes", "{\"CreditNotes\":[" + accrec(ada, "AUTHORISED", tracked("Channel", "Marketplace"))
                .replace("\"ACCREC\"", "\"ACCRECCREDIT\"").replace(",\"DueDate\":\"2030-01-31\"", "") + "]}");
        assertThat(credit.status()).isEqualTo(400);
        assertThat(credit.elementErrors(0)).contains(
                "Tracking option 'Marketplace' does not exist or is not active in tracking category 'Channel'.");
    }
}
