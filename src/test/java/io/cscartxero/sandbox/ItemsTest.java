package io.cscartxero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

class ItemsTest {

    XeroSandbox sandbox;
    SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = TestSandbox.generous();
        http = new SandboxHttp(sandbox);
        http.login();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static String items(String... elements) {
        return "{\"Items\":[" + String.join(",", elements) + "]}";
    }

    static String item(String code, String name, String price) {
        return "{\"Code\":\"" + code + "\",\"Name\":\"" + name + "\",\"Description\":\"" + name + " (sales)\","
                + "\"SalesDetails\":{\"UnitPrice\":" + price + ",\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"}}";
    }

    @Test
    void putCreatesItemsAndAnswersWithEnvelope() {
        Reply reply = http.put("/Items", items(item("SKU-1", "Guitar", "5000"), item("SKU-2", "Strings", "9.5")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("Status").asString()).isEqualTo("OK");
        JsonNode first = reply.list("Items").get(0);
        assertThat(first.get("ItemID").asString()).matches("[0-9a-f-]{36}");
        assertThat(first.get("Code").asString()).isEqualTo("SKU-1");
        assertThat(first.get("Name").asString()).isEqualTo("Guitar");
        assertThat(first.get("Description").asString()).isEqualTo("Guitar (sales)");
        assertThat(first.get("SalesDetails").get("UnitPrice").toString()).isEqualTo("5000.00");
        assertThat(first.get("SalesDetails").get("AccountCode").asString()).isEqualTo("200");
        assertThat(first.get("SalesDetails").get("TaxType").asString()).isEqualTo("OUTPUT2");
        assertThat(first.get("PurchaseDetails").isEmpty()).isTrue();
        assertThat(first.get("IsTrackedAsInventory").asBoolean()).isFalse();
        assertThat(first.get("IsSold").asBoolean()).isTrue();
        assertThat(first.get("IsPurchased").asBoolean()).isTrue();
        assertThat(first.get("UpdatedDateUTC").asString()).matches("/Date\\(\\d+\\+0000\\)/");
        assertThat(first.has("StatusAttributeString")).isFalse();

        assertThat(sandbox.items()).extracting(SandboxItem::code).containsExactly("SKU-1", "SKU-2");
        SandboxItem stored = sandbox.items().get(1);
        assertThat(stored.unitPrice()).isEqualByComparingTo("9.50");
        assertThat(stored.accountCode()).isEqualTo("200");
        assertThat(stored.taxType()).isEqualTo("OUTPUT2");
        assertThat(stored.isTrackedAsInventory()).isFalse();
        assertThat(stored.itemId()).isEqualTo(reply.list("Items").get(1).get("ItemID").asString());
    }

    @Test
    void getReturnsAllItemsWithoutPaging() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 120; i++) many.append(i == 0 ? "" : ",").append(item(String.format("C%03d", i), "N" + i, "1"));
        assertThat(http.put("/Items", items(many.toString())).status()).isEqualTo(200);

        Reply reply = http.get("/Items?page=1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.list("Items").size()).isEqualTo(120);
        assertThat(reply.json().has("pagination")).isFalse();
    }

    @Test
    void getByIdOrCodeAndUnknownIs404PlainText() {
        String id = http.put("/Items", items(item("ABC", "Thing", "1"))).list("Items").get(0).get("ItemID").asString();

        assertThat(http.get("/Items/" + id).list("Items").get(0).get("Code").asString()).isEqualTo("ABC");
        assertThat(http.get("/Items/ABC").list("Items").get(0).get("ItemID").asString()).isEqualTo(id);
        Reply missing = http.get("/Items/00000000-0000-0000-0000-00000000abcd");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("The resource you're looking for cannot be found");
        assertThat(http.get("/Items/NOPE").status()).isEqualTo(404);
    }

    @Test
    void putWithExistingCodeIsAnElementError() {
        http.put("/Items", items(item("dup", "First", "1")));

        Reply summarised = http.put("/Items", items(item("DUP", "Second", "2"), item("fresh", "Fresh", "3")));
        assertThat(summarised.status()).isEqualTo(400);
        assertThat(summarised.json().get("Type").asString()).isEqualTo("ValidationException");
        assertThat(summarised.json().get("Elements").size()).isEqualTo(1);
        assertThat(summarised.elementError(0)).isEqualTo("Price List Item with Code 'DUP' already exists");
        // the valid element was saved although the call answered 400
        assertThat(sandbox.items()).extracting(SandboxItem::code).containsExactly("dup", "fresh");

        Reply detailed = http.put("/Items?summarizeErrors=false", items(item("dup", "Again", "1"), item("x2", "X", "1")));
        assertThat(detailed.status()).isEqualTo(200);
        JsonNode list = detailed.list("Items");
        assertThat(list.get(0).get("StatusAttributeString").asString()).isEqualTo("ERROR");
        assertThat(list.get(0).get("ItemID").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(list.get(0).get("ValidationErrors").get(0).get("Message").asString())
                .isEqualTo("Price List Item with Code 'dup' already exists");
        assertThat(list.get(1).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(list.get(1).get("ValidationErrors").isEmpty()).isTrue();
    }

    @Test
    void postUpdatesByCodeOrItemIdAndKeepsOmittedElements() {
        String id = http.put("/Items", items(item("K1", "Kettle", "20"))).list("Items").get(0).get("ItemID").asString();
        Instant before = sandbox.items().get(0).updatedDateUtc();

        Reply byCode = http.post("/Items", items("{\"Code\":\"k1\",\"Name\":\"Kettle XL\"}"));
        assertThat(byCode.status()).isEqualTo(200);
        SandboxItem afterCode = sandbox.items().get(0);
        assertThat(sandbox.items()).hasSize(1);
        assertThat(afterCode.itemId()).isEqualTo(id);
        assertThat(afterCode.name()).isEqualTo("Kettle XL");
        assertThat(afterCode.description()).isEqualTo("Kettle (sales)");
        assertThat(afterCode.unitPrice()).isEqualByComparingTo("20");
        assertThat(afterCode.updatedDateUtc()).isAfter(before);

        Reply byId = http.post("/Items", items("{\"ItemID\":\"" + id + "\",\"Code\":\"K1-NEW\",\"SalesDetails\":{\"UnitPrice\":25}}"));
        assertThat(byId.status()).isEqualTo(200);
        SandboxItem afterId = sandbox.items().get(0);
        assertThat(afterId.code()).isEqualTo("K1-NEW");
        assertThat(afterId.unitPrice()).isEqualByComparingTo("25.00");
        assertThat(afterId.accountCode()).isEqualTo("200"); // other SalesDetails elements kept

        Reply byPath = http.post("/Items/" + id, items("{\"Code\":\"K1-NEW\",\"Description\":\"Boils\"}"));
        assertThat(byPath.status()).isEqualTo(200);
        assertThat(byPath.list("Items").get(0).get("ValidationErrors").isEmpty()).isTrue();
        assertThat(sandbox.items().get(0).description()).isEqualTo("Boils");

        Reply newOne = http.post("/Items", items(item("K2", "Other", "1")));
        assertThat(newOne.status()).isEqualTo(200);
        assertThat(sandbox.items()).hasSize(2);

        assertThat(http.post("/Items/00000000-0000-0000-0000-00000000abcd", items(item("Z", "Z", "1"))).status())
                .isEqualTo(404);
        Reply unknownId = http.post("/Items", items("{\"ItemID\":\"00000000-0000-0000-0000-00000000abcd\",\"Code\":\"Q\"}"));
        assertThat(unknownId.status()).isEqualTo(400);
        assertThat(unknownId.elementError(0)).isEqualTo("The document with the supplied id was not found for this endpoint.");
    }

    @Test
    void renamingToAnotherItemsCodeFails() {
        http.put("/Items", items(item("A", "A", "1"), item("B", "B", "1")));
        String idB = sandbox.items().get(1).itemId();

        Reply reply = http.post("/Items/" + idB, items("{\"Code\":\"A\"}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0)).isEqualTo("Price List Item with Code 'A' already exists");
    }

    @Test
    void unitPriceIsRoundedToTwoPlacesUnlessUnitdpIsFour() {
        http.put("/Items", items(item("R2", "Two", "1.23456")));
        http.put("/Items?unitdp=4", items(item("R4", "Four", "1.23456")));

        assertThat(sandbox.items().get(0).unitPrice()).isEqualTo(new BigDecimal("1.23"));
        assertThat(sandbox.items().get(1).unitPrice()).isEqualTo(new BigDecimal("1.2346"));
        assertThat(http.get("/Items/R4?unitdp=4").list("Items").get(0).get("SalesDetails").get("UnitPrice").toString())
                .isEqualTo("1.2346");
        // read without unitdp=4, prices show 2 decimals
        assertThat(http.get("/Items/R4").list("Items").get(0).get("SalesDetails").get("UnitPrice").toString())
                .isEqualTo("1.23");
        assertThat(http.get("/Items/R2?unitdp=4").list("Items").get(0).get("SalesDetails").get("UnitPrice").toString())
                .isEqualTo("1.2300");
    }

    @Test
    void validationMessages() {
        String longCode = "C".repeat(31);
        String longName = "N".repeat(51);
        Reply reply = http.put("/Items?summarizeErrors=false", items(
                "{\"Name\":\"No code\"}",
                "{\"Code\":\"" + longCode + "\",\"Name\":\"" + longName + "\",\"Description\":\"" + "d".repeat(4001) + "\"}",
                "{\"Code\":\"ARCH\",\"SalesDetails\":{\"AccountCode\":\"299\"}}",
                "{\"Code\":\"UNK\",\"SalesDetails\":{\"AccountCode\":\"999\"}}",
                "{\"Code\":\"TAX\",\"SalesDetails\":{\"AccountCode\":\"200\",\"TaxType\":\"BOGUS\"}}",
                "{\"Code\":\"MIS\",\"SalesDetails\":{\"AccountCode\":\"200\",\"TaxType\":\"INPUT2\"}}",
                "{\"Code\":\"BANK\",\"SalesDetails\":{\"AccountCode\":\"090\"}}",
                "{\"Code\":\"OK\",\"SalesDetails\":{\"AccountCode\":\"210\",\"TaxType\":\"output\"}}"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode list = reply.list("Items");
        assertThat(messages(list.get(0))).containsExactly("Item code must be specified.");
        assertThat(messages(list.get(1))).containsExactly("Code must not be more than 30 characters long.",
                "Name must not be more than 50 characters long.",
                "Description must not be more than 4000 characters long.");
        assertThat(messages(list.get(2))).containsExactly("Account code '299' has been archived, or has been deleted."
                + " Each line item must reference a valid account");
        assertThat(messages(list.get(3))).containsExactly("Account code '999' is not a valid code for this document.");
        assertThat(messages(list.get(4))).containsExactly(
                "The TaxType code BOGUS does not exist or cannot be used for this type of transaction.");
        assertThat(messages(list.get(5))).containsExactly("The TaxType code 'INPUT2' cannot be used with account code '200'.");
        assertThat(messages(list.get(6))).containsExactly("Account code '090' is not a valid code for this document.");
        assertThat(list.get(7).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(list.get(7).get("SalesDetails").get("TaxType").asString()).isEqualTo("OUTPUT");
        assertThat(sandbox.items()).extracting(SandboxItem::code).containsExactly("OK");
    }

    @Test
    void archivingAnAccountLaterBlocksItsUseOnItems() {
        sandbox.archiveAccount("260");
        Reply reply = http.put("/Items", items("{\"Code\":\"X\",\"SalesDetails\":{\"AccountCode\":\"260\"}}"));
        assertThat(reply.elementError(0)).startsWith("Account code '260' has been archived");
    }

    @Test
    void isSoldFalseNullsSalesDescriptionAndDetails() {
        http.put("/Items", items(item("S", "Sold", "3")));

        Reply reply = http.post("/Items", items("{\"Code\":\"S\",\"IsSold\":false}"));

        JsonNode node = reply.list("Items").get(0);
        assertThat(node.get("IsSold").asBoolean()).isFalse();
        assertThat(node.has("Description")).isFalse();
        assertThat(node.get("SalesDetails").isEmpty()).isTrue();
        assertThat(sandbox.items().get(0).unitPrice()).isNull();

        Reply purchased = http.post("/Items", items("{\"Code\":\"P\",\"IsPurchased\":false,\"PurchaseDescription\":\"x\","
                + "\"PurchaseDetails\":{\"UnitPrice\":2}}"));
        JsonNode p = purchased.list("Items").get(0);
        assertThat(p.has("PurchaseDescription")).isFalse();
        assertThat(p.get("PurchaseDetails").isEmpty()).isTrue();
    }

    @Test
    void trackedItemsNeedAnInventoryAccountAndCogs() {
        Reply tracked = http.put("/Items", items("{\"Code\":\"T\",\"InventoryAssetAccountCode\":\"630\","
                + "\"PurchaseDetails\":{\"COGSAccountCode\":\"310\",\"UnitPrice\":2}}"));
        assertThat(tracked.status()).isEqualTo(200);
        JsonNode t = tracked.list("Items").get(0);
        assertThat(t.get("IsTrackedAsInventory").asBoolean()).isTrue();
        assertThat(t.get("InventoryAssetAccountCode").asString()).isEqualTo("630");
        assertThat(t.get("QuantityOnHand").toString()).isEqualTo("0.0000");
        assertThat(sandbox.items().get(0).isTrackedAsInventory()).isTrue();

        Reply noCogs = http.put("/Items?summarizeErrors=false", items(
                "{\"Code\":\"T2\",\"InventoryAssetAccountCode\":\"630\"}",
                "{\"Code\":\"T3\",\"InventoryAssetAccountCode\":\"200\",\"PurchaseDetails\":{\"COGSAccountCode\":\"310\"}}",
                "{\"Code\":\"T4\",\"IsTrackedAsInventory\":true}"));
        assertThat(messages(noCogs.list("Items").get(0)))
                .containsExactly("A COGS account code is required for an item tracked as inventory.");
        assertThat(messages(noCogs.list("Items").get(1)))
                .containsExactly("Inventory asset account code '200' must be an active account of type INVENTORY.");
        // IsTrackedAsInventory is derived, not set
        assertThat(noCogs.list("Items").get(2).get("IsTrackedAsInventory").asBoolean()).isFalse();
    }

    @Test
    void unknownElementAndEmptyBodyRejectTheWholeRequest() {
        Reply unknown = http.put("/Items", items(item("A", "A", "1"), "{\"Code\":\"B\",\"CogsAccountCode\":\"310\"}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("ErrorNumber").asInt()).isEqualTo(14);
        assertThat(unknown.json().get("Type").asString()).isEqualTo("PostDataInvalidException");
        assertThat(unknown.json().get("Message").asString()).startsWith("The element 'CogsAccountCode' was not recognised.");
        assertThat(sandbox.items()).isEmpty();

        Reply nested = http.put("/Items", items("{\"Code\":\"B\",\"SalesDetails\":{\"Price\":1}}"));
        assertThat(nested.json().get("ErrorNumber").asInt()).isEqualTo(14);

        Reply empty = http.put("/Items", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("ErrorNumber").asInt()).isEqualTo(17);
        assertThat(empty.json().get("Message").asString()).isEqualTo("No data has been processed for this endpoint. "
                + "This endpoint is expecting Item data to be specifed in the request body.");
        assertThat(http.put("/Items", "{\"Items\":[]}").json().get("ErrorNumber").asInt()).isEqualTo(17);

        Reply wrongType = http.put("/Items", items("{\"Code\":\"W\",\"SalesDetails\":{\"UnitPrice\":\"abc\"}}"));
        assertThat(wrongType.json().get("ErrorNumber").asInt()).isEqualTo(14);
    }

    @Test
    void idempotencyKeyReplaysItemWrites() {
        String body = items(item("IDEM", "Once", "1"));
        Reply first = http.put("/Items", body, "Idempotency-Key", "items-1");
        Reply second = http.put("/Items", body, "Idempotency-Key", "items-1");

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(sandbox.items()).hasSize(1);
        assertThat(http.put("/Items", items(item("IDEM2", "Other", "1")), "Idempotency-Key", "items-1").status())
                .isEqualTo(400);
    }

    @Test
    void deleteAnswers204WithoutBodyAndCountsAsWrite() {
        String id = http.put("/Items", items(item("DEL", "Gone", "1"))).list("Items").get(0).get("ItemID").asString();
        long writesBefore = sandbox.stats().writeCalls();

        Reply deleted = http.delete("/Items/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(sandbox.items()).isEmpty();
        assertThat(sandbox.stats().writeCalls()).isEqualTo(writesBefore + 1);
        assertThat(sandbox.stats().calls("DELETE", "/Items/" + id)).isEqualTo(1);

        Reply again = http.delete("/Items/" + id);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("The resource you're looking for cannot be found");
    }

    @Test
    void trackedItemsUsedOnInvoicesCannotBeDeletedButUntrackedOnesCan() {
        http.login(SandboxMain.CONNECTOR_SCOPES);
        http.put("/Items", items("{\"Code\":\"TRK\",\"InventoryAssetAccountCode\":\"630\","
                + "\"PurchaseDetails\":{\"COGSAccountCode\":\"310\"},\"SalesDetails\":{\"UnitPrice\":5,\"AccountCode\":\"200\"}}",
                item("PLAIN", "Plain", "3")));
        String contactId = http.put("/Contacts", SandboxHttp.contacts(SandboxHttp.contact("Buyer", null)))
                .contacts().get(0).get("ContactID").asString();
        Reply invoice = http.put("/Invoices", InvoiceFixture.invoices(InvoiceFixture.accrec(contactId, null,
                "{\"ItemCode\":\"TRK\",\"Quantity\":1}", "{\"ItemCode\":\"PLAIN\",\"Quantity\":1}")));
        assertThat(invoice.status()).as(invoice.body()).isEqualTo(200);
        String tracked = sandbox.items().stream().filter(i -> i.code().equals("TRK")).findFirst().orElseThrow().itemId();
        String plain = sandbox.items().stream().filter(i -> i.code().equals("PLAIN")).findFirst().orElseThrow().itemId();

        Reply refused = http.delete("/Items/" + tracked);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.elementError(0)).isEqualTo("The specified item could not be deleted");
        assertThat(http.delete("/Items/" + plain).status()).isEqualTo(204);
        // the invoice keeps its line for the deleted item
        assertThat(sandbox.invoices().get(0).lines()).extracting(SandboxLine::itemCode).containsExactly("TRK", "PLAIN");
    }

    @Test
    void idempotencyKeyIsIgnoredOnDelete() {
        String a = http.put("/Items", items(item("D1", "A", "1"))).list("Items").get(0).get("ItemID").asString();
        String b = http.put("/Items", items(item("D2", "B", "1"))).list("Items").get(0).get("ItemID").asString();

        assertThat(http.delete("/Items/" + a, "Idempotency-Key", "del").status()).isEqualTo(204);
        // the same key on another DELETE is not "used with a different request": keys do not apply to DELETE
        assertThat(http.delete("/Items/" + b, "Idempotency-Key", "del").status()).isEqualTo(204);
        assertThat(http.delete("/Items/" + a, "Idempotency-Key", "del").status()).isEqualTo(404);
    }

    @Test
    void ifModifiedSinceAndWhere() {
        http.put("/Items", items(item("OLD", "Old", "1")));
        sandbox.clock().advance(Duration.ofMinutes(10));
        Instant cut = sandbox.clock().instant();
        sandbox.clock().advance(Duration.ofSeconds(2));
        http.put("/Items", items(item("NEW", "New", "2")));

        String since = DateTimeFormatter.ISO_INSTANT.format(cut.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        JsonNode modified = http.get("/Items", "If-Modified-Since", since).list("Items");
        assertThat(modified.size()).isEqualTo(1);
        assertThat(modified.get(0).get("Code").asString()).isEqualTo("NEW");

        JsonNode where = http.get("/Items?where=" + SandboxHttp.enc("Code==\"old\"")).list("Items");
        assertThat(where.size()).isEqualTo(1);
        JsonNode price = http.get("/Items?where=" + SandboxHttp.enc("SalesDetails.UnitPrice > 1.5")).list("Items");
        assertThat(price.size()).isEqualTo(1);
        assertThat(price.get(0).get("Code").asString()).isEqualTo("NEW");
    }

    @Test
    void itemsAcceptTheSettingsOrTheGranularInvoicesScope() {
        http.login("offline_access accounting.contacts");
        assertThat(http.get("/Items").status()).isEqualTo(403);
        http.login("accounting.invoices");
        assertThat(http.put("/Items", items(item("G", "G", "1"))).status()).isEqualTo(200);
        http.login("accounting.settings.read");
        assertThat(http.get("/Items").status()).isEqualTo(200);
        assertThat(http.put("/Items", items(item("H", "H", "1"))).status()).isEqualTo(403);
    }

    static java.util.List<String> messages(JsonNode element) {
        java.util.List<String> list = new java.util.ArrayList<>();
        element.get("ValidationErrors").forEach(m -> list.add(m.get("Message").asString()));
        return list;
    }
}
