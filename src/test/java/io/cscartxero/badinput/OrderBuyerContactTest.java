package io.cscartxero.badinput;

import static io.cscartxero.badinput.StoreRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sync.ErrorLog;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 10, "nobody lost", in the order export. A guest order placed with a registered customer's e-mail (any case,
 * stray blanks) is the customer's, so it is invoiced to the customer's contact — created exactly as customerExportJob
 * would create it when the customer is not linked yet — and no second, guest contact appears. Buyers whose e-mail
 * belongs to no customer (or to an administrator) stay guests. A buyer whose e-mail Xero refuses is invoiced to a
 * contact without it.
 */
class OrderBuyerContactTest {

    @Test
    void aGuestOrderWithACustomersEmailIsInvoicedToTheCustomersContact() {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            StoreRows rows = new StoreRows(harness.cscartJdbc());
            long ann = rows.customer(row("email", "ann.archer@example.com", "firstname", "Ann", "lastname", "Archer"));
            long bob = rows.customer(row("email", "bob.baker@example.com", "firstname", "Bob", "lastname", "Baker"));
            // CS-Cart can be set to let two accounts share an address: the lower user_id is the buyer
            long sharedFirst = rows.customer(row("email", "Shared@Example.com", "firstname", "Cleo", "lastname", "First"));
            long sharedSecond = rows.customer(row("email", "shared@example.com", "firstname", "Cleo", "lastname", "Second"));
            rows.customer(row("email", "staff@example.com", "firstname", "Sam", "lastname", "Staff", "user_type", "A"));
            long product = rows.product("MUG-1", "Blue mug", "20.00");
            ConfigurableApplicationContext app = harness.startApp();
            JobLaunchService jobs = ConnectorHarness.jobs(app);
            // Bob is linked already; Ann and the Cleos are not
            jobs.run("customerExportJob", Map.of("userIds", Long.toString(bob)));
            String bobsContact = contactsByNumber(harness).get("cscart-" + bob).contactId();
            long contactWritesBefore = contactWrites(harness);

            long annAsGuest = guestOrder(rows, product, "  ANN.Archer@example.COM ");
            long annRegistered = order(rows, product, ann, "ann.archer@example.com");
            long bobAsGuest = guestOrder(rows, product, "Bob.Baker@Example.com\t");
            long sharedAsGuest = guestOrder(rows, product, "SHARED@example.com");
            long stranger = guestOrder(rows, product, "stranger@example.com");
            long staffAsGuest = guestOrder(rows, product, "staff@example.com");

            JobLaunchService.Outcome orders = jobs.run("orderExportJob", Map.of());

            assertThat(orders.exitCode()).as(orders.message()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
            Map<String, SandboxContact> contacts = contactsByNumber(harness);
            Map<String, SandboxInvoice> invoices = harness.sandbox.invoices().stream()
                    .collect(Collectors.toMap(SandboxInvoice::invoiceNumber, Function.identity()));
            assertThat(invoices).hasSize(6);
            String annsContact = contacts.get("cscart-" + ann).contactId();
            assertThat(invoices.get("CS-" + annAsGuest).contactId()).isEqualTo(annsContact);
            assertThat(invoices.get("CS-" + annRegistered).contactId()).isEqualTo(annsContact);
            assertThat(invoices.get("CS-" + bobAsGuest).contactId()).isEqualTo(bobsContact);
            assertThat(invoices.get("CS-" + sharedAsGuest).contactId()).isEqualTo(contacts.get("cscart-" + sharedFirst).contactId());
            assertThat(contacts).doesNotContainKey("cscart-" + sharedSecond);
            // the customer's contact is the customer export's: same number, name, e-mail and addresses
            assertThat(contacts.get("cscart-" + ann).name()).isEqualTo("Ann Archer");
            assertThat(contacts.get("cscart-" + ann).emailAddress()).isEqualTo("ann.archer@example.com");
            // only the stranger and the administrator who bought as a guest are guest contacts
            List<SandboxContact> guests = contacts.values().stream().filter(c -> c.contactNumber().startsWith("cscart-guest-")).toList();
            assertThat(guests).extracting(SandboxContact::emailAddress).containsExactlyInAnyOrder("stranger@example.com", "staff@example.com");
            assertThat(invoices.get("CS-" + stranger).contactId()).isIn(guests.stream().map(SandboxContact::contactId).toList());
            assertThat(invoices.get("CS-" + staffAsGuest).contactId()).isIn(guests.stream().map(SandboxContact::contactId).toList());
            // Ann, the first Cleo and the two guests: one call
            assertThat(contactWrites(harness) - contactWritesBefore).isEqualTo(1);
            assertThat(app.getBean(ErrorLog.class).find(null, orders.execution().getId(), 100)).isEmpty();

            // the customer export finds Ann and the first Cleo linked with the payload it would send: nothing for them
            long before = contactWrites(harness);
            JobLaunchService.Outcome customers = jobs.run("customerExportJob", Map.of());
            StepExecution step = customers.execution().getStepExecutions().iterator().next();
            assertThat(step.getWriteCount()).as("only the second Cleo was never sent").isEqualTo(1);
            assertThat(contactWrites(harness) - before).isEqualTo(1);
            RecordedRequest last = harness.sandbox.stats().requests().stream().filter(r -> r.path().endsWith("/Contacts")
                    && !r.method().equals("GET")).reduce((a, b) -> b).orElseThrow();
            assertThat(last.body()).contains("\"cscart-" + sharedSecond + "\"").doesNotContain("\"cscart-" + ann + "\"")
                    .doesNotContain("\"cscart-" + sharedFirst + "\"");
        }
    }

