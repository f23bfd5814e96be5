package io.cscartxero.customer;

import io.cscartxero.sync.SyncRecorder;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of customers' contacts (see {@link ContactUpserter}) and records the outcomes. */
class XeroContactWriter implements ItemWriter<ContactSyncItem> {

    public static final String ENTITY = "CONTACT";

    private final ContactUpserter upserter;
    private final SyncRecorder recorder;

    XeroContactWriter(ContactUpserter upserter, SyncRecorder recorder) {
        this.upserter = upserter;
        this.recorder = recorder;
    }

    @Override
    public void write(Chunk<? extends ContactSyncItem> chunk) {
        @SuppressWarnings("unchecked")
        Chunk<ContactSyncItem> items = (Chunk<ContactSyncItem>) chunk;
        recorder.record(items, upserter.upsert(items.getItems()));
    }
}
