package io.cscartxero.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;

import org.springframework.batch.core.step.StepExecution;

/**
 * Creates and updates contacts in batches: new ones with one PUT, linked ones with one POST (by ContactID), both
 * with {@code summarizeErrors=false} so every element gets its own verdict. Used by the customer export and by the
 * order export's buyer step, through {@link ContactWriter}. Three element errors are repaired instead of reported, all elements of a chunk
 * needing a repair together in the next call (never a call per contact):
 * <ul>
 * <li>"Another contact has this contact number": an earlier run created the contact and died before linking it, so
 * it is looked up and updated;</li>
 * <li>a name already used by a contact outside the store: the record's suffix is added;</li>
 * <li>"Email address must be valid." (Xero's own words, Xero's API docs: contact fields): the contact is sent without
 * {@code EmailAddress}, so a mistyped address ({@code jane.doe(at)example.com}) does not keep the customer out of
 * Xero. Such a contact is reported in {@link Result#emailsDropped()} for a warning row.</li>
 * </ul>
 * A contact with any other error is rejected with Xero's message. Each repair is made at most once per contact, so a
 * chunk costs at most a few calls whatever Xero answers.
 */
class ContactUpserter {

    /** Xero's element error for an address it does not take (sandbox {@code ContactValidator.EMAIL_INVALID}). */
    static final String EMAIL_REFUSED = "Email address must be valid";
    private static final String NUMBER_TAKEN = "Another contact has this contact number";
    private static final String NAME_TAKEN = "is already assigned to another contact";

    private final XeroContacts contacts;

    ContactUpserter(XeroContacts contacts) {
        this.contacts = contacts;
    }

    /**
     * What became of a batch: one outcome per item given (the outcome's item is the item as given, so the recorder
     * can find it in its chunk; its link names what Xero holds), and the contacts Xero took only without their e-mail.
     */
    record Result(List<SyncOutcome<ContactSyncItem>> outcomes, List<EmailDropped> emailsDropped) {
    }

    /**
     * A contact that is in Xero, but without the e-mail Xero refused.
     *
     * @param item        the item as given (with its e-mail and its payload hash)
     * @param contactId   the contact's ContactID
     * @param sent        the contact as Xero took it (no e-mail)
     * @param xeroMessage Xero's message about the e-mail
     */
    record EmailDropped(ContactSyncItem item, String contactId, Contact sent, String xeroMessage) {

        /**
         * The warning row of the error log: names the record, the field, the value and Xero's message. A warning, not
         * a skip: the contact reached Xero.
         */
        ErrorLog.Entry warning(StepExecution step, String who) {
            return new ErrorLog.Entry(step.getJobExecutionId(), step.getJobExecution().getJobInstance().getJobName(),
                    step.getStepName(), item.entity(), item.cscartId(), contactId,
                    "Warning: " + who + " is in Xero without an e-mail: Xero refused EmailAddress '" + item.contact().emailAddress().strip()
                            + "' (" + xeroMessage + "). Correct the e-mail in CS-Cart and the next run sends it.",
                    "Name=" + sent.name() + ", ContactNumber=" + sent.contactNumber() + ", Email=");
        }
    }

    /** One item on its way: as given, as it will be sent next, and which repairs it has had. */
    private record Attempt(ContactSyncItem original, ContactSyncItem current, String emailRefusal, boolean lookedUp) {

        Attempt withoutEmail(String message) {
            return new Attempt(original, current.withoutEmail(), message, lookedUp);
        }

        Attempt renamed() {
            return new Attempt(original, current.renamed(), emailRefusal, lookedUp);
        }

        Attempt linkedTo(String contactId) {
            return new Attempt(original, current.withContact(current.contact().withContactID(contactId)), emailRefusal, true);
        }

        boolean hasEmail() {
            String email = current.contact().emailAddress();
            return email != null && !email.isBlank();
        }
    }

