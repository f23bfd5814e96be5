package io.cscartxero.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * The one contact writer, as customerExportJob and the order export's buyer step use it: a chunk of up to 50 contacts
 * is one PUT (new) and one POST (linked); each repair — a refused e-mail, a name taken outside the store, a contact
 * number taken after a crash — costs one more call for all the chunk's contacts needing it; the links are recorded
 * once per chunk (in its transaction); a refused e-mail is one {@code Warning:} row for the customer export and none
 * for the buyer step, whose customer links carry the hash of what Xero holds instead.
 */
class ContactWriterTest {

    /** Xero whose verdict on a created contact is given by the test; refuses e-mails with "(at)"; records every call. */
    static final class Xero extends XeroContacts {
        final List<String> calls = new ArrayList<>();
        final List<List<Contact>> puts = new ArrayList<>();
        final Map<String, Contact> byNumber = new HashMap<>();
        Function<Contact, List<String>> createErrors = c -> List.of();

        Xero() {
            super(null);
        }

        @Override
        public List<ElementResult<Contact>> create(List<Contact> contacts) {
            calls.add("PUT " + contacts.size());
            puts.add(contacts);
            return contacts.stream().map(c -> {
                List<String> errors = new ArrayList<>(createErrors.apply(c));
                if (c.emailAddress() != null && c.emailAddress().contains("(at)")) {
                    errors.add("Email address must be valid.");
                }
                return errors.isEmpty() ? ElementResult.accepted(c, "id-" + c.contactNumber()) : ElementResult.rejected(c, errors);
            }).toList();
        }

        @Override
        public List<ElementResult<Contact>> update(List<Contact> contacts) {
            calls.add("POST " + contacts.size());
            return contacts.stream().map(c -> ElementResult.accepted(c, c.contactID())).toList();
        }

        @Override
        public Map<String, Contact> findByContactNumbers(Collection<String> numbers) {
            calls.add("GET " + numbers.size());
            Map<String, Contact> found = new HashMap<>();
            numbers.stream().filter(byNumber::containsKey).forEach(n -> found.put(n, byNumber.get(n)));
            return found;
        }
    }

    /** Records what the step would commit with the chunk: one call per chunk. */
    static final class Recorder extends SyncRecorder {
        final List<SyncOutcome<ContactSyncItem>> outcomes = new ArrayList<>();
        int calls;

        Recorder() {
            super(null, null, null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> void record(StepExecution step, Chunk<T> chunk, List<SyncOutcome<T>> given) {
            calls++;
            given.forEach(o -> outcomes.add((SyncOutcome<ContactSyncItem>) o));
        }

        SyncOutcome<ContactSyncItem> of(String cscartId) {
            return outcomes.stream().filter(o -> o.item().cscartId().equals(cscartId)).findFirst().orElseThrow();
        }
    }

    /** The error log's rows, without a database. */
    static final class Rows extends ErrorLog {
        final List<ErrorLog.Entry> entries = new ArrayList<>();

        Rows() {
            super(null, null);
        }

        @Override
        public void record(Entry e) {
            entries.add(e);
        }
    }

    static final StepExecution STEP = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("customerExportJob", 1L, 7L), "customerExportStep", 11L);

    static ContactSyncItem contact(String entity, String id, String email) {
        Contact c = Contact.request(null, "cscart-" + id, "Buyer " + id, "Buyer", id, email, List.of(), List.of());
        return new ContactSyncItem(entity, id, "Buyer " + id, " (#" + id + ")", c, PayloadHash.of(c));
    }

    static List<ContactSyncItem> fifty(String refused1, String refused2) {
        List<ContactSyncItem> items = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            String id = "b" + i;
            items.add(contact(i % 2 == 0 ? ContactSyncItem.GUEST_ENTITY : ContactSyncItem.CUSTOMER_ENTITY, id,
                    id.equals(refused1) || id.equals(refused2) ? "buyer" + i + "(at)example.com" : "buyer" + i + "@example.com"));
        }
        return items;
    }

