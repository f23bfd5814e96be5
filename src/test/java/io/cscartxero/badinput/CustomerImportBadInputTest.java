package io.cscartxero.badinput;

import static io.cscartxero.badinput.StoreRows.row;
import static io.cscartxero.testsupport.XeroUser.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.XeroUser;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/**
 * customerImportJob over a Xero organisation whose contacts hold what CS-Cart's columns cannot: no or over-long
 * e-mails, emoji, control characters, over-long names and addresses, e-mails of administrators or of several
 * customers. One organisation, one run; the table says what each contact is and what must become of it.
 */
class CustomerImportBadInputTest extends BadStoreRun<CustomerImportBadInputTest.Sides> {

    /** Both sides a case may need: Xero to type the contact into, the store for the customers it should match. */
    record Sides(XeroUser xero, StoreRows store) {
    }

    private final List<String> good = new ArrayList<>();

    @Override
    String job() {
        return "customerImportJob";
    }

    @Override
    Sides prepare() {
        harness = ConnectorHarness.start();
        Sides sides = new Sides(new XeroUser(harness.sandbox), new StoreRows(harness.cscartJdbc()));
        for (int i = 0; i < 3; i++) {
            good.add(sides.xero().contact(contact("Good Contact " + i, "good.contact" + i + "@example.com")));
        }
        return sides;
    }

    @Override
    List<String> goodIds() {
        return good;
    }

    private static ObjectNode contact(String name, String email) {
        ObjectNode c = object().put("Name", name);
        if (email != null) {
            c.put("EmailAddress", email);
        }
        return c;
    }

    private static ObjectNode address(ObjectNode contact, String type, String line1, String city, String region, String postalCode, String country) {
        contact.withArray("Addresses").addObject().put("AddressType", type).put("AddressLine1", line1).put("City", city)
                .put("Region", region).put("PostalCode", postalCode).put("Country", country);
        return contact;
    }

    private long lastUserBefore;
    private final Map<String, Integer> emailsBefore = new java.util.HashMap<>();

    @Override
    void beforeApp() {
        lastUserBefore = store().queryForObject("SELECT COALESCE(MAX(user_id), 0) FROM cscart_users", Long.class);
        store().query("SELECT LOWER(TRIM(email)), COUNT(*) FROM cscart_users WHERE user_type = 'C' GROUP BY 1", rs -> {
            emailsBefore.put(rs.getString(1), rs.getInt(2));
        });
    }

