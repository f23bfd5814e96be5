package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.SandboxHttp.contact;
import static io.cscartxero.sandbox.SandboxHttp.contacts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

class ContactsWriteTest {

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

    @Test
    void putCreatesContactsAndAnswersWithEnvelope() {
        Reply reply = http.put("/Contacts", contacts(
                "{\"Name\":\"Ada Lovelace\",\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"ContactNumber\":\"cs-1\","
                        + "\"EmailAddress\":\"ada@example.com\",\"Addresses\":[{\"AddressType\":\"POBOX\","
                        + "\"AddressLine1\":\"1 Analytical St\",\"City\":\"London\",\"PostalCode\":\"N1\",\"Country\":\"GB\"}],"
                        + "\"Phones\":[{\"PhoneType\":\"MOBILE\",\"PhoneNumber\":\"555-1212\",\"PhoneAreaCode\":\"415\"}]}"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("Status").asString()).isEqualTo("OK");
        assertThat(json.get("ProviderName").asString()).isEqualTo("cscart-xero sandbox");
        assertThat(json.get("Id").asString()).matches("[0-9a-f-]{36}");
        assertThat(json.get("DateTimeUTC").asString()).matches("/Date\\(\\d+\\)/");
        JsonNode c = json.get("Contacts").get(0);
        assertThat(c.get("ContactID").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(c.get("ContactStatus").asString()).isEqualTo("ACTIVE");
        assertThat(c.get("UpdatedDateUTC").asString()).matches("/Date\\(\\d+\\+0000\\)/");
        assertThat(c.get("HasValidationErrors").asBoolean()).isFalse();
        assertThat(c.has("StatusAttributeString")).isFalse();
        // both address types and the standard phone types, blank when unset
        assertThat(c.get("Addresses").size()).isEqualTo(2);
        assertThat(c.get("Addresses").get(0).get("AddressType").asString()).isEqualTo("STREET");
        assertThat(c.get("Addresses").get(0).get("City").asString()).isEmpty();
        assertThat(c.get("Addresses").get(1).get("AddressLine1").asString()).isEqualTo("1 Analytical St");
        assertThat(c.get("Phones").size()).isEqualTo(4);
        assertThat(c.get("Phones").get(3).get("PhoneType").asString()).isEqualTo("MOBILE");
        assertThat(c.get("Phones").get(3).get("PhoneNumber").asString()).isEqualTo("555-1212");
        assertThat(c.get("Phones").get(0).get("PhoneNumber").asString()).isEmpty();

        SandboxContact stored = sandbox.contacts().get(0);
        assertThat(stored.contactId()).isEqualTo(c.get("ContactID").asString());
        assertThat(stored.name()).isEqualTo("Ada Lovelace");
        assertThat(stored.contactNumber()).isEqualTo("cs-1");
        assertThat(stored.emailAddress()).isEqualTo("ada@example.com");
        assertThat(stored.address("POBOX")).containsEntry("City", "London").containsEntry("Country", "GB");
        assertThat(stored.phone("MOBILE")).containsEntry("PhoneAreaCode", "415");
        assertThat(sandbox.stats().calls("PUT", "/Contacts")).isEqualTo(1);
        assertThat(sandbox.stats().writeCalls()).isEqualTo(1);
    }

    @Test
    void summarizedErrorsAnswer400WithFailedElementsOnlyButSaveTheValidOnes() {
        http.put("/Contacts", contacts(contact("Taken", "n-0")));

        Reply reply = http.put("/Contacts", contacts(contact("Fresh One", "n-1"), contact("Taken", "n-2"),
                contact("Fresh Two", "n-3")));

        assertThat(reply.status()).isEqualTo(400);
        JsonNode json = reply.json();
        assertThat(json.get("ErrorNumber").asInt()).isEqualTo(10);
        assertThat(json.get("Type").asString()).isEqualTo("ValidationException");
        assertThat(json.get("Message").asString()).isEqualTo("A validation exception occurred");
        assertThat(json.get("Elements").size()).isEqualTo(1);
        JsonNode failed = json.get("Elements").get(0);
        assertThat(failed.get("ContactID").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(failed.get("Name").asString()).isEqualTo("Taken");
        assertThat(failed.get("HasValidationErrors").asBoolean()).isTrue();
        assertThat(reply.elementError(0)).isEqualTo("The contact name Taken is already assigned to another contact."
                + " The contact name must be unique across all active contacts.");
        // Xero's documented quirk: the valid elements were saved although the call failed
        assertThat(sandbox.contacts()).extracting(SandboxContact::name)
                .containsExactly("Taken", "Fresh One", "Fresh Two");
    }

    @Test
    void summarizeErrorsTrueIsTheSameAsOmitted() {
        Reply reply = http.put("/Contacts?summarizeErrors=true", contacts(contact("", "x")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0)).isEqualTo("Contact Name cannot be empty.");
    }

    @Test
    void summarizeErrorsFalseAnswers200WithEveryElementInOrder() {
        http.put("/Contacts", contacts(contact("Taken", null)));

        Reply reply = http.put("/Contacts?summarizeErrors=false", contacts(contact("A", "1"), contact("Taken", "2"),
                contact("B", "3")));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode list = reply.contacts();
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.get(0).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(list.get(0).get("ContactID").asString()).isEqualTo(sandbox.contacts().get(1).contactId());
        assertThat(list.get(1).get("StatusAttributeString").asString()).isEqualTo("ERROR");
        assertThat(list.get(1).get("HasValidationErrors").asBoolean()).isTrue();
        assertThat(list.get(1).get("ValidationErrors").get(0).get("Message").asString())
                .startsWith("The contact name Taken is already assigned");
        assertThat(list.get(2).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(list.get(2).get("Name").asString()).isEqualTo("B");
        assertThat(sandbox.contacts()).hasSize(3);
    }

    @Test
    void laterElementDuplicatingAnEarlierOneInTheSameBatchFails() {
        Reply reply = http.put("/Contacts?summarizeErrors=false", contacts(contact("Same Name", "a"),
                contact("same name", "b"), contact("Other", "a")));
        JsonNode list = reply.contacts();
        assertThat(list.get(0).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(list.get(1).get("StatusAttributeString").asString()).isEqualTo("ERROR");
        assertThat(list.get(2).get("ValidationErrors").get(0).get("Message").asString())
                .isEqualTo("Another contact has this contact number. Please enter a different contact number.");
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactly("Same Name");
    }

    static Stream<Arguments> invalidElements() {
        String n256 = "x".repeat(256);
        String s51 = "y".repeat(51);
        return Stream.of(
                Arguments.of("{\"FirstName\":\"No\",\"LastName\":\"Name\"}", "Contact Name cannot be empty."),
                Arguments.of("{\"Name\":\"   \"}", "Contact Name cannot be empty."),
                Arguments.of("{\"Name\":\"" + n256 + "\"}", "Name must not be more than 255 characters long."),
                Arguments.of("{\"Name\":\"A\",\"ContactNumber\":\"" + s51 + "\"}",
                        "ContactNumber must not be more than 50 characters long."),
                Arguments.of("{\"Name\":\"A\",\"AccountNumber\":\"" + s51 + "\"}",
                        "AccountNumber must not be more than 50 characters long."),
                Arguments.of("{\"Name\":\"A\",\"FirstName\":\"" + n256 + "\"}",
                        "FirstName must not be more than 255 characters long."),
                Arguments.of("{\"Name\":\"A\",\"LastName\":\"" + n256 + "\"}",
                        "LastName must not be more than 255 characters long."),
                Arguments.of("{\"Name\":\"A\",\"EmailAddress\":\"" + "e".repeat(250) + "@x.com\"}",
                        "EmailAddress must not be more than 255 characters long."),
                Arguments.of("{\"Name\":\"A\",\"EmailAddress\":\"not-an-email\"}", "Email address must be valid."),
                Arguments.of("{\"Name\":\"A\",\"EmailAddress\":\"a@b.com, c@d.com\"}", "Email address must be valid."),
                Arguments.of("{\"Name\":\"A\",\"EmailAddress\":\"jürgen@example.de\"}", "Email address must be valid."),
                Arguments.of("{\"Name\":\"A\",\"EmailAddress\":\"john..doe@example.com\"}", "Email address must be valid."),
                Arguments.of("{\"Name\":\"A\",\"Addresses\":[{\"AddressType\":\"HOME\"}]}",
                        "AddressType must be one of POBOX, STREET."),
                Arguments.of(address("AddressLine1", 501), "AddressLine1 must not be more than 500 characters long."),
                Arguments.of(address("AddressLine2", 501), "AddressLine2 must not be more than 500 characters long."),
                Arguments.of(address("AddressLine3", 501), "AddressLine3 must not be more than 500 characters long."),
                Arguments.of(address("AddressLine4", 501), "AddressLine4 must not be more than 500 characters long."),
                Arguments.of(address("City", 256), "City must not be more than 255 characters long."),
                Arguments.of(address("Region", 256), "Region must not be more than 255 characters long."),
                Arguments.of(address("PostalCode", 51), "PostalCode must not be more than 50 characters long."),
                Arguments.of(address("Country", 51), "Country must not be more than 50 characters long."),
                Arguments.of(address("AttentionTo", 256), "AttentionTo must not be more than 255 characters long."),
                Arguments.of("{\"Name\":\"A\",\"Phones\":[{\"PhoneType\":\"PAGER\",\"PhoneNumber\":\"1\"}]}",
                        "PhoneType must be one of DEFAULT, DDI, MOBILE, FAX, OFFICE."),
                Arguments.of(phone("PhoneNumber", 51), "PhoneNumber must not be more than 50 characters long."),
                Arguments.of(phone("PhoneAreaCode", 11), "PhoneAreaCode must not be more than 10 characters long."),
                Arguments.of(phone("PhoneCountryCode", 21), "PhoneCountryCode must not be more than 20 characters long."),
                Arguments.of("{\"Name\":\"A\",\"ContactStatus\":\"DELETED\"}",
                        "ContactStatus must be one of ACTIVE, ARCHIVED, GDPRREQUEST."),
                Arguments.of("{\"Name\":\"A\",\"ContactPersons\":[{},{},{},{},{},{}]}",
                        "You can only have a maximum of 5 contact persons."));
    }

    @ParameterizedTest
    @MethodSource("invalidElements")
    void validationRules(String element, String message) {
        Reply reply = http.put("/Contacts", contacts(element));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("Type").asString()).isEqualTo("ValidationException");
        assertThat(reply.elementError(0)).isEqualTo(message);
        assertThat(sandbox.contacts()).isEmpty();
    }

    @Test
    void limitsAreInclusive() {
        String ok = "{\"Name\":\"" + "n".repeat(255) + "\",\"ContactNumber\":\"" + "c".repeat(50) + "\","
                + "\"EmailAddress\":\"first.last+tag@mail.example.co.uk\",\"Addresses\":[{\"AddressType\":\"STREET\","
                + "\"AddressLine1\":\"" + "a".repeat(500) + "\",\"PostalCode\":\"" + "p".repeat(50) + "\"}],"
                + "\"Phones\":[{\"PhoneType\":\"OFFICE\",\"PhoneAreaCode\":\"" + "1".repeat(10) + "\"}]}";
        Reply reply = http.put("/Contacts", contacts(ok));
        assertThat(reply.status()).isEqualTo(200);
        // OFFICE is only rendered when set
        assertThat(reply.contacts().get(0).get("Phones").size()).isEqualTo(5);
    }

    @Test
    void nameUniquenessIsCaseInsensitiveAndOnlyAmongActiveContacts() {
        String id = http.put("/Contacts", contacts(contact("Acme Ltd", null))).contacts().get(0).get("ContactID").asString();
        assertThat(http.put("/Contacts", contacts(contact("ACME LTD", null))).status()).isEqualTo(400);

        Reply archive = http.post("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"ContactStatus\":\"ARCHIVED\"}"));
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.contacts().get(0).get("ContactStatus").asString()).isEqualTo("ARCHIVED");

        // an archived contact's name can be reused
        assertThat(http.put("/Contacts", contacts(contact("Acme Ltd", null))).status()).isEqualTo(200);
        assertThat(sandbox.contacts()).extracting(SandboxContact::contactStatus).containsExactly("ARCHIVED", "ACTIVE");

        // un-archiving the old one now clashes
        Reply unarchive = http.post("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"ContactStatus\":\"ACTIVE\"}"));
        assertThat(unarchive.status()).isEqualTo(400);
        assertThat(unarchive.elementError(0)).startsWith("The contact name Acme Ltd is already assigned");
    }

    @Test
    void contactNumberIsUniqueIncludingArchivedContacts() {
        String id = http.put("/Contacts", contacts(contact("Old", "cs-7"))).contacts().get(0).get("ContactID").asString();
        http.post("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"ContactStatus\":\"ARCHIVED\"}"));

        Reply reply = http.put("/Contacts", contacts(contact("New", "CS-7")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0))
                .isEqualTo("Another contact has this contact number. Please enter a different contact number.");
    }