    @Test
    void buyersFiftyContactsOneCallAndRefusedEmailsInTheNext() {
        Xero xero = new Xero();
        Recorder recorder = new Recorder();
        AtomicInteger preflights = new AtomicInteger();
        var writer = ContactWriter.forBuyers(xero, recorder, STEP, preflights::incrementAndGet);
        writer.write(new Chunk<>(fifty("b7", "b8")));
        writer.write(new Chunk<>(List.of(contact(ContactSyncItem.GUEST_ENTITY, "b51", "b51@example.com"))));

        assertThat(preflights).as("pre-flight once, before the first send").hasValue(1);
        assertThat(xero.puts).extracting(List::size).containsExactly(50, 2, 1);
        assertThat(xero.puts.get(1)).allSatisfy(c -> assertThat(c.emailAddress()).isEmpty());
        assertThat(recorder.calls).as("links recorded once per chunk, in its transaction").isEqualTo(2);
        assertThat(recorder.outcomes).hasSize(51).allMatch(SyncOutcome::accepted);
        SyncOutcome<ContactSyncItem> customer7 = recorder.of("b7");
        assertThat(customer7.link().payloadHash()).as("a customer taken without e-mail: the hash of what Xero holds")
                .isNotEqualTo(customer7.item().payloadHash());
        SyncOutcome<ContactSyncItem> guest8 = recorder.of("b8");
        assertThat(guest8.link().payloadHash()).as("a guest keeps the hash as mapped").isEqualTo(guest8.item().payloadHash());
    }

    @Test
    void anEmptyChunkSendsNothingAndChecksNothing() {
        Xero xero = new Xero();
        AtomicInteger preflights = new AtomicInteger();
        Recorder recorder = new Recorder();
        ContactWriter.forBuyers(xero, recorder, STEP, preflights::incrementAndGet).write(new Chunk<>());
        ContactWriter.forCustomers(xero, recorder, new Rows(), STEP).write(new Chunk<>());
        assertThat(xero.calls).isEmpty();
        assertThat(preflights).hasValue(0);
        assertThat(recorder.calls).isZero();
    }

    @Test
    void customersRefusedEmailIsResentWithoutItInTheNextCallWithOneWarningRow() {
        Xero xero = new Xero();
        Recorder recorder = new Recorder();
        Rows rows = new Rows();
        ContactWriter.forCustomers(xero, recorder, rows, STEP).write(new Chunk<>(fifty("b3", "b5")));

        assertThat(xero.calls).containsExactly("PUT 50", "PUT 2");
        assertThat(xero.puts.get(1)).extracting(Contact::contactNumber).containsExactly("cscart-b3", "cscart-b5");
        assertThat(xero.puts.get(1)).allSatisfy(c -> assertThat(c.emailAddress()).isEmpty());
        assertThat(recorder.calls).isEqualTo(1);
        assertThat(recorder.outcomes).hasSize(50).allMatch(SyncOutcome::accepted);
        assertThat(recorder.of("b3").link().payloadHash()).as("the customer export keeps the hash as mapped: sent again only when changed")
                .isEqualTo(recorder.of("b3").item().payloadHash());
        assertThat(rows.entries).hasSize(2).allSatisfy(row -> {
            assertThat(row.message()).startsWith("Warning: customer " + row.cscartId() + " (Buyer " + row.cscartId() + ") is in Xero without an e-mail")
                    .contains("'" + row.cscartId().replace("b", "buyer") + "(at)example.com'").contains("Email address must be valid");
            assertThat(row.entity()).isEqualTo(ContactSyncItem.CUSTOMER_ENTITY);
            assertThat(row.xeroId()).isEqualTo("id-cscart-" + row.cscartId());
            assertThat(row.jobExecutionId()).isEqualTo(7L);
            assertThat(row.jobName()).isEqualTo("customerExportJob");
            assertThat(row.stepName()).isEqualTo("customerExportStep");
            assertThat(row.payloadSummary()).endsWith("Email=");
        });
    }

