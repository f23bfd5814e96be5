package io.cscartxero.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** Read and process skips become error rows of the step execution the listener was given. */
class ErrorLogSkipListenerTest {

    private final ConnectorDb db = new ConnectorDb();
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("orderExportJob", 3L, 77L), "orderExportStep", 9L);

    @Test
    void aProcessSkipIsARowNamingTheRecordAndWhy() {
        var listener = new ErrorLogSkipListener<Object, Object>(db.errorLog, "INVOICE");
        listener.beforeStep(step);
        listener.onSkipInProcess("order", new InvalidRecordException("1042", "Order 1042 has no lines"));

        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.jobExecutionId()).isEqualTo(77L);
            assertThat(row.jobName()).isEqualTo("orderExportJob");
            assertThat(row.stepName()).isEqualTo("orderExportStep");
            assertThat(row.entity()).isEqualTo("INVOICE");
            assertThat(row.cscartId()).isEqualTo("1042");
            assertThat(row.xeroId()).isNull();
            assertThat(row.message()).isEqualTo("Order 1042 has no lines");
        });
    }

    @Test
    void aReadSkipOfAXeroRecordIsKeyedByItsXeroId() {
        var listener = new ErrorLogSkipListener<Object, Object>(db.errorLog, "CONTACT");
        listener.beforeStep(step);
        listener.onSkipInRead(new InvalidRecordException(null, "c-9f", "Contact c-9f has no name"));
        listener.onSkipInRead(new IllegalStateException());

        assertThat(db.errors()).extracting(ErrorLog.Row::cscartId, ErrorLog.Row::xeroId, ErrorLog.Row::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("xero:c-9f", "c-9f", "Contact c-9f has no name"),
                        org.assertj.core.groups.Tuple.tuple("unknown-read", null, "IllegalStateException"));
    }

    @Test
    void withoutItsStepItSaysSoInsteadOfLoggingToNowhere() {
        var listener = new ErrorLogSkipListener<Object, Object>(db.errorLog, "ITEM");
        assertThatThrownBy(() -> listener.onSkipInProcess("p", new InvalidRecordException("1", "bad")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("step listener");
        assertThat(db.errors()).isEmpty();
    }
}