    /**
     * The order export keeps its error log about orders: a customer's contact it created without the e-mail Xero
     * refused is left for customerExportJob to warn about — once — where customers are corrected.
     */
    @Test
    void aBuyerWhoseEmailXeroRefusesIsInvoicedAndTheCustomerExportWarnsOnce() {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            StoreRows rows = new StoreRows(harness.cscartJdbc());
            long jane = rows.customer(row("email", "jane.doe(at)example.com", "firstname", "Jane", "lastname", "Doe"));
            long product = rows.product("MUG-1", "Blue mug", "20.00");
            long janesOrder = order(rows, product, jane, "jane.doe(at)example.com");
            long guestsOrder = guestOrder(rows, product, "guest@@example");
            ConfigurableApplicationContext app = harness.startApp();
            JobLaunchService jobs = ConnectorHarness.jobs(app);
            ErrorLog errorLog = app.getBean(ErrorLog.class);

            JobLaunchService.Outcome orders = jobs.run("orderExportJob", Map.of());

            assertThat(orders.exitCode()).as(orders.message()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
            Map<String, SandboxContact> contacts = contactsByNumber(harness);
            assertThat(contacts).hasSize(2).allSatisfy((number, c) -> assertThat(c.emailAddress()).isNullOrEmpty());
            Map<String, String> invoiceContacts = harness.sandbox.invoices().stream()
                    .collect(Collectors.toMap(SandboxInvoice::invoiceNumber, SandboxInvoice::contactId));
            assertThat(invoiceContacts).containsEntry("CS-" + janesOrder, contacts.get("cscart-" + jane).contactId()).containsKey("CS-" + guestsOrder);
            // both buyers' contacts in one call, both again without the e-mail in one more
            assertThat(harness.sandbox.stats().calls("PUT", "/Contacts")).isEqualTo(2);
            assertThat(errorLog.find(null, orders.execution().getId(), 100)).isEmpty();

            long before = contactWrites(harness);
            JobLaunchService.Outcome customers = jobs.run("customerExportJob", Map.of());
            assertThat(customers.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
            assertThat(contactWrites(harness) - before).as("the update with the e-mail, then without it").isEqualTo(2);
            assertThat(errorLog.find(null, customers.execution().getId(), 100)).singleElement().satisfies(w -> {
                assertThat(w.cscartId()).isEqualTo(Long.toString(jane));
                assertThat(w.message()).startsWith("Warning: customer " + jane + " (Jane Doe)").contains("'jane.doe(at)example.com'")
                        .contains("Email address must be valid.");
            });
            assertThat(contactsByNumber(harness)).hasSize(2);

            before = contactWrites(harness);
            JobLaunchService.Outcome again = jobs.run("customerExportJob", Map.of());
            assertThat(contactWrites(harness)).isEqualTo(before);
            assertThat(errorLog.find(null, again.execution().getId(), 100)).isEmpty();
        }
    }

    private static long guestOrder(StoreRows rows, long product, String email) {
        return order(rows, product, 0, email);
    }

    private static long order(StoreRows rows, long product, long userId, String email) {
        return rows.order(StoreRows.orderDefaults(userId, email), List.of(rows.line(product, "MUG-1", "Blue mug", "20.00", 1)), Map.of());
    }

    private static long contactWrites(ConnectorHarness harness) {
        return harness.sandbox.stats().calls("PUT", "/Contacts") + harness.sandbox.stats().calls("POST", "/Contacts");
    }

    private static Map<String, SandboxContact> contactsByNumber(ConnectorHarness harness) {
        return harness.sandbox.contacts().stream().collect(Collectors.toMap(SandboxContact::contactNumber, Function.identity()));
    }
}
