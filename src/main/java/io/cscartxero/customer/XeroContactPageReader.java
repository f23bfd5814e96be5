package io.cscartxero.customer;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.XeroDates;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads Xero contacts page by page (1000 per call) modified since the last successful import, ACTIVE only.
 * Restartable: the page and the position in it are saved with each chunk. Remembers the newest UpdatedDateUTC
 * it saw, which becomes the next run's If-Modified-Since.
 */
class XeroContactPageReader implements ItemStreamReader<Contact> {

    static final String PAGE = "contactReader.page";
    static final String CONSUMED = "contactReader.consumed";
    static final String NEWEST = "contactReader.newest";

    private final XeroContacts contacts;
    private final Instant modifiedSince;
    private final Deque<Contact> buffer = new ArrayDeque<>();
    private int page;
    private int consumedOnPage;
    private boolean lastPage;
    private Instant newest;

    XeroContactPageReader(XeroContacts contacts, Instant modifiedSince) {
        this.contacts = contacts;
        this.modifiedSince = modifiedSince;
    }

    @Override
    public void open(ExecutionContext context) {
        // a restart reads the list again from the start: Xero orders contacts by UpdatedDateUTC, so a contact edited
        // since the stop moves and a saved position would skip another one; re-importing is idempotent (only
        // changed fields are written), so starting over costs calls, never data
        page = 1;
        int skip = 0;
        newest = context.containsKey(NEWEST) ? Instant.ofEpochMilli(context.getLong(NEWEST)) : null;
        fetch();
        for (int i = 0; i < skip && !buffer.isEmpty(); i++) {
            buffer.poll();
            consumedOnPage++;
        }
    }

    @Override
    public Contact read() {
        while (buffer.isEmpty() && !lastPage) {
            page++;
            fetch();
        }
        Contact next = buffer.poll();
        if (next == null) {
            return null;
        }
        consumedOnPage++;
        Instant updated = XeroDates.parse(next.updatedDateUTC());
        if (updated != null && (newest == null || updated.isAfter(newest))) {
            newest = updated;
        }
        return next;
    }

    private void fetch() {
        var pageContacts = contacts.page(page, modifiedSince);
        lastPage = pageContacts.size() < XeroContacts.PAGE_SIZE;
        consumedOnPage = 0;
        // positions count among the ACTIVE contacts of the page, the same way after a restart
        pageContacts.stream().filter(c -> c.contactStatus() == null || "ACTIVE".equals(c.contactStatus())).forEach(buffer::add);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(PAGE, page);
        context.putInt(CONSUMED, consumedOnPage);
        if (newest != null) {
            context.putLong(NEWEST, newest.toEpochMilli());
        }
    }

    Instant newest() {
        return newest;
    }
}
