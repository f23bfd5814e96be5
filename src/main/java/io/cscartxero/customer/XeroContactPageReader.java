package io.cscartxero.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.stream.Collectors;

import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads Xero contacts page by page (1000 per call, in ContactID order, see {@link XeroContacts#page}) modified since
 * the last successful import, ACTIVE only. Restartable: a restart reads the list again from the start. The next run's
 * If-Modified-Since is the time of this run's first page (Xero's clock), so anything edited while the run pages
 * through the list - possibly on a page already read - is read again by the next run.
 */
class XeroContactPageReader implements ItemStreamReader<Contact> {

    static final String NEXT_WATERMARK = "contactReader.nextWatermark";
    /** Edits saved in Xero just before the first page but not yet visible to it are read by the next run. */
    static final Duration WATERMARK_MARGIN = Duration.ofMinutes(1);

    private final XeroContacts contacts;
    private final Instant modifiedSince;
    private final Deque<Contact> buffer = new ArrayDeque<>();
    private int page;
    private boolean lastPage;
    private Set<String> previousPage = Set.of();
    private Instant nextWatermark;

    XeroContactPageReader(XeroContacts contacts, Instant modifiedSince) {
        this.contacts = contacts;
        this.modifiedSince = modifiedSince;
    }

    @Override
    public void open(ExecutionContext context) {
        // a restart reads the list again from the start (contacts created or archived since the stop would move a
        // saved position); re-importing is idempotent (only changed fields are written), so it costs calls, never data
        page = 1;
        buffer.clear();
        previousPage = Set.of();
        nextWatermark = null;
        fetch();
    }

    @Override
    public Contact read() {
        while (buffer.isEmpty() && !lastPage) {
            page++;
            fetch();
        }
        return buffer.poll();
    }

    private void fetch() {
        Instant requested = Instant.now();
        XeroContacts.Page fetched = contacts.page(page, modifiedSince);
        if (nextWatermark == null) {
            // Xero's clock (the response's DateTimeUTC) when there is one: ours may be ahead of it
            Instant asOf = fetched.answeredAt() != null ? fetched.answeredAt() : requested;
            nextWatermark = asOf.minus(WATERMARK_MARGIN);
        }
        lastPage = fetched.contacts().size() < XeroContacts.PAGE_SIZE;
        // a contact created in Xero meanwhile pushes later contacts one place on: the previous page's last contact
        // comes again at the start of this one; skipped so it is not written twice in one chunk
        Set<String> seen = previousPage;
        fetched.contacts().stream()
                .filter(c -> c.contactStatus() == null || "ACTIVE".equals(c.contactStatus()))
                .filter(c -> c.contactID() == null || !seen.contains(c.contactID()))
                .forEach(buffer::add);
        previousPage = fetched.contacts().stream().map(Contact::contactID).filter(id -> id != null).collect(Collectors.toSet());
    }

    @Override
    public void update(ExecutionContext context) {
        if (nextWatermark != null) {
            context.putLong(NEXT_WATERMARK, nextWatermark.toEpochMilli());
        }
    }
}