    @Test
    void buyersRefusedEmailWritesNoRow() {
        Xero xero = new Xero();
        Recorder recorder = new Recorder();
        ContactWriter.forBuyers(xero, recorder, STEP, () -> {
        }).write(new Chunk<>(List.of(contact(ContactSyncItem.CUSTOMER_ENTITY, "1", "a(at)x.com"))));
        assertThat(xero.calls).containsExactly("PUT 1", "PUT 1");
        assertThat(recorder.outcomes).singleElement().matches(SyncOutcome::accepted);
    }

    @Test
    void aContactNumberTakenAfterACrashIsLookedUpAndLinkedInTheChunk() {
        Xero xero = new Xero();
        xero.byNumber.put("cscart-7", Contact.request("existing-7", "cscart-7", "Buyer 7", null, null, null, List.of(), List.of()));
        xero.createErrors = c -> c.contactNumber().equals("cscart-7") ? List.of("Another contact has this contact number.") : List.of();
        Recorder recorder = new Recorder();
        Rows rows = new Rows();
        ContactWriter.forCustomers(xero, recorder, rows, STEP).write(new Chunk<>(List.of(
                contact(ContactSyncItem.CUSTOMER_ENTITY, "6", "six@x.com"), contact(ContactSyncItem.CUSTOMER_ENTITY, "7", "seven@x.com"))));

        assertThat(xero.calls).as("no second contact: found by its number and updated").containsExactly("PUT 2", "GET 1", "POST 1");
        assertThat(recorder.calls).isEqualTo(1);
        assertThat(recorder.outcomes).allMatch(SyncOutcome::accepted);
        assertThat(recorder.of("7").link().xeroId()).isEqualTo("existing-7");
        assertThat(recorder.of("7").link().payloadHash()).isEqualTo(recorder.of("7").item().payloadHash());
        assertThat(rows.entries).isEmpty();
    }

    @Test
    void aNameTakenOutsideTheStoreGetsTheSuffixOnceThenIsRejected() {
        Xero xero = new Xero();
        xero.createErrors = c -> c.name().equals("Buyer 4") || c.name().startsWith("Buyer 5")
                ? List.of("The contact name " + c.name() + " is already assigned to another contact.") : List.of();
        Recorder recorder = new Recorder();
        ContactWriter.forBuyers(xero, recorder, STEP, () -> {
        }).write(new Chunk<>(List.of(contact(ContactSyncItem.GUEST_ENTITY, "4", "four@x.com"),
                contact(ContactSyncItem.GUEST_ENTITY, "5", "five@x.com"))));

        assertThat(xero.calls).as("one rename round for both").containsExactly("PUT 2", "PUT 2");
        assertThat(xero.puts.get(1)).extracting(Contact::name).containsExactly("Buyer 4 (#4)", "Buyer 5 (#5)");
        assertThat(recorder.of("4").accepted()).isTrue();
        assertThat(recorder.of("5").accepted()).as("renamed once, not again").isFalse();
        assertThat(recorder.of("5").message()).contains("already assigned");
    }

    @Test
    void linkedContactsAreUpdatedByContactIdInOneCall() {
        Xero xero = new Xero();
        Recorder recorder = new Recorder();
        ContactWriter.forCustomers(xero, recorder, new Rows(), STEP).write(new Chunk<>(List.of(
                contact(ContactSyncItem.CUSTOMER_ENTITY, "1", "one@x.com").withContactId("c-1"),
                contact(ContactSyncItem.CUSTOMER_ENTITY, "2", "two@x.com").withContactId("c-2"),
                contact(ContactSyncItem.CUSTOMER_ENTITY, "3", "three@x.com"))));
        assertThat(xero.calls).containsExactly("PUT 1", "POST 2");
        assertThat(recorder.outcomes).extracting(o -> o.link().xeroId()).containsExactlyInAnyOrder("c-1", "c-2", "id-cscart-3");
    }
}
