package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.SandboxHttp.contact;
import static io.cscartxero.sandbox.SandboxHttp.contacts;
import static io.cscartxero.sandbox.SandboxHttp.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

class ContactsReadTest {

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

    private List<String> names(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.contacts().forEach(c -> names.add(c.get("Name").asString()));
        return names;
    }

    private void create(int count) {
        List<String> elements = new ArrayList<>();
        for (int i = 1; i <= count; i++) elements.add(contact("C" + i, "n" + i));
        assertThat(http.put("/Contacts", contacts(elements.toArray(String[]::new))).status()).isEqualTo(200);
    }

    @Test
    void listWithoutPageReturnsAllWithoutPaginationInUpdateOrder() {
        create(3);
        Reply reply = http.get("/Contacts");
        assertThat(names(reply)).containsExactly("C1", "C2", "C3");
        assertThat(reply.json().has("pagination")).isFalse();
    }

    @Test
    void pagingReportsPaginationAndClampsPageSize() {
        create(5);
        Reply page2 = http.get("/Contacts?page=2&pageSize=2");
        assertThat(names(page2)).containsExactly("C3", "C4");
        JsonNode pagination = page2.json().get("pagination");
        assertThat(pagination.get("page").asInt()).isEqualTo(2);
        assertThat(pagination.get("pageSize").asInt()).isEqualTo(2);
        assertThat(pagination.get("pageCount").asInt()).isEqualTo(3);
        assertThat(pagination.get("itemCount").asInt()).isEqualTo(5);

        assertThat(names(http.get("/Contacts?page=3&pageSize=2"))).containsExactly("C5");
        assertThat(names(http.get("/Contacts?page=4&pageSize=2"))).isEmpty();
        assertThat(http.get("/Contacts?page=1&pageSize=5000").json().get("pagination").get("pageSize").asInt())
                .isEqualTo(1000);
        assertThat(http.get("/Contacts?page=1&pageSize=0").json().get("pagination").get("pageSize").asInt())
                .isEqualTo(1);
        assertThat(http.get("/Contacts?page=1").json().get("pagination").get("pageSize").asInt()).isEqualTo(100);
    }

    @Test
    void idsFilter() {
        create(3);
        List<SandboxContact> all = sandbox.contacts();
        Reply reply = http.get("/Contacts?IDs=" + all.get(0).contactId() + "," + all.get(2).contactId().toUpperCase());
        assertThat(names(reply)).containsExactly("C1", "C3");
        assertThat(http.get("/Contacts?IDs=not-a-guid").status()).isEqualTo(500);
    }

    @Test
    void whereFiltersAreCaseInsensitiveAndCombine() {
        http.put("/Contacts", contacts("{\"Name\":\"Alpha\",\"ContactNumber\":\"A-1\",\"EmailAddress\":\"a@x.com\"}",
                "{\"Name\":\"Beta\",\"ContactNumber\":\"B-2\",\"EmailAddress\":\"b@x.com\"}",
                "{\"Name\":\"Gamma\",\"ContactNumber\":\"G-3\",\"EmailAddress\":\"a@x.com\"}"));

        assertThat(names(http.get("/Contacts?where=" + enc("ContactNumber==\"a-1\"")))).containsExactly("Alpha");
        assertThat(names(http.get("/Contacts?where=" + enc("EmailAddress==\"A@X.COM\"")))).containsExactly("Alpha", "Gamma");
        assertThat(names(http.get("/Contacts?where=" + enc("Name==\"beta\"")))).containsExactly("Beta");
        assertThat(names(http.get("/Contacts?where=" + enc("ContactNumber==\"A-1\" OR ContactNumber==\"G-3\""))))
                .containsExactly("Alpha", "Gamma");
        assertThat(names(http.get("/Contacts?where=" + enc("EmailAddress==\"a@x.com\" AND Name==\"Gamma\""))))
                .containsExactly("Gamma");
        assertThat(names(http.get("/Contacts?where=" + enc("ContactStatus==\"ACTIVE\" AND (Name==\"Alpha\" || Name==\"Beta\")"))))
                .containsExactly("Alpha", "Beta");
        assertThat(names(http.get("/Contacts?where=" + enc("Name.Contains(\"MM\")")))).containsExactly("Gamma");
        assertThat(names(http.get("/Contacts?where=" + enc("Name != \"Alpha\"")))).containsExactly("Beta", "Gamma");
        String id = sandbox.contacts().get(1).contactId();
        assertThat(names(http.get("/Contacts?where=" + enc("ContactID==Guid(\"" + id + "\")")))).containsExactly("Beta");
    }

