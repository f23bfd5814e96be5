package io.cscartxero.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

class AdvanceWatermarkOnSuccessTest {

    /** The marks the listener sets (the SQL of {@link Watermarks} is covered by the import job tests). */
    static final class RecordingWatermarks extends Watermarks {
        final List<String> advanced = new ArrayList<>();

        RecordingWatermarks() {
            super(null);
        }

        @Override
        public void advance(String tenantId, String name, Instant value) {
            advanced.add(tenantId + "/" + name + "=" + value);
        }
    }

    private final RecordingWatermarks watermarks = new RecordingWatermarks();
    private final AdvanceWatermarkOnSuccess listener = new AdvanceWatermarkOnSuccess(watermarks, "tenant", "items-import", "reader.newest");

    private StepExecution step(ExitStatus status, Long newest) {
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        if (newest != null) {
            step.getExecutionContext().putLong("reader.newest", newest);
        }
        step.setExitStatus(status);
        return step;
    }

    @Test
    void aCompletedStepMovesTheMarkToWhatItsReaderSaw() {
        assertThat(listener.afterStep(step(ExitStatus.COMPLETED, 1_700_000_000_000L))).isNull();
        assertThat(watermarks.advanced).containsExactly("tenant/items-import=" + Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void aFailedOrStoppedStepLeavesTheMark() {
        listener.afterStep(step(ExitStatus.FAILED, 1_700_000_000_000L));
        listener.afterStep(step(ExitStatus.STOPPED, 1_700_000_000_000L));
        assertThat(watermarks.advanced).isEmpty();
    }

    @Test
    void aStepThatReadNothingLeavesTheMark() {
        listener.afterStep(step(ExitStatus.COMPLETED, null));
        assertThat(watermarks.advanced).isEmpty();
    }
}
