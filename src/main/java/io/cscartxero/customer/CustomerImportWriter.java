package io.cscartxero.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cscartxero.contact.ContactNames;
import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.contact.CustomerContactMapper;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes imported contacts into CS-Cart. A linked contact updates its customer, and only in the fields someone changed
 * in Xero since the connector last sent or received them ({@link CustomerImportChanges}). An unlinked contact is
 * matched by e-mail (trimmed, case-insensitive) when exactly one customer has it and that customer is not linked to
 * another contact; an e-mail of an administrator or vendor account, or of several customers, is reported and nothing
 * is written; otherwise a new customer is created. Imports never change an existing customer's e-mail (the login) or
 * password, nor any administrator or vendor account. A few queries per chunk; no write at all when nothing changed.
 * The links (with Xero's values as received) commit with the chunk; the CS-Cart writes are repeatable.
 * <p>
 * Crash ordering for a new customer: CS-Cart's tables are MyISAM (each statement is durable at once, no rollback),
 * the connector's links are transactional. The users row (with the e-mail) is inserted first, then the link is
 * committed at once in its own transaction, not with the chunk: a chunk that rolls back later (crash, stop, failure
 * of a later record) no longer loses the link of a customer already created, so the restart updates that customer
 * whatever was edited in Xero meanwhile, the e-mail included. Only a crash between the INSERT and that commit (no other
 * work in between) leaves a customer without link; the restart finds it by e-mail and repairs what the crash left out.
 */
class CustomerImportWriter implements ItemWriter<CustomerImport> {

    private final CsCartCustomerStore store;
    private final SyncLinkRepository links;
    private final SyncRecorder recorder;
    private final ErrorLog errorLog;
    private final String tenant;
    /** Contact names as the export gives them (unique among customers), read when the step started. */
    private final ContactNames names;
    /** The step execution whose links, error rows and write skips these are. */
    private final StepExecution step;
    /** Commits the link of a customer just created, outside the chunk transaction. */
    private final TransactionTemplate ownTransaction;
    /** CS-Cart statements run by this writer (tells whether a record was changed). */
    private int writes;

    CustomerImportWriter(CsCartCustomerStore store, SyncLinkRepository links, SyncRecorder recorder, ErrorLog errorLog, String tenant,
            ContactNames names, StepExecution step, PlatformTransactionManager txManager) {
        this.step = step;
        this.ownTransaction = new TransactionTemplate(txManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.names = names;
        this.store = store;
        this.links = links;
        this.recorder = recorder;
        this.errorLog = errorLog;
        this.tenant = tenant;
    }

    @Override
    public void write(Chunk<? extends CustomerImport> chunk) {
        List<? extends CustomerImport> items = chunk.getItems();
        Map<String, SyncLink> linked = links.findByXeroIds(tenant, ContactSyncItem.CUSTOMER_ENTITY,
                items.stream().map(CustomerImport::contactId).toList());
        linked.values().removeIf(l -> l.state() != SyncLink.State.SYNCED || !isUserId(l.cscartId()));
        Set<String> emails = new HashSet<>();
        items.forEach(i -> emails.add(emailKey(i.email())));
        emails.remove("");
        Map<String, List<CsCartCustomerStore.Account>> byEmail = store.accountsByEmail(emails);
        Set<Long> candidates = new HashSet<>();
        linked.values().forEach(l -> candidates.add(Long.valueOf(l.cscartId())));
        byEmail.values().forEach(accounts -> accounts.stream().filter(CsCartCustomerStore.Account::isCustomer)
                .forEach(a -> candidates.add(a.userId())));
        Map<Long, CsCartCustomer> current = store.load(candidates);
        // who is linked already: an e-mail match must not take another contact's customer
        Map<String, SyncLink> customerLinks = links.findByCscartIds(tenant, ContactSyncItem.CUSTOMER_ENTITY,
                candidates.stream().map(String::valueOf).toList());

        List<SyncOutcome<CustomerImport>> outcomes = new ArrayList<>();
        Map<Long, String> claimed = new HashMap<>();   // user id → contact linked to it in this chunk
        for (CustomerImport item : items) {
            SyncLink link = linked.get(item.contactId());
            if (link != null) {
                updateLinked(item, link, current.get(Long.valueOf(link.cscartId())), outcomes);
                continue;
            }
            String refusal = item.refusalAsNewCustomer();
            if (refusal != null) {
                outcomes.add(rejected(item, refusal));
                continue;
            }
            List<CsCartCustomerStore.Account> accounts = byEmail.getOrDefault(emailKey(item.email()), List.of());
            if (accounts.stream().anyMatch(a -> !a.isCustomer())) {
                outcomes.add(rejected(item, "The email " + item.email()
                        + " belongs to a CS-Cart administrator or vendor account; it was not changed"));
                continue;
            }
            if (accounts.size() > 1) {
                outcomes.add(rejected(item, accounts.size() + " CS-Cart customers (ids " + accounts.stream()
                        .map(a -> Long.toString(a.userId())).toList() + ") have the email " + item.email()
                        + "; the contact is not linked to any of them: merge them in CS-Cart or give the contact one customer's email"));
                continue;
            }
            if (accounts.size() == 1) {
                long userId = accounts.get(0).userId();
                SyncLink other = customerLinks.get(Long.toString(userId));
                String otherContact = other != null && other.state() == SyncLink.State.SYNCED ? other.xeroId() : claimed.get(userId);
                if (otherContact != null && !otherContact.equals(item.contactId())) {
                    outcomes.add(rejected(item, "The email " + item.email() + " belongs to CS-Cart customer " + userId
                            + ", who is linked to another Xero contact (" + otherContact + "); this contact was not imported"));
                    continue;
                }
                CsCartCustomer customer = current.get(userId);
                if (customer != null) {
                    // a crash may have left out the profile or the login of a customer an earlier run created
                    boolean profileInserted = store.repair(userId, item);
                    CsCartCustomer now = profileInserted ? store.load(Set.of(userId)).get(userId) : customer;
                    Map<String, String> received = apply(item, now, CustomerImportChanges.exportBaseline(now));
                    claimed.put(userId, item.contactId());
                    outcomes.add(SyncOutcome.accepted(item, SyncLink.synced(ContactSyncItem.CUSTOMER_ENTITY, Long.toString(userId),
                            item.contactId(), null, PayloadHash.of(item)).withFieldValues(received)));
                    continue;
                }
            }
            long userId = store.insert(item);
            SyncLink created = SyncLink.synced(ContactSyncItem.CUSTOMER_ENTITY, Long.toString(userId), item.contactId(), null,
                    PayloadHash.of(item)).withFieldValues(item.fields());
            ownTransaction.executeWithoutResult(tx -> links.saveAll(tenant, step.getJobExecutionId(), List.of(created)));
            byEmail.put(emailKey(item.email()), List.of(new CsCartCustomerStore.Account(userId, "C")));
            claimed.put(userId, item.contactId());
            outcomes.add(SyncOutcome.accepted(item, created));
        }
        @SuppressWarnings("unchecked")
        Chunk<CustomerImport> written = (Chunk<CustomerImport>) chunk;
        recorder.record(step, written, outcomes);
    }

    /**
     * A linked contact: the fields changed in Xero since they were last sent or received. A link to a record that is
     * gone from CS-Cart or is no customer account (deleted, or made an administrator) writes nothing and re-creates
     * nothing. The link keeps its payload hash (what the export compares with) and remembers Xero's values.
     */
    private void updateLinked(CustomerImport item, SyncLink link, CsCartCustomer customer, List<SyncOutcome<CustomerImport>> outcomes) {
        if (customer == null) {
            return;
        }
        Map<String, String> baseline = link.fieldValues() != null ? link.fieldValues() : CustomerImportChanges.exportBaseline(customer);
        int before = writes;
        Map<String, String> received = apply(item, customer, baseline);
        outcomes.add(SyncOutcome.accepted(item, new SyncLink(link.entity(), link.cscartId(), SyncLink.State.SYNCED, link.xeroId(),
                link.xeroKey(), writes > before ? exportHash(customer.userId(), link) : link.payloadHash(), received)));
    }

    /**
     * Writes what changed in Xero since the baseline; returns the field values the link keeps as received: Xero's,
     * except an e-mail that was not applied, which keeps its baseline (the divergence is reported again by the next
     * run that reads the contact, until someone settles it).
     */
    private Map<String, String> apply(CustomerImport item, CsCartCustomer customer, Map<String, String> baseline) {
        CustomerImportChanges changes = CustomerImportChanges.between(baseline, item, customer);
        long userId = customer.userId();
        if (!changes.isEmpty()) {
            writes += store.update(userId, changes);
        }
        if (changes.emailInXero() != null) {
            warn(userId, item, "Warning: the email of Xero contact " + item.contactId() + " was changed in Xero to "
                    + changes.emailInXero() + "; imports never change a CS-Cart login email: customer " + userId
                    + " keeps its own (change it in CS-Cart if it is right)");
            Map<String, String> received = new java.util.LinkedHashMap<>(item.fields());
            received.put("EmailAddress", baseline.getOrDefault("EmailAddress", ""));
            return received;
        }
        return item.fields();
    }

    /**
     * The hash of the contact the export would now build for the customer just updated from Xero: what Xero already
     * holds, so the next export does not send it back (the import does not echo into Xero either).
     */
    private String exportHash(long userId, SyncLink link) {
        CsCartCustomer now = store.load(Set.of(userId)).get(userId);
        if (now == null) {
            return link.payloadHash();
        }
        return CustomerContactMapper.toItem(now, names).payloadHash();
    }

    /** A row in the error log that skips nothing: the record was imported, one of its values was not. */
    private void warn(long userId, CustomerImport item, String message) {
        errorLog.record(ErrorLog.Entry.of(step, ContactSyncItem.CUSTOMER_ENTITY, Long.toString(userId), item.contactId(), message,
                "Email=" + item.email()));
    }

    private static SyncOutcome<CustomerImport> rejected(CustomerImport item, String message) {
        return SyncOutcome.rejected(item, SyncLink.rejected(ContactSyncItem.CUSTOMER_ENTITY, "xero:" + item.contactId(),
                item.contactId(), null, PayloadHash.of(item)), message, "Email=" + item.email());
    }

    static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isUserId(String cscartId) {
        return cscartId.chars().allMatch(Character::isDigit) && !cscartId.isEmpty();
    }
}
