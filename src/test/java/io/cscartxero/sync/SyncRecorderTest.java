package io.cscartxero.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** Links, error rows, write skips and the chunk after {@link SyncRecorder}, on a real connector database. */
class SyncRecorderTest {

    private final ConnectorDb db = new ConnectorDb();
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("productExportJob", 5L, 41L), "productExportStep", 7L);

    private static SyncOutcome<String> accepted(String id) {
        return SyncOutcome.accepted(id, SyncLink.synced("ITEM", id, "x-" + id, "CODE-" + id, "h" + id));
    }

    private static SyncOutcome<String> rejected(String id, String message) {
        return SyncOutcome.rejected(id, SyncLink.rejected("ITEM", id, null, "CODE-" + id, "h" + id), message, "Code=CODE-" + id);
    }

    @Test
    void acceptedItemsAreLinkedRejectedOnesLoggedAndTakenOutOfTheChunk() {
        String a = "1", b = "2", c = "3";
        Chunk<String> chunk = new Chunk<>(new ArrayList<>(List.of(a, b, c)));

        db.recorder.record(step, chunk, List.of(accepted(a), rejected(b, "Code is too long"), accepted(c)));

        Map<String, SyncLink> links = db.links("ITEM");
        assertThat(links).containsOnlyKeys("1", "2", "3");
        assertThat(links.get("1").state()).isEqualTo(SyncLink.State.SYNCED);
        assertThat(links.get("1").xeroId()).isEqualTo("x-1");
        assertThat(links.get("2").state()).as("a rejected payload is remembered, not re-sent until it changes")
                .isEqualTo(SyncLink.State.REJECTED);
        assertThat(db.linkExecution("ITEM", "1")).isEqualTo(41L);

        assertThat(chunk.getItems()).containsExactly("1", "3");
        assertThat(step.getWriteSkipCount()).isEqualTo(1);
        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.jobExecutionId()).isEqualTo(41L);
            assertThat(row.jobName()).isEqualTo("productExportJob");
            assertThat(row.stepName()).isEqualTo("productExportStep");
            assertThat(row.entity()).isEqualTo("ITEM");
            assertThat(row.cscartId()).isEqualTo("2");
            assertThat(row.message()).isEqualTo("Code is too long");
            assertThat(row.payloadSummary()).isEqualTo("Code=CODE-2");
        });
    }

    @Test
    void aChunkXeroAcceptedWholeLogsNothing() {
        Chunk<String> chunk = new Chunk<>(new ArrayList<>(List.of("1", "2")));
        db.recorder.record(step, chunk, List.of(accepted("1"), accepted("2")));
        assertThat(chunk.getItems()).hasSize(2);
        assertThat(step.getWriteSkipCount()).isZero();
        assertThat(db.errors()).isEmpty();
    }

    @Test
    void removalsDeleteTheLinksOfWhatIsGoneAndLogTheRefusals() {
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(SyncLink.synced("INVOICE", "10", "inv-10", "CS-10", "h"),
                SyncLink.synced("INVOICE", "11", "inv-11", "CS-11", "h"), SyncLink.synced("INVOICE", "12", "inv-12", "CS-12", "h")));
        List<SyncLink> read = new ArrayList<>(db.links("INVOICE").values());
        read.sort(java.util.Comparator.comparing(SyncLink::cscartId));
        Chunk<SyncLink> chunk = new Chunk<>(new ArrayList<>(read));
        StepExecution delete = MetaDataInstanceFactory.createStepExecution(
                MetaDataInstanceFactory.createJobExecution("orderDeleteJob", 6L, 42L), "orderDeleteStep", 8L);

        db.recorder.recordRemovals(delete, chunk, List.of(read.get(0), read.get(2)),
                Map.of(read.get(1), "Invoice not of valid status for modification"), "InvoiceNumber");

        assertThat(db.links("INVOICE")).containsOnlyKeys("11");
        assertThat(chunk.getItems()).extracting(SyncLink::cscartId).containsExactly("10", "12");
        assertThat(delete.getWriteSkipCount()).isEqualTo(1);
        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.jobName()).isEqualTo("orderDeleteJob");
            assertThat(row.stepName()).isEqualTo("orderDeleteStep");
            assertThat(row.cscartId()).isEqualTo("11");
            assertThat(row.xeroId()).isEqualTo("inv-11");
            assertThat(row.payloadSummary()).isEqualTo("InvoiceNumber=CS-11");
        });
    }

    @Test
    void aSkippedItemWithNothingToLinkIsLoggedOnceEvenWhenItsChunkIsWrittenAgain() {
        Chunk<String> chunk = new Chunk<>(new ArrayList<>(List.of("a", "b")));
        Map<Object, ErrorLog.Entry> skipped = new java.util.IdentityHashMap<>();
        skipped.put(chunk.getItems().get(0), ErrorLog.Entry.of(step, "ITEM", "xero:a", "a", "no category", "Code=A"));
        db.recorder.skip(step, chunk, skipped);
        assertThat(chunk.getItems()).containsExactly("b");

        // the same chunk again after a rollback: the row is not repeated
        Chunk<String> again = new Chunk<>(new ArrayList<>(List.of("a", "b")));
        Map<Object, ErrorLog.Entry> skippedAgain = new java.util.IdentityHashMap<>();
        skippedAgain.put(again.getItems().get(0), ErrorLog.Entry.of(step, "ITEM", "xero:a", "a", "no category", "Code=A"));
        db.recorder.skip(step, again, skippedAgain);
        assertThat(db.errors()).hasSize(1);
        assertThat(db.links("ITEM")).isEmpty();
    }
}
