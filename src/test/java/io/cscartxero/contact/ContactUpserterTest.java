package io.cscartxero.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;

import org.junit.jupiter.api.Test;

/**
 * The three repairs of {@link ContactUpserter} (used by the customer export and the order export's buyer step), each
 * in the next call for all contacts needing it, each at most once per contact.
 */
class ContactUpserterTest {

    /** Xero whose verdict on a created contact is given by the test; records every call. */
    static final class Xero extends XeroContacts {
        final List<String> calls = new ArrayList<>();
        final Map<String, Contact> byNumber = new HashMap<>();
        Function<Contact, List<String>> createErrors = c -> List.of();

        Xero() {
            super(null);
        }

        @Override
        public List<ElementResult<Contact>> create(List<Contact> contacts) {
            calls.add("PUT " + contacts.size());
            return contacts.stream().map(c -> {
                List<String> errors = createErrors.apply(c);
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

    static ContactSyncItem item(String id, String name, String email) {
        Contact c = Contact.request(null, "cscart-" + id, name, "First", "Last", email, List.of(), List.of());
        return new ContactSyncItem("CONTACT", id, name, " (#" + id + ")", c, PayloadHash.of(c));
    }

    @Test
    void aRefusedEmailIsSentWithoutItInTheNextCall() {
        Xero xero = new Xero();
        xero.createErrors = c -> c.emailAddress() != null && c.emailAddress().contains("(at)") ? List.of("Email address must be valid.") : List.of();
        var result = new ContactUpserter(xero).upsert(List.of(item("1", "A", "a(at)x.com"), item("2", "B", "b(at)x.com"), item("3", "C", "c@x.com")));
        assertThat(xero.calls).containsExactly("PUT 3", "PUT 2");
        assertThat(result.outcomes()).hasSize(3).allMatch(SyncOutcome::accepted);
        assertThat(result.emailsDropped()).extracting(d -> d.item().cscartId()).containsExactlyInAnyOrder("1", "2");
        assertThat(result.emailsDropped()).allSatisfy(d -> assertThat(d.sent().emailAddress()).isEmpty());
    }

    @Test
    void aTakenNameGetsTheSuffixOnce() {
        Xero xero = new Xero();
        xero.createErrors = c -> c.name().equals("Jane") || c.name().equals("Bob") || c.name().equals("Bob (#5)")
                ? List.of("The contact name " + c.name() + " is already assigned to another contact.") : List.of();
        var result = new ContactUpserter(xero).upsert(List.of(item("4", "Jane", "j@x.com"), item("5", "Bob", "b@x.com")));
        assertThat(xero.calls).as("one repair round; Bob's suffixed name is taken too: rejected, not renamed again")
                .containsExactly("PUT 2", "PUT 2");
        assertThat(result.outcomes()).filteredOn(SyncOutcome::accepted).extracting(o -> o.item().cscartId()).containsExactly("4");
        assertThat(result.outcomes()).filteredOn(o -> !o.accepted()).singleElement()
                .satisfies(o -> assertThat(o.message()).contains("already assigned"));
    }

    @Test
    void aContactNumberTakenAfterACrashIsLookedUpAndUpdatedNotCreatedTwice() {
        Xero xero = new Xero();
        xero.byNumber.put("cscart-7", Contact.request("existing-7", "cscart-7", "G", null, null, null, List.of(), List.of()));
        xero.createErrors = c -> c.contactNumber().equals("cscart-7") || c.contactNumber().equals("cscart-8")
                ? List.of("Another contact has this contact number.") : List.of();
        var result = new ContactUpserter(xero).upsert(List.of(item("7", "G", "g@x.com"), item("8", "H", "h@x.com")));
        assertThat(xero.calls).containsExactly("PUT 2", "GET 2", "POST 1");
        assertThat(result.outcomes()).filteredOn(SyncOutcome::accepted).singleElement()
                .satisfies(o -> assertThat(o.link().xeroId()).isEqualTo("existing-7"));
        assertThat(result.outcomes()).filteredOn(o -> !o.accepted()).singleElement()
                .satisfies(o -> assertThat(o.message()).contains("no contact has it"));
    }
}
