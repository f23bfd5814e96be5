package io.cscartxero.badinput;

import static io.cscartxero.badinput.StoreRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.XeroUser;

import org.junit.jupiter.api.Test;

/**
 * customerExportJob over a store whose customers are broken in every way the database lets them be. One store, one
 * run; the table below says what each record is and what must become of it.
 */
class CustomerExportBadInputTest extends BadStoreRun<StoreRows> {

    private final List<String> good = new ArrayList<>();

    @Override
    String job() {
        return "customerExportJob";
    }

    @Override
    StoreRows prepare() {
        harness = ConnectorHarness.start();
        StoreRows rows = new StoreRows(harness.cscartJdbc());
        // NULLs CS-Cart never writes: the fixture (like CS-Cart) forbids them, so these columns are loosened here
        rows.allowNull("users", "email", "varchar(128)");
        rows.allowNull("users", "firstname", "varchar(128)");
        rows.allowNull("users", "company", "varchar(255)");
        rows.allowNull("user_profiles", "b_address", "varchar(255)");
        rows.allowNull("user_profiles", "b_city", "varchar(64)");
        // 4-byte characters really stored: only possible after this (real CS-Cart tables are utf8mb3); nullable too
        rows.utf8mb4("users", "lastname", "varchar(128)");
        for (int i = 0; i < 5; i++) {
            good.add(Long.toString(rows.customer(row("email", "good" + i + "@example.com", "firstname", "Good",
                    "lastname", "Customer " + i))));
        }
        return rows;
    }

    @Override
    void beforeApp() {
        new XeroUser(harness.sandbox).contact(XeroUser.object().put("Name", "Held In Xero Ltd"));
    }

    @Override
    List<String> goodIds() {
        return good;
    }

    @Override
    int copiesInTarget(String userId) {
        return contacts(userId).size();
    }

    private List<SandboxContact> contacts(String userId) {
        return harness.sandbox.contacts().stream().filter(c -> ("cscart-" + userId).equals(c.contactNumber())).toList();
    }

    private SandboxContact contact(String userId) {
        List<SandboxContact> found = contacts(userId);
        assertThat(found).as("contacts of customer %s", userId).hasSize(1);
        return found.get(0);
    }

    private static String str(long id) {
        return Long.toString(id);
    }

    static final String LONG_COMPANY = "Consolidated Intercontinental Widgets, Sprockets & Assorted Hardware Trading Company "
            .repeat(4).substring(0, 254) + "Z";