    /**
     * The customers standing for the contact: the one it is linked to (matched or created by the run), plus any other
     * customer the run created with its e-mail. Exactly 1 when the import neither lost nor duplicated it.
     */
    @Override
    int copiesInTarget(String contactId) {
        List<Long> linked = connectorDb().queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'CONTACT' AND state = 'SYNCED' "
                + "AND xero_id = ?", Long.class, contactId);
        if (linked.isEmpty()) {
            return 0;
        }
        List<String> emails = store().queryForList("SELECT email FROM cscart_users WHERE user_id = ?", String.class, linked.get(0));
        if (emails.isEmpty()) {
            return 0;
        }
        String key = emails.get(0).strip().toLowerCase(java.util.Locale.ROOT);
        int created = customersWithEmail(key) - emailsBefore.getOrDefault(key, 0);
        return 1 + created - (linked.get(0) > lastUserBefore ? 1 : 0);
    }

    private int customersWithEmail(String email) {
        return store().queryForObject("SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C' AND LOWER(TRIM(email)) = LOWER(TRIM(?))",
                Integer.class, email);
    }

    private Map<String, Object> customer(String contactId) {
        Long userId = connectorDb().queryForObject("SELECT cscart_id FROM sync_link WHERE entity = 'CONTACT' AND xero_id = ?",
                Long.class, contactId);
        return store().queryForMap("SELECT u.*, p.b_address, p.b_city, p.b_state, p.b_country, p.b_zipcode, p.s_address "
                + "FROM cscart_users u LEFT JOIN cscart_user_profiles p ON p.user_id = u.user_id AND p.profile_type = 'P' "
                + "WHERE u.user_id = ?", userId);
    }

    private long users() {
        return store().queryForObject("SELECT COUNT(*) FROM cscart_users", Long.class);
    }

    @Override
    List<Case<Sides>> cases() {
        return List.of(
                Case.logged("contact without email", "Name only", "has no email address",
                        s -> s.xero().contact(contact("No Email Person", null))),
                Case.logged("email longer than CS-Cart's 128", "a valid 150-character address (Xero takes 255)",
                        "has an email address CS-Cart cannot store",
                        s -> s.xero().contact(contact("Long Email Person", "l".repeat(138) + "@example.com"))),
                Case.logged("email of an administrator", "the e-mail of a CS-Cart admin account", "administrator or vendor",
                        s -> {
                            s.store().customer(row("email", "boss@example.com", "user_type", "A"));
                            return s.xero().contact(contact("Not The Boss", "BOSS@example.com"));
                        }),
                Case.synced("name with an emoji", "Name 'Pizza 🍕 Palace Ltd' (CS-Cart's utf8 cannot hold it)",
                        s -> s.xero().contact(contact("Pizza 🍕 Palace Ltd", "pizza.palace@example.com")),
                        id -> assertThat(customer(id).get("company")).isEqualTo("Pizza \uFFFD Palace Ltd")),
                Case.synced("names with control characters", "FirstName 'Ze\\u0000ro\\u0007', LastName 'Bell\\u001B'",
                        s -> s.xero().contact(contact("Zero Bell", "zero.bell@example.com").put("FirstName", "Ze\u0000ro\u0007")
                                .put("LastName", "Bell\u001B")),
                        id -> assertThat(customer(id)).containsEntry("firstname", "Zero").containsEntry("lastname", "Bell")),
                Case.synced("names of 255 characters", "Name, FirstName and LastName at Xero's 255",
                        s -> s.xero().contact(contact("N".repeat(255), "long.names@example.com").put("FirstName", "F".repeat(255))
                                .put("LastName", "L".repeat(255))),
                        id -> {
                            Map<String, Object> c = customer(id);
                            assertThat((String) c.get("firstname")).hasSize(128);
                            assertThat((String) c.get("company")).hasSize(255);
                        }),
                Case.synced("address longer than CS-Cart's columns", "Region 255, PostalCode 50, City 255, AddressLine1 500",
                        s -> s.xero().contact(address(contact("Long Address Ltd", "long.address@example.com"), "POBOX",
                                "A".repeat(500), "C".repeat(255), "R".repeat(255), "9".repeat(50), "US")),
                        id -> {
                            Map<String, Object> c = customer(id);
                            assertThat((String) c.get("b_address")).hasSize(255);
                            assertThat((String) c.get("b_city")).hasSize(64);
                            assertThat((String) c.get("b_state")).hasSize(32);
                            assertThat((String) c.get("b_zipcode")).hasSize(16);
                        }),
                Case.synced("country CS-Cart does not know", "Country 'Narnia'",
                        s -> s.xero().contact(address(contact("Narnia Traders", "narnia@example.com"), "POBOX", "1 Lamp Post", "Cair Paravel",
                                "", "0001", "Narnia")),
                        id -> assertThat(customer(id).get("b_country")).isEqualTo("")),
                Case.synced("country given by name", "Country 'New Zealand'",
                        s -> s.xero().contact(address(contact("Kiwi Traders", "kiwi@example.com"), "POBOX", "1 Queen St", "Auckland",
                                "", "1010", "New Zealand")),
                        id -> assertThat(customer(id).get("b_country")).isEqualTo("NZ")),
                Case.synced("address with emoji and CR LF", "AddressLine1 'Flat 2 🏠\\r\\nBack door'",
                        s -> s.xero().contact(address(contact("Emoji Address", "emoji.address@example.com"), "POBOX",
                                "Flat 2 🏠\r\nBack door", "Boston", "MA", "02110", "US")),
                        id -> assertThat((String) customer(id).get("b_address")).contains("\uFFFD").doesNotContain("\r")),
                Case.synced("email of an existing customer in other case", "CS-Cart has 'Match.Me@example.com', Xero 'match.me@EXAMPLE.com'",
                        s -> {
                            s.store().customer(row("email", "Match.Me@example.com", "firstname", "Old", "lastname", "Name"));
                            return s.xero().contact(contact("New Name", "match.me@EXAMPLE.com").put("FirstName", "New").put("LastName", "Name"));
                        },
                        id -> assertThat(customer(id)).containsEntry("firstname", "New")),
                // ambiguous: which customer the contact is cannot be known, so neither is linked nor changed
                Case.logged("email shared by two CS-Cart customers", "two customers with 'twice@example.com', Xero ' Twice@Example.com'",
                        "have the email",
                        s -> {
                            s.store().customer(row("email", "twice@example.com", "firstname", "First"));
                            s.store().customer(row("email", "TWICE@example.com ", "firstname", "Second"));
                            return s.xero().contact(contact("Twice Updated", " Twice@Example.com").put("FirstName", "Updated"));
                        }),
                Case.synced("an existing customer's e-mail, Xero's fields empty", "CS-Cart has company, phone, address; the contact only the e-mail in another case",
                        s -> {
                            s.store().customer(row("email", "Keep.Me@example.com", "firstname", "Keep", "lastname", "Me", "company", "Keep Ltd",
                                    "phone", "+1 555 0100"), row("b_address", "1 Keep St", "b_city", "Keepville", "b_phone", "+1 555 0100"));
                            return s.xero().contact(contact("Keep Me", "KEEP.ME@EXAMPLE.COM"));
                        },
                        id -> assertThat(customer(id)).containsEntry("email", "Keep.Me@example.com").containsEntry("company", "Keep Ltd")
                                .containsEntry("phone", "+1 555 0100").containsEntry("b_address", "1 Keep St").containsEntry("b_city", "Keepville")),
                Case.synced("script and markup in every field", "<script>, <img onerror>, <iframe>, <svg onload>, entities decoding to tags",
                        s -> s.xero().contact(address(contact("<img src=x onerror=alert(1)>Evil Corp", "evil.corp@example.com")
                                .put("FirstName", "<script>alert(1)</script>Eve").put("LastName", "<b onmouseover=alert(2)>Smith</b>"),
                                "POBOX", "<iframe src=javascript:alert(3)></iframe>1 Main St", "&lt;script&gt;alert(4)&lt;/script&gt;",
                                "<svg/onload=alert(5)>NY", "<a href=x>10001</a>", "US")
                                .set("Phones", XeroUser.JSON.readTree("[{\"PhoneType\":\"DEFAULT\",\"PhoneNumber\":\"<script>x</script>555 0100\"}]"))),
                        id -> {
                            Map<String, Object> c = customer(id);
                            assertThat(c.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain("<"));
                            assertThat(c).containsEntry("company", "Evil Corp").containsEntry("firstname", "Eve")
                                    .containsEntry("lastname", "Smith").containsEntry("b_address", "1 Main St").containsEntry("b_state", "NY")
                                    .containsEntry("b_zipcode", "10001").containsEntry("phone", "555 0100");
                            assertThat((String) c.get("b_city")).isEqualTo("&lt;script>alert(4)&lt;/script>");
                        }),
                Case.synced("SQL-looking text", "Name \"Robert'); DROP TABLE cscart_users;--\", FirstName \"' OR '1'='1\"",
                        s -> s.xero().contact(contact("Robert'); DROP TABLE cscart_users;--", "bobby.tables@example.com")
                                .put("FirstName", "' OR '1'='1").put("LastName", "\\'; --")),
                        id -> assertThat(customer(id)).containsEntry("company", "Robert'); DROP TABLE cscart_users;--")
                                .containsEntry("firstname", "' OR '1'='1").containsEntry("lastname", "\\'; --")),
                Case.notSelected("the connector's own contact, link lost", "ContactNumber 'cscart-guest-1a2b3c' (a guest's), no link",
                        s -> s.xero().contact(contact("Guest Buyer", "guest.buyer@example.com").put("ContactNumber", "cscart-guest-1a2b3c"))),
                Case.notSelected("a customer's contact, link lost", "ContactNumber 'cscart-987654', no link",
                        s -> s.xero().contact(contact("Former Link", "former.link@example.com").put("ContactNumber", "cscart-987654"))),
                Case.notSelected("archived contact", "ContactStatus ARCHIVED",
                        s -> {
                            String id = s.xero().contact(contact("Archived Person", "archived@example.com"));
                            s.xero().archive(id);
                            return id;
                        }));
    }

    /**
     * Xero allows one e-mail on several contacts; CS-Cart should get one customer. Found by this suite (the second
     * contact became a second customer); the fix in 621762d maps both to one customer but then links two contacts to
     * one cscart_id, which the sync_link primary key refuses: the whole run fails, and every run after it.
     */
    /** Found by the bad-input suite, fixed in the session that added it. */
    @Test
    void twoContactsWithOneEmailBecomeOneCustomerAndTheRunCompletes() {
        // a store and organisation of its own: while the bug is there, every import run over them fails
        try (ConnectorHarness own = ConnectorHarness.start()) {
            XeroUser ownXero = new XeroUser(own.sandbox);
            ownXero.contact(contact("Same Mail One", "same.mail@example.com"));
            ownXero.contact(contact("Same Mail Two", "SAME.MAIL@example.com"));
            ownXero.contact(contact("Someone Else", "someone.else@example.com"));

            var run = ConnectorHarness.jobs(own.startApp()).run(job(), Map.of());

            assertThat(run.execution().getStatus()).as(run.message()).isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);
            assertThat(own.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_users WHERE LOWER(email) = 'same.mail@example.com'",
                    Integer.class)).isEqualTo(1);
        }
    }

    /**
     * Someone with access to Xero tries to take over CS-Cart logins: a linked contact's e-mail changed to an
     * administrator's, another's to a second customer's, an unlinked contact given the administrator's e-mail, markup
     * in a linked contact's names. No login e-mail, password or administrator row changes; no markup is stored; the
     * error log says what was refused.
     */
    @Test
    void xeroEditsCannotTakeOverALoginOrAnAdministrator() {
        try (ConnectorHarness own = ConnectorHarness.start()) {
            StoreRows rows = new StoreRows(own.cscartJdbc());
            long admin = rows.customer(row("email", "root@shop.example", "user_type", "A", "firstname", "Root", "password", "secret-hash"));
            long alice = rows.customer(row("email", "alice@example.com", "firstname", "Alice", "lastname", "Able", "password", "alice-hash"));
            long bob = rows.customer(row("email", "bob@example.com", "firstname", "Bob", "lastname", "Baker", "company", "Bob's Bikes"));
            var app = own.startApp();
            assertThat(ConnectorHarness.jobs(app).run("customerExportJob", Map.of()).exitCode()).isZero();
            var links = app.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            String aliceContact = links.queryForObject("SELECT xero_id FROM sync_link WHERE entity = 'CONTACT' AND cscart_id = ?", String.class,
                    Long.toString(alice));
            String bobContact = links.queryForObject("SELECT xero_id FROM sync_link WHERE entity = 'CONTACT' AND cscart_id = ?", String.class,
                    Long.toString(bob));
            Map<String, Object> adminBefore = own.cscartJdbc().queryForMap("SELECT * FROM cscart_users WHERE user_id = ?", admin);
            var xero = new io.cscartxero.testsupport.XeroUser(own.sandbox);
            xero.post("/Contacts", """
                    {"Contacts":[{"ContactID":"%s","EmailAddress":"ROOT@shop.example","Name":"<img src=x onerror=alert(1)>",
                      "FirstName":"<script>alert(document.cookie)</script>"},
                     {"ContactID":"%s","EmailAddress":"alice@example.com","LastName":"Baker<svg onload=alert(2)>"}]}""".formatted(aliceContact, bobContact));
            String stranger = new XeroUser(own.sandbox).contact(contact("Definitely Root", " root@SHOP.example"));

            var outcome = ConnectorHarness.jobs(app).run(job(), Map.of());

            assertThat(outcome.execution().getStatus()).as(outcome.message()).isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);
            var store = own.cscartJdbc();
            assertThat(store.queryForMap("SELECT * FROM cscart_users WHERE user_id = ?", admin)).isEqualTo(adminBefore);
            assertThat(store.queryForMap("SELECT email, password, firstname, company FROM cscart_users WHERE user_id = ?", alice))
                    .containsEntry("email", "alice@example.com").containsEntry("password", "alice-hash")
                    .containsEntry("firstname", "Alice").containsEntry("company", "");
            assertThat(store.queryForMap("SELECT email, lastname FROM cscart_users WHERE user_id = ?", bob))
                    .containsEntry("email", "bob@example.com").containsEntry("lastname", "Baker");
            assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_users WHERE LOWER(TRIM(email)) = 'root@shop.example'", Integer.class)).isEqualTo(1);
            assertThat(store.queryForList("SELECT CONCAT(firstname, lastname, company, email) FROM cscart_users", String.class))
                    .noneMatch(v -> v.contains("<"));
            var errors = app.getBean(io.cscartxero.sync.ErrorLog.class).find(job(), outcome.execution().getId(), 100);
            assertThat(errors).anySatisfy(e -> assertThat(e).extracting(io.cscartxero.sync.ErrorLog.Row::cscartId, io.cscartxero.sync.ErrorLog.Row::message)
                    .satisfies(v -> assertThat(v.get(0)).isEqualTo(Long.toString(alice)))
                    .satisfies(v -> assertThat((String) v.get(1)).contains("ROOT@shop.example").contains("never change a CS-Cart login")));
            assertThat(errors).anySatisfy(e -> assertThat(e.cscartId()).isEqualTo(Long.toString(bob)));
            assertThat(errors).anySatisfy(e -> assertThat(e).extracting(io.cscartxero.sync.ErrorLog.Row::cscartId, io.cscartxero.sync.ErrorLog.Row::message)
                    .satisfies(v -> assertThat(v.get(0)).isEqualTo("xero:" + stranger))
                    .satisfies(v -> assertThat((String) v.get(1)).contains("administrator or vendor")));
            assertThat(errors).hasSize(3);
        }
    }

    @Test
    void everySyncedContactIsOneCustomerWithAProfile() {
        long withoutProfile = store().queryForObject("SELECT COUNT(*) FROM cscart_users u WHERE u.user_type = 'C' AND NOT EXISTS "
                + "(SELECT 1 FROM cscart_user_profiles p WHERE p.user_id = u.user_id AND p.profile_type = 'P')", Long.class);
        assertThat(withoutProfile).isZero();
        assertThat(users()).isPositive();
    }

    @Test
    void aFullRerunOverTheSameXeroDataWritesNothingToCsCart() {
        String before = checksum("users", "user_profiles");
        var again = ConnectorHarness.jobs(app).run(job(), Map.of("full", "true"));
        assertThat(again.execution().getStatus()).as(again.message()).isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);
        assertThat(checksum("users", "user_profiles")).isEqualTo(before);
    }
}
