package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.cscartxero.customer.ContactSyncItem;
import io.cscartxero.customer.ContactUpserter;
import io.cscartxero.customer.OrderContactFactory;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

/** The buyer step's writer: one PUT per chunk, a refused e-mail re-sent without it, pre-flight before the first send. */
class BuyerContactWriterTest {

    /** Xero that refuses any e-mail containing "(at)" and counts the calls. */
    static final class Xero extends XeroContacts {
        final List<List<Contact>> puts = new ArrayList<>();

        Xero() {
            super(null);
        }

        @Override
        public List<ElementResult<Contact>> create(List<Contact> contacts) {
            puts.add(contacts);
            return contacts.stream().map(c -> c.emailAddress() != null && c.emailAddress().contains("(at)")
                    ? ElementResult.rejected(c, List.of("Email address must be valid."))
                    : ElementResult.accepted(c, "id-" + c.contactNumber())).toList();
        }
    }

    /** Records what the step would commit. */
    static final class Recorder extends SyncRecorder {
        final List<SyncOutcome<ContactSyncItem>> outcomes = new ArrayList<>();

        Recorder() {
            super(null, null, null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> void record(Chunk<T> chunk, List<SyncOutcome<T>> given) {
            given.forEach(o -> outcomes.add((SyncOutcome<ContactSyncItem>) o));
        }
    }

    static ContactSyncItem contact(String entity, String id, String email) {
        Contact c = Contact.request(null, "cscart-" + id, "Buyer " + id, "Buyer", id, email, List.of(), List.of());
        return new ContactSyncItem(entity, id, "Buyer " + id, " (#" + id + ")", c, PayloadHash.of(c));
    }

    @Test
    void fiftyContactsOneCallAndRefusedEmailsInTheNext() {
        Xero xero = new Xero();
        Recorder recorder = new Recorder();
        AtomicInteger preflights = new AtomicInteger();
        var writer = new BuyerContactWriter(new ContactUpserter(xero), recorder, preflights::incrementAndGet);
        List<ContactSyncItem> items = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            items.add(contact(i % 2 == 0 ? OrderContactFactory.GUEST_ENTITY : OrderContactFactory.customerEntity(), "b" + i,
                    i == 7 || i == 8 ? "buyer" + i + "(at)example.com" : "buyer" + i + "@example.com"));
        }
        writer.write(new Chunk<>(items));
        writer.write(new Chunk<>(List.of(contact(OrderContactFactory.GUEST_ENTITY, "b51", "b51@example.com"))));

        assertThat(preflights).as("pre-flight once, before the first send").hasValue(1);
        assertThat(xero.puts).extracting(List::size).containsExactly(50, 2, 1);
        assertThat(xero.puts.get(1)).allSatisfy(c -> assertThat(c.emailAddress()).isEmpty());
        assertThat(recorder.outcomes).hasSize(51).allMatch(SyncOutcome::accepted);
        SyncOutcome<ContactSyncItem> customer7 = recorder.outcomes.stream().filter(o -> o.item().cscartId().equals("b7")).findFirst().orElseThrow();
        assertThat(customer7.link().payloadHash()).as("a customer taken without e-mail: the hash of what Xero holds")
                .isNotEqualTo(customer7.item().payloadHash());
        SyncOutcome<ContactSyncItem> guest8 = recorder.outcomes.stream().filter(o -> o.item().cscartId().equals("b8")).findFirst().orElseThrow();
        assertThat(guest8.link().payloadHash()).as("a guest keeps the hash as mapped").isEqualTo(guest8.item().payloadHash());
    }

    @Test
    void anEmptyChunkSendsNothingAndChecksNothing() {
        Xero xero = new Xero();
        AtomicInteger preflights = new AtomicInteger();
        new BuyerContactWriter(new ContactUpserter(xero), new Recorder(), preflights::incrementAndGet).write(new Chunk<>());
        assertThat(xero.puts).isEmpty();
        assertThat(preflights).hasValue(0);
    }
}