    @Override
    List<Case<StoreRows>> cases() {
        return List.of(
                Case.synced("email NULL", "users.email NULL (column made nullable)",
                        s -> str(s.customer(row("email", null, "firstname", "Nora", "lastname", "Null"))),
                        id -> assertThat(contact(id).emailAddress()).isNullOrEmpty()),
                Case.synced("every name and the email NULL", "firstname, lastname, company, email all NULL",
                        s -> str(s.customer(row("email", null, "firstname", null, "lastname", null, "company", null))),
                        id -> assertThat(contact(id).name()).isEqualTo("CS-Cart customer " + id)),
                Case.synced("company of 255 characters", "users.company at its column maximum",
                        s -> str(s.customer(row("email", "long.company@example.com", "company", LONG_COMPANY))),
                        id -> assertThat(contact(id).name()).isEqualTo(LONG_COMPANY)),
                Case.synced("255-character company shared by two customers", "a second customer with the same 255-character company",
                        s -> {
                            s.customer(row("email", "long.company.1@example.com", "company", LONG_COMPANY.toUpperCase()));
                            return str(s.customer(row("email", "long.company.2@example.com", "company", LONG_COMPANY)));
                        },
                        id -> assertThat(contact(id).name()).hasSizeLessThanOrEqualTo(255).endsWith(" (#" + id + ")")),
                Case.synced("first and last name of 128 characters each", "firstname and lastname at their column maxima",
                        s -> str(s.customer(row("email", "long.names@example.com", "firstname", "F".repeat(128), "lastname", "L".repeat(128)))),
                        id -> assertThat(contact(id).firstName()).hasSize(128)),
                Case.synced("email of 128 characters", "a valid address at the column maximum",
                        s -> str(s.customer(row("email", "a".repeat(116) + "@example.com"))),
                        id -> assertThat(contact(id).emailAddress()).hasSize(128)),
                // Xero refuses these addresses: the customer is sent again without it (see refusedEmails...)
                Case.warned("invalid email", "users.email = 'foo@'", "Email address must be valid",
                        s -> str(s.customer(row("email", "foo@"))), this::hasNoEmail),
                Case.warned("email of 128 characters without '@'", "128 characters, no '@'", "Email address must be valid",
                        s -> str(s.customer(row("email", "x".repeat(128)))), this::hasNoEmail),
                Case.warned("email with a control character", "'bell\\u0007@example.com'", "Email address must be valid",
                        s -> str(s.customer(row("email", "bell\u0007@example.com"))), this::hasNoEmail),
                Case.warned("name held by a contact made in Xero, and an email Xero refuses", "company 'Held In Xero Ltd' (a contact "
                        + "typed in Xero has that name), email 'held.in.xero(at)example.com'", "Email address must be valid",
                        s -> str(s.customer(row("email", "held.in.xero(at)example.com", "company", "Held In Xero Ltd"))),
                        id -> {
                            hasNoEmail(id);
                            assertThat(contact(id).name()).isEqualTo("Held In Xero Ltd (#" + id + ")");
                        }),
                Case.warned("email written the way people hide it from robots", "'jane.doe(at)example.com' (CS-Cart's demo has 19 such)",
                        "jane.doe(at)example.com", s -> str(s.customer(row("email", "jane.doe(at)example.com", "firstname", "Jane", "lastname", "Doe"))),
                        this::hasNoEmail),
                Case.synced("email with surrounding blanks", "'  spaced@example.com  '",
                        s -> str(s.customer(row("email", "  spaced@example.com  "))),
                        id -> assertThat(contact(id).emailAddress()).isEqualTo("spaced@example.com")),
                Case.synced("NUL and BEL inside the first name", "firstname 'Ze\\u0000ro\\u0007' (see controlCharactersAreRemovedBeforeTheyReachXero)",
                        s -> str(s.customer(row("email", "control.chars@example.com", "firstname", "Ze\u0000ro\u0007", "lastname", "Bell"))),
                        Case.NOTHING),
                Case.synced("CR LF inside the last name", "lastname 'Smith\\r\\nJones'",
                        s -> str(s.customer(row("email", "crlf@example.com", "firstname", "Ann", "lastname", "Smith\r\nJones"))),
                        id -> assertThat(contact(id).name()).isEqualTo("Ann Smith Jones")),
                Case.synced("emoji as CS-Cart stores it", "company 'Pizza ???? Palace' (utf8mb3 turned the emoji into '????')",
                        s -> str(s.customer(row("email", "pizza@example.com", "company", "Pizza ???? Palace"))),
                        id -> assertThat(contact(id).name()).isEqualTo("Pizza ???? Palace")),
                Case.synced("emoji really stored, name cut at 255", "lastname altered to utf8mb4: 128 × 'F' + ' ' + 125 × 'x' + 🍕 (257 UTF-16 units)",
                        s -> str(s.customer(row("email", "emoji@example.com", "firstname", "F".repeat(128), "lastname", "x".repeat(125) + "🍕"),
                                row("b_lastname", "Emoji", "s_lastname", "Emoji"))),
                        id -> {
                            SandboxContact c = contact(id);
                            assertThat(c.lastName()).endsWith("🍕");
                            assertThat(c.name()).hasSizeLessThanOrEqualTo(255);
                            assertThat(Text.hasLoneSurrogate(c.name())).as(c.name()).isFalse();
                        }),
                Case.synced("phone of 128 characters", "users.phone at its column maximum (Xero takes 50)",
                        s -> str(s.customer(row("email", "long.phone@example.com", "phone", "+1 555 ".repeat(19).substring(0, 128)))),
                        id -> assertThat(contact(id).phone("DEFAULT").get("PhoneNumber")).hasSizeLessThanOrEqualTo(50)),
                Case.synced("address of 255 characters, city of 64", "b_address 255 and b_city 64 characters",
                        s -> str(s.customer(row("email", "long.address@example.com"),
                                row("b_address", "Long Street ".repeat(30).substring(0, 255), "b_city", "C".repeat(64)))),
                        id -> assertThat(contact(id).address("POBOX").get("AddressLine1")).hasSize(255)),
                Case.synced("no profile at all", "users row without any user_profiles row",
                        s -> str(s.customer(row("email", "no.profile@example.com"), null)),
                        id -> assertThat(contact(id).address("POBOX").get("AddressLine1")).isNullOrEmpty()),
                Case.synced("two main profiles", "two user_profiles rows of type 'P'",
                        s -> {
                            long userId = s.customer(row("email", "two.profiles@example.com"), row("b_address", "First Profile Road"));
                            s.insert("user_profiles", StoreRows.merge(StoreRows.profileDefaults("Ann", "Lee"),
                                    row("user_id", userId, "b_address", "Second Profile Road")));
                            return str(userId);
                        },
                        id -> assertThat(contact(id).address("POBOX").get("AddressLine1")).isEqualTo("First Profile Road")),
                Case.synced("profile columns NULL", "b_address and b_city NULL (columns made nullable)",
                        s -> str(s.customer(row("email", "null.address@example.com"), row("b_address", null, "b_city", null))),
                        id -> assertThat(contact(id).address("POBOX").get("AddressLine1")).isNullOrEmpty()),
                Case.notSelected("dangling profile", "a user_profiles row whose user_id has no users row",
                        s -> {
                            s.insert("user_profiles", StoreRows.merge(StoreRows.profileDefaults("Ghost", "Profile"), row("user_id", 900_001)));
                            return "900001";
                        }),
                Case.synced("email shared with another customer", "a second customer with an earlier customer's email, other case",
                        s -> {
                            s.customer(row("email", "shared@example.com", "firstname", "First", "lastname", "Sharer"));
                            return str(s.customer(row("email", "SHARED@example.com", "firstname", "Second", "lastname", "Sharer")));
                        },
                        id -> assertThat(contact(id).emailAddress()).isEqualToIgnoringCase("shared@example.com")),
                Case.synced("name differing only in case", "'JOHN SMYTHE' after 'john smythe'",
                        s -> {
                            s.customer(row("email", "john.lower@example.com", "firstname", "john", "lastname", "smythe"));
                            return str(s.customer(row("email", "john.upper@example.com", "firstname", "JOHN", "lastname", "SMYTHE")));
                        },
                        id -> assertThat(contact(id).name()).isEqualTo("JOHN SMYTHE (#" + id + ")")),
                Case.synced("status letter CS-Cart does not know", "users.status = 'X'",
                        s -> str(s.customer(row("email", "status.x@example.com", "status", "X"))), Case.NOTHING),
                Case.notSelected("user type CS-Cart does not know", "users.user_type = 'Z' (not a customer)",
                        s -> str(s.customer(row("email", "type.z@example.com", "user_type", "Z")))),
                Case.synced("company made only of control characters", "company '\\u0007\\u0000' (see controlCharactersAreRemovedBeforeTheyReachXero)",
                        s -> str(s.customer(row("email", "control.company@example.com", "company", "\u0007\u0000"))), Case.NOTHING));
    }