    Result upsert(List<ContactSyncItem> items) {
        List<SyncOutcome<ContactSyncItem>> outcomes = new ArrayList<>();
        List<EmailDropped> dropped = new ArrayList<>();
        List<Attempt> creates = new ArrayList<>();
        List<Attempt> updates = new ArrayList<>();
        for (ContactSyncItem item : items) {
            (item.contact().contactID() == null ? creates : updates).add(new Attempt(item, item, null, false));
        }
        // each round: one PUT for the creates, one POST for the updates; repaired elements go to the next round
        while (!creates.isEmpty() || !updates.isEmpty()) {
            List<Attempt> nextCreates = new ArrayList<>();
            List<Attempt> nextUpdates = new ArrayList<>();
            List<Attempt> numberTaken = new ArrayList<>();
            List<ElementResult<Contact>> created = send(creates, true);
            for (int i = 0; i < creates.size(); i++) {
                settle(creates.get(i), created.get(i), nextCreates, numberTaken, outcomes, dropped);
            }
            updates.addAll(lookUp(numberTaken, outcomes));
            List<ElementResult<Contact>> updated = send(updates, false);
            for (int i = 0; i < updates.size(); i++) {
                settle(updates.get(i), updated.get(i), nextUpdates, null, outcomes, dropped);
            }
            creates = nextCreates;
            updates = nextUpdates;
        }
        return new Result(outcomes, dropped);
    }

    /**
     * Accepted, repaired for the next round, or rejected. {@code numberTaken} is null for updates: an update already
     * names its contact.
     */
    private static void settle(Attempt attempt, ElementResult<Contact> verdict, List<Attempt> retry, List<Attempt> numberTaken,
            List<SyncOutcome<ContactSyncItem>> outcomes, List<EmailDropped> dropped) {
        if (verdict.accepted()) {
            outcomes.add(accepted(attempt, verdict.xeroId()));
            if (attempt.emailRefusal() != null) {
                dropped.add(new EmailDropped(attempt.original(), verdict.xeroId(), attempt.current().contact(), attempt.emailRefusal()));
            }
            return;
        }
        List<String> messages = verdict.messages();
        boolean lookUp = numberTaken != null && !attempt.lookedUp() && messages.stream().anyMatch(m -> m.contains(NUMBER_TAKEN));
        Attempt repaired = attempt;
        for (String message : messages) {
            if (message.contains(EMAIL_REFUSED) && repaired.hasEmail()) {
                repaired = repaired.withoutEmail(message);
            } else if (message.contains(NAME_TAKEN) && lookUp) {
                // most likely held by the very contact the number lookup finds: its update keeps the name
            } else if (message.contains(NAME_TAKEN) && !repaired.current().isRenamed()) {
                repaired = repaired.renamed();
            } else if (!(message.contains(NUMBER_TAKEN) && lookUp)) {
                outcomes.add(rejected(attempt, verdict.message()));
                return;
            }
        }
        if (lookUp) {
            numberTaken.add(repaired);
        } else if (repaired != attempt) {
            retry.add(repaired);
        } else {
            outcomes.add(rejected(attempt, verdict.message()));
        }
    }

    /** Contacts an earlier run created but did not link: found by ContactNumber (one call), to be updated. */
    private List<Attempt> lookUp(List<Attempt> numberTaken, List<SyncOutcome<ContactSyncItem>> outcomes) {
        if (numberTaken.isEmpty()) {
            return List.of();
        }
        Map<String, Contact> found = contacts.findByContactNumbers(numberTaken.stream().map(a -> a.current().contact().contactNumber()).toList());
        List<Attempt> updates = new ArrayList<>();
        for (Attempt attempt : numberTaken) {
            Contact existing = found.get(attempt.current().contact().contactNumber());
            if (existing == null) {
                outcomes.add(rejected(attempt, "Xero reports the contact number as taken but no contact has it"));
            } else {
                updates.add(attempt.linkedTo(existing.contactID()));
            }
        }
        return updates;
    }

    private List<ElementResult<Contact>> send(List<Attempt> attempts, boolean create) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        List<Contact> payload = attempts.stream().map(a -> a.current().contact()).toList();
        return create ? contacts.create(payload) : contacts.update(payload);
    }

    /**
     * The link keeps the hash of the contact as mapped from CS-Cart, also when Xero took it without its e-mail: an
     * unchanged customer is not sent again, a corrected e-mail changes the hash and is sent.
     */
    private static SyncOutcome<ContactSyncItem> accepted(Attempt attempt, String contactId) {
        ContactSyncItem item = attempt.original();
        return SyncOutcome.accepted(item, SyncLink.synced(item.entity(), item.cscartId(), contactId,
                attempt.current().contact().contactNumber(), item.payloadHash()));
    }

    private static SyncOutcome<ContactSyncItem> rejected(Attempt attempt, String message) {
        ContactSyncItem item = attempt.original();
        String why = attempt.emailRefusal() == null ? message : attempt.emailRefusal() + "; without the e-mail: " + message;
        return SyncOutcome.rejected(item, SyncLink.rejected(item.entity(), item.cscartId(), attempt.current().contact().contactID(),
                attempt.current().contact().contactNumber(), item.payloadHash()), why, attempt.current().summary());
    }
}