    @Test
    void accountNumberIsUnique() {
        http.put("/Contacts", contacts("{\"Name\":\"A\",\"AccountNumber\":\"ACC-1\"}"));
        Reply reply = http.put("/Contacts", contacts("{\"Name\":\"B\",\"AccountNumber\":\"acc-1\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0))
                .isEqualTo("The Account Number already exists. Please enter a different Account Number.");
    }

    @Test
    void postWithContactIdUpdatesAndPreservesOmittedFields() {
        JsonNode created = http.put("/Contacts", contacts("{\"Name\":\"Grace\",\"ContactNumber\":\"g-1\","
                + "\"EmailAddress\":\"grace@example.com\",\"FirstName\":\"Grace\",\"Addresses\":[{\"AddressType\":"
                + "\"STREET\",\"City\":\"Arlington\"},{\"AddressType\":\"POBOX\",\"City\":\"NYC\"}]}")).contacts().get(0);
        String id = created.get("ContactID").asString();
        long before = sandbox.contacts().get(0).updatedDateUtc().toEpochMilli();

        Reply reply = http.post("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"LastName\":\"Hopper\","
                + "\"Addresses\":[{\"AddressType\":\"STREET\",\"City\":\"Washington\"}]}"));

        assertThat(reply.status()).isEqualTo(200);
        SandboxContact c = sandbox.contacts().get(0);
        assertThat(sandbox.contacts()).hasSize(1);
        assertThat(c.contactId()).isEqualTo(id);
        assertThat(c.name()).isEqualTo("Grace");
        assertThat(c.firstName()).isEqualTo("Grace");
        assertThat(c.lastName()).isEqualTo("Hopper");
        assertThat(c.emailAddress()).isEqualTo("grace@example.com");
        assertThat(c.address("STREET")).containsEntry("City", "Washington");
        assertThat(c.address("POBOX")).containsEntry("City", "NYC");
        assertThat(c.updatedDateUtc().toEpochMilli()).isGreaterThan(before);
    }

    @Test
    void postWithoutContactIdButKnownContactNumberUpdatesThatContact() {
        String id = http.put("/Contacts", contacts(contact("Linus", "cs-42"))).contacts().get(0).get("ContactID").asString();

        Reply reply = http.post("/Contacts", contacts("{\"ContactNumber\":\"cs-42\",\"EmailAddress\":\"l@example.org\"}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contacts().get(0).get("ContactID").asString()).isEqualTo(id);
        assertThat(sandbox.contacts()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Linus");
            assertThat(c.emailAddress()).isEqualTo("l@example.org");
        });
    }

    @Test
    void postWithUnknownContactNumberAndNoNameFails() {
        Reply reply = http.post("/Contacts", contacts("{\"ContactNumber\":\"12345\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0)).isEqualTo("Contact Name cannot be empty.");
    }

    @Test
    void postWithNameOnlyMatchesTheActiveContactOfThatName() {
        String id = http.put("/Contacts", contacts(contact("Name Match", null))).contacts().get(0).get("ContactID").asString();
        Reply reply = http.post("/Contacts", contacts("{\"Name\":\"name match\",\"EmailAddress\":\"m@example.com\"}"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contacts().get(0).get("ContactID").asString()).isEqualTo(id);
        assertThat(sandbox.contacts()).hasSize(1);
    }

    @Test
    void postWithUnknownContactIdIsAnElementError() {
        Reply reply = http.post("/Contacts?summarizeErrors=false",
                contacts("{\"ContactID\":\"3ff6d40c-af9a-40a3-89ce-3c1556a25591\",\"Name\":\"X\"}"));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode element = reply.contacts().get(0);
        assertThat(element.get("StatusAttributeString").asString()).isEqualTo("ERROR");
        assertThat(element.get("ContactID").asString()).isEqualTo("3ff6d40c-af9a-40a3-89ce-3c1556a25591");
        assertThat(sandbox.contacts()).isEmpty();
    }

    @Test
    void putWithExistingContactIdDoesNotUpdate() {
        String id = http.put("/Contacts", contacts(contact("P", null))).contacts().get(0).get("ContactID").asString();
        Reply reply = http.put("/Contacts", contacts("{\"ContactID\":\"" + id + "\",\"Name\":\"Q\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactly("P");
    }

    @Test
    void postToContactPathUpdatesThatContact() {
        String id = http.put("/Contacts", contacts(contact("Path", "p-1"))).contacts().get(0).get("ContactID").asString();
        Reply reply = http.post("/Contacts/" + id, contacts("{\"Name\":\"Path Renamed\"}"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactly("Path Renamed");

        Reply unknown = http.post("/Contacts/3ff6d40c-af9a-40a3-89ce-3c1556a25591", contacts("{\"Name\":\"Z\"}"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("The resource you're looking for cannot be found");
    }

    @Test
    void singleContactWithoutWrapperIsAccepted() {
        Reply reply = http.put("/Contacts", "{\"Name\":\"Unwrapped\",\"ContactNumber\":\"u-1\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(sandbox.contacts()).extracting(SandboxContact::name).containsExactly("Unwrapped");
    }

    @Test
    void emptyBodyIsNoDataProcessed() {
        for (String body : new String[] {null, "", "{}", "{\"Contacts\":[]}"}) {
            Reply reply = http.put("/Contacts", body);
            assertThat(reply.status()).as("body %s", body).isEqualTo(400);
            JsonNode json = reply.json();
            assertThat(json.get("ErrorNumber").asInt()).isEqualTo(17);
            assertThat(json.get("Type").asString()).isEqualTo("NoDataProcessedException");
            assertThat(json.get("Message").asString()).isEqualTo("No data has been processed for this endpoint. This"
                    + " endpoint is expecting Contact data to be specifed in the request body.");
        }
    }

    @Test
    void unknownElementIsPostDataInvalidAndNothingIsSaved() {
        Reply reply = http.put("/Contacts", contacts(contact("Fine", null), "{\"Name\":\"B\",\"Nickname\":\"b\"}"));
        assertThat(reply.status()).isEqualTo(400);
        JsonNode json = reply.json();
        assertThat(json.get("ErrorNumber").asInt()).isEqualTo(14);
        assertThat(json.get("Type").asString()).isEqualTo("PostDataInvalidException");
        assertThat(json.get("Message").asString()).isEqualTo("The element 'Nickname' was not recognised. Ensure the"
                + " element name has the correct case and that there are no duplicate elements of the same name.");
        assertThat(sandbox.contacts()).isEmpty();

        // element names are case-sensitive; HasValidationErrors is output-only
        assertThat(http.put("/Contacts", contacts("{\"name\":\"lower\"}")).json().get("ErrorNumber").asInt()).isEqualTo(14);
        assertThat(http.put("/Contacts", contacts("{\"Name\":\"A\",\"HasValidationErrors\":false}")).json()
                .get("Message").asString()).contains("'HasValidationErrors'");
        assertThat(http.put("/Contacts", contacts("{\"Name\":\"A\",\"Addresses\":[{\"AddressType\":\"STREET\","
                + "\"Street\":\"x\"}]}")).json().get("Message").asString()).contains("'Street'");
    }

    @Test
    void readOnlyElementsOfAGetResultAreAccepted() {
        JsonNode created = http.put("/Contacts", contacts(contact("Round Trip", "rt"))).contacts().get(0);
        ((tools.jackson.databind.node.ObjectNode) created).remove("HasValidationErrors");
        ((tools.jackson.databind.node.ObjectNode) created).put("EmailAddress", "rt@example.com");
        Reply reply = http.post("/Contacts", contacts(created.toString()));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(sandbox.contacts()).singleElement().extracting(SandboxContact::emailAddress).isEqualTo("rt@example.com");
    }

    @Test
    void duplicateElementIsPostDataInvalid() {
        Reply reply = http.put("/Contacts", "{\"Contacts\":[{\"Name\":\"A\",\"Name\":\"B\"}]}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("Type").asString()).isEqualTo("PostDataInvalidException");
        assertThat(sandbox.contacts()).isEmpty();
    }

    @Test
    void malformedJsonIsPostDataInvalid() {
        Reply reply = http.put("/Contacts", "{\"Contacts\":[{\"Name\":");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("ErrorNumber").asInt()).isEqualTo(14);
    }

    @Test
    void malformedGuidIsA500UnknownErrorAndNothingIsSaved() {
        Reply reply = http.post("/Contacts", contacts(contact("Valid", null),
                "{\"ContactID\":\"SOME-INVALID-DATA\",\"Name\":\"X\"}"));
        assertThat(reply.status()).isEqualTo(500);
        JsonNode json = reply.json();
        assertThat(json.get("ErrorNumber").asInt()).isEqualTo(500);
        assertThat(json.get("Type").asString()).isEqualTo("UnknownErrorException");
        assertThat(json.get("Message").asString()).startsWith("An error occurred in Xero.");
        assertThat(sandbox.contacts()).isEmpty();
    }

    @Test
    void bodyOverThreePointFiveMegabytesIs413() {
        String big = "{\"Contacts\":[{\"Name\":\"" + "x".repeat(3_700_000) + "\"}]}";
        Reply reply = http.put("/Contacts", big);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(sandbox.contacts()).isEmpty();
    }

    @Test
    void validElementsReturnAllContactsWhenSummarized() {
        Reply reply = http.put("/Contacts", contacts(contact("One", null), contact("Two", null)));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contacts()).hasSize(2);
        List<String> ids = sandbox.contacts().stream().map(SandboxContact::contactId).toList();
        assertThat(List.of(reply.contacts().get(0).get("ContactID").asString(),
                reply.contacts().get(1).get("ContactID").asString())).containsExactlyElementsOf(ids);
    }

    private static String address(String element, int length) {
        return "{\"Name\":\"A\",\"Addresses\":[{\"AddressType\":\"STREET\",\"" + element + "\":\"" + "z".repeat(length)
                + "\"}]}";
    }

    private static String phone(String element, int length) {
        return "{\"Name\":\"A\",\"Phones\":[{\"PhoneType\":\"DEFAULT\",\"" + element + "\":\"" + "9".repeat(length)
                + "\"}]}";
    }
}