    private void hasNoEmail(String id) {
        SandboxContact c = contact(id);
        assertThat(c.emailAddress()).isNullOrEmpty();
        assertThat(c.name()).isNotBlank();
    }

    /**
     * Until issue 10 these customers were rejected and not in Xero at all. Now the refused contacts of the chunk are
     * sent again together, without EmailAddress (and renamed when Xero also named their name as taken), in one more
     * call: never a call per customer, never a skip.
     */
    @Test
    void refusedEmailsCostOneMoreCallForTheWholeChunkAndNoSkip() {
        List<String> refused = table().stream().filter(c -> c.expect() == Case.Expect.WARNED).map(c -> idOf(c.name())).toList();
        // the connector's PUTs (the contact typed in Xero has no ContactNumber)
        var puts = harness.sandbox.stats().requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/Contacts")
                && r.body().contains("\"ContactNumber\"")).toList();
        assertThat(puts).hasSize(2);
        String retry = puts.get(1).body();
        assertThat(retry.split("\"ContactNumber\"").length - 1).isEqualTo(refused.size());
        assertThat(refused).allSatisfy(id -> assertThat(retry).contains("\"cscart-" + id + "\""));
        assertThat(retry).doesNotContainPattern("\"EmailAddress\":\"[^\"]");
        var step = outcome.execution().getStepExecutions().iterator().next();
        assertThat(step.getWriteSkipCount()).isZero();
        assertThat(step.getWriteCount()).isEqualTo(harness.sandbox.contacts().size() - 1);   // one contact was made in Xero
        ErrorLog.Row warning = errorsFor(idOf("email written the way people hide it from robots")).get(0);
        assertThat(warning.entity()).isEqualTo("CONTACT");
        assertThat(warning.message()).contains("customer " + warning.cscartId() + " (Jane Doe)").contains("EmailAddress")
                .contains("'jane.doe(at)example.com'").contains("Email address must be valid.");
        assertThat(warning.xeroId()).isEqualTo(contact(warning.cscartId()).contactId());
    }

    /** Found by this suite (they reached Xero unchanged), fixed in ccff772. */
    @Test
    void controlCharactersAreRemovedBeforeTheyReachXero() {
        for (String caseName : List.of("NUL and BEL inside the first name", "company made only of control characters")) {
            SandboxContact c = contact(idOf(caseName));
            assertThat(Text.hasControlCharacter(c.name() + c.firstName())).as(caseName).isFalse();
            assertThat(c.name().strip()).as(caseName).isNotEmpty();
        }
    }
}
