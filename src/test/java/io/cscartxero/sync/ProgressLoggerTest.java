package io.cscartxero.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import io.cscartxero.xero.XeroCallMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** The progress count: asked once per step execution, kept in the step context, carried over a restart. */
class ProgressLoggerTest {

    private final XeroCallMetrics metrics = new XeroCallMetrics(new SimpleMeterRegistry());

    @Test
    void countsWhatWasReadIntoTheStepContextAfterEachChunk() {
        AtomicInteger totals = new AtomicInteger();
        ProgressLogger<String, String> progress = new ProgressLogger<>(() -> {
            totals.incrementAndGet();
            return 120;
        }, metrics);
        StepExecution step = MetaDataInstanceFactory.createStepExecution();

        progress.beforeStep(step);
        for (int i = 0; i < 50; i++) {
            progress.afterRead("r" + i);
        }
        progress.afterChunk(new Chunk<>());
        assertThat(step.getExecutionContext().getLong("progress.read")).isEqualTo(50);
        for (int i = 0; i < 20; i++) {
            progress.afterRead("r" + i);
        }
        progress.afterChunk(new Chunk<>());

        assertThat(step.getExecutionContext().getLong("progress.read")).isEqualTo(70);
        assertThat(totals).as("the total is counted once, when the step starts").hasValue(1);
    }

    @Test
    void aRestartedStepGoesOnFromTheCountItSaved() {
        ExecutionContext saved = new ExecutionContext();
        saved.putLong("progress.read", 300);
        StepExecution restarted = MetaDataInstanceFactory.createStepExecution(saved);
        ProgressLogger<String, String> progress = new ProgressLogger<>(() -> 1000, metrics);

        progress.beforeStep(restarted);
        progress.afterRead("next");
        progress.afterChunk(new Chunk<>());

        assertThat(restarted.getExecutionContext().getLong("progress.read")).isEqualTo(301);
    }
}