    @Test
    void invalidWhereIsQueryParseException() {
        Reply unknownField = http.get("/Contacts?where=" + enc("Nickname==\"x\""));
        assertThat(unknownField.status()).isEqualTo(400);
        JsonNode json = unknownField.json();
        assertThat(json.get("ErrorNumber").asInt()).isEqualTo(16);
        assertThat(json.get("Type").asString()).isEqualTo("QueryParseException");
        assertThat(json.get("Message").asString()).isEqualTo("No property or field 'Nickname' exists in type 'Contact'");

        Reply badType = http.get("/Contacts?where=" + enc("IsCustomer==\"true\""));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("Message").asString())
                .isEqualTo("Operator '==' incompatible with operand types 'Boolean' and 'String'");

        assertThat(http.get("/Contacts?where=" + enc("Name==\"open")).json().get("Message").asString())
                .isEqualTo("Unterminated string literal");
    }

    @Test
    void archivedContactsOnlyWithIncludeArchived() {
        create(2);
        String id = sandbox.contacts().get(0).contactId();
        http.post("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"ContactStatus\":\"ARCHIVED\"}"));

        assertThat(names(http.get("/Contacts"))).containsExactly("C2");
        assertThat(names(http.get("/Contacts?includeArchived=true"))).containsExactly("C2", "C1");
        // fetching by id always works
        Reply single = http.get("/Contacts/" + id);
        assertThat(single.contacts().get(0).get("ContactStatus").asString()).isEqualTo("ARCHIVED");
    }

    @Test
    void ifModifiedSinceIsSecondPrecisionOnUpdatedDate() {
        create(2);
        sandbox.clock().advance(Duration.ofMinutes(5));
        Instant cut = sandbox.clock().instant();
        http.put("/Contacts", contacts(contact("Later", null)));
        String id = sandbox.contacts().get(0).contactId();
        http.post("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"EmailAddress\":\"c1@example.com\"}"));

        String iso = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(cut.atOffset(ZoneOffset.UTC).withNano(0));
        assertThat(names(http.get("/Contacts", "If-Modified-Since", iso))).containsExactly("Later", "C1");
        String rfc = DateTimeFormatter.RFC_1123_DATE_TIME.format(cut.atOffset(ZoneOffset.UTC));
        assertThat(names(http.get("/Contacts", "If-Modified-Since", rfc))).containsExactly("Later", "C1");
        String withOffset = cut.atOffset(ZoneOffset.ofHours(-8)).withNano(0).toString();
        assertThat(names(http.get("/Contacts", "If-Modified-Since", withOffset))).containsExactly("Later", "C1");
        String future = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(cut.plusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertThat(names(http.get("/Contacts", "If-Modified-Since", future))).isEmpty();
    }

    @Test
    void orderByAnyElementAscendingOrDescendingWithTiesInDefaultOrder() {
        http.put("/Contacts", contacts("{\"Name\":\"beta\",\"EmailAddress\":\"b@x.com\"}", contact("Alpha", null),
                "{\"Name\":\"Gamma\",\"EmailAddress\":\"b@x.com\"}"));
        assertThat(names(http.get("/Contacts?order=Name"))).containsExactly("Alpha", "beta", "Gamma");   // case-insensitive
        assertThat(names(http.get("/Contacts?order=" + enc("Name ASC")))).containsExactly("Alpha", "beta", "Gamma");
        assertThat(names(http.get("/Contacts?order=" + enc("Name DESC")))).containsExactly("Gamma", "beta", "Alpha");
        // several keys; no e-mail sorts first (SQL Server: nulls first ascending)
        assertThat(names(http.get("/Contacts?order=" + enc("EmailAddress, Name desc")))).containsExactly("Alpha", "Gamma", "beta");
        // equal keys keep the default order (UpdatedDateUTC, ContactID)
        assertThat(names(http.get("/Contacts?order=EmailAddress"))).containsExactly("Alpha", "beta", "Gamma");

        sandbox.clock().advance(Duration.ofMinutes(1));
        String alpha = sandbox.contacts().stream().filter(c -> c.name().equals("Alpha")).findFirst().orElseThrow().contactId();
        http.post("/Contacts/" + alpha, contacts("{\"ContactID\":\"" + alpha + "\",\"FirstName\":\"Ada\"}"));
        assertThat(names(http.get("/Contacts"))).containsExactly("beta", "Gamma", "Alpha");
        assertThat(names(http.get("/Contacts?order=" + enc("UpdatedDateUTC DESC")))).containsExactly("Alpha", "Gamma", "beta");
    }

    @Test
    void pagesInContactIdOrderDoNotShiftWhenAContactIsEditedBetweenPages() {
        create(5);
        List<String> byId = sandbox.contacts().stream().map(SandboxContact::contactId).sorted().toList();
        Reply page1 = http.get("/Contacts?page=1&pageSize=2&order=ContactID");
        assertThat(page1.contacts()).extracting(c -> c.get("ContactID").asString()).containsExactlyElementsOf(byId.subList(0, 2));

        // edited between the page calls: in the default order it would move to the end and page 2 would shift
        sandbox.clock().advance(Duration.ofSeconds(5));
        http.post("/Contacts/" + byId.get(0), contacts("{\"ContactID\":\"" + byId.get(0) + "\",\"FirstName\":\"Edited\"}"));
        List<String> later = new ArrayList<>();
        for (int page = 2; page <= 3; page++) {
            http.get("/Contacts?page=" + page + "&pageSize=2&order=ContactID").contacts().forEach(c -> later.add(c.get("ContactID").asString()));
        }
        assertThat(later).containsExactlyElementsOf(byId.subList(2, 5));
    }

    @Test
    void invalidOrderIsQueryParseException() {
        create(1);
        Reply unknownField = http.get("/Contacts?order=Nickname");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("Type").asString()).isEqualTo("QueryParseException");
        assertThat(unknownField.json().get("Message").asString()).isEqualTo("No property or field 'Nickname' exists in type 'Contact'");
        assertThat(http.get("/Contacts?order=" + enc("Name UPWARDS")).json().get("Message").asString()).isEqualTo("Syntax error 'UPWARDS'");
        assertThat(http.get("/Contacts?order=" + enc("Name,")).json().get("Message").asString()).isEqualTo("Expression expected");
    }

    @Test
    void getByIdAndByContactNumber() {
        create(2);
        SandboxContact c2 = sandbox.contacts().get(1);
        Reply byId = http.get("/Contacts/" + c2.contactId());
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.contacts()).hasSize(1);
        assertThat(byId.contacts().get(0).get("Name").asString()).isEqualTo("C2");
        assertThat(byId.json().get("Status").asString()).isEqualTo("OK");

        assertThat(names(http.get("/Contacts/n2"))).containsExactly("C2");

        Reply missing = http.get("/Contacts/3ff6d40c-af9a-40a3-89ce-3c1556a25591");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("The resource you're looking for cannot be found");
    }

    @Test
    void renderedDatesAreMicrosoftJson() {
        create(1);
        JsonNode c = http.get("/Contacts").contacts().get(0);
        long millis = sandbox.contacts().get(0).updatedDateUtc().toEpochMilli();
        assertThat(c.get("UpdatedDateUTC").asString()).isEqualTo("/Date(" + millis + "+0000)/");
    }

    @Test
    void searchTermAndSummaryOnly() {
        http.put("/Contacts", contacts("{\"Name\":\"Bruce Banner\",\"EmailAddress\":\"hulk@avengers.com\"}",
                contact("Tony Stark", null)));
        assertThat(names(http.get("/Contacts?searchTerm=avengers"))).containsExactly("Bruce Banner");

        Reply summary = http.get("/Contacts?summaryOnly=true");
        JsonNode c = summary.contacts().get(0);
        assertThat(c.has("Addresses")).isFalse();
        assertThat(c.has("ContactGroups")).isFalse();
        assertThat(summary.json().get("pagination").get("itemCount").asInt()).isEqualTo(2);
    }

    @Test
    void unknownEndpointIs404AndUnsupportedMethodIs405() {
        assertThat(http.get("/BankTransactions").status()).isEqualTo(404);
        assertThat(http.api("DELETE", "/Contacts", null).status()).isEqualTo(405);
    }
}
