package io.cscartxero.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The one step shape, run for real (Spring Batch's JDBC job repository and the connector schema on the same
 * database): chunks of {@code sync.chunk-size}, invalid records skipped into the error log up to
 * {@code sync.skip-limit}, Xero's rejections recorded by the writer, and listeners given their step execution.
 */
class SyncStepsTest {

    private final ConnectorDb db = new ConnectorDb();
    private JobRepository jobRepository;

    @BeforeEach
    void jobRepository() throws Exception {
        jobRepository = db.jobRepository();
    }

    private SyncSteps steps(int chunkSize, long skipLimit) {
        SyncProperties sync = new Binder(new MapConfigurationPropertySource(Map.of("sync.chunk-size", Integer.toString(chunkSize),
                "sync.skip-limit", Long.toString(skipLimit)))).bindOrCreate("sync", SyncProperties.class);
        return new SyncSteps(jobRepository, db.txManager, sync, db.errorLog);
    }

    private StepExecution run(Step step) throws Exception {
        JobParameters parameters = new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters();
        JobInstance instance = jobRepository.createJobInstance("productExportJob", parameters);
        JobExecution job = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        StepExecution execution = jobRepository.createStepExecution(step.getName(), job);
        step.execute(execution);
        return execution;
    }

    /** Sends nothing: accepts every item except "11", links them with the step execution it was given. */
    static final class RecordingWriter implements ItemWriter<String>, StepExecutionListener {
        private final SyncRecorder recorder;
        private StepExecution step;
        final List<Integer> chunkSizes = new ArrayList<>();

        RecordingWriter(SyncRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            step = stepExecution;
        }

        @Override
        public void write(Chunk<? extends String> chunk) {
            chunkSizes.add(chunk.size());
            List<SyncOutcome<String>> outcomes = new ArrayList<>();
            for (String id : chunk) {
                outcomes.add(id.equals("11")
                        ? SyncOutcome.rejected(id, SyncLink.rejected("ITEM", id, null, "C" + id, "h"), "Xero says no", "Code=C" + id)
                        : SyncOutcome.accepted(id, SyncLink.synced("ITEM", id, "x-" + id, "C" + id, "h")));
            }
            @SuppressWarnings("unchecked")
            Chunk<String> written = (Chunk<String>) chunk;
            recorder.record(step, written, outcomes);
        }
    }

    private static String invalidFourAndNine(String id) {
        if (id.equals("4") || id.equals("9")) {
            throw new InvalidRecordException(id, "product " + id + " has no price");
        }
        return id;
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    @Test
    void skipsInvalidRecordsIntoTheErrorLogAndCountsOnlyWhatXeroAccepted() throws Exception {
        RecordingWriter writer = new RecordingWriter(db.recorder);
        ProgressLogger<String, String> progress = new ProgressLogger<>(() -> 12, new io.cscartxero.xero.XeroCallMetrics(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        Step step = steps(5, 10).<String, String>step("productExportStep", "ITEM")
                .reader(new ListItemReader<>(ids(12)))
                .processor(SyncStepsTest::invalidFourAndNine)
                .writer(writer)
                .progress(progress)
                .build();

        StepExecution execution = run(step);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getReadCount()).isEqualTo(12);
        assertThat(execution.getProcessSkipCount()).isEqualTo(2);
        assertThat(execution.getWriteSkipCount()).isEqualTo(1);
        assertThat(execution.getWriteCount()).isEqualTo(9);
        assertThat(writer.chunkSizes).as("chunks of sync.chunk-size read items, less the skipped").containsExactly(4, 4, 2);
        assertThat(execution.getExecutionContext().getLong("progress.read")).isEqualTo(12);

        assertThat(db.errors()).extracting(ErrorLog.Row::cscartId, ErrorLog.Row::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("4", "product 4 has no price"),
                org.assertj.core.groups.Tuple.tuple("9", "product 9 has no price"),
                org.assertj.core.groups.Tuple.tuple("11", "Xero says no"));
        assertThat(db.errors()).allSatisfy(row -> {
            assertThat(row.jobExecutionId()).isEqualTo(execution.getJobExecutionId());
            assertThat(row.jobName()).isEqualTo("productExportJob");
            assertThat(row.stepName()).isEqualTo("productExportStep");
            assertThat(row.entity()).isEqualTo("ITEM");
        });
        assertThat(db.links("ITEM")).hasSize(10).doesNotContainKeys("4", "9");
        assertThat(db.links("ITEM").get("11").state()).isEqualTo(SyncLink.State.REJECTED);
    }

    @Test
    void moreInvalidRecordsThanTheSkipLimitFailTheStep() throws Exception {
        Step step = steps(5, 1).<String, String>step("productExportStep", "ITEM")
                .reader(new ListItemReader<>(ids(12)))
                .processor(SyncStepsTest::invalidFourAndNine)
                .writer(new RecordingWriter(db.recorder))
                .build();

        StepExecution execution = run(step);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(db.errors()).extracting(ErrorLog.Row::cscartId).contains("4").doesNotContain("11");
    }

    @Test
    void withoutAProcessorTheItemsReadAreWritten() throws Exception {
        RecordingWriter writer = new RecordingWriter(db.recorder);
        StepExecution execution = run(steps(50, 10).<String, String>step("orderBuyerStep", "CONTACT")
                .reader(new ListItemReader<>(ids(3))).writer(writer).build());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(writer.chunkSizes).containsExactly(3);
        assertThat(db.links("ITEM")).containsOnlyKeys("1", "2", "3");
    }

    @Test
    void processorThreadsKeepTheChunksOrderAndCountSkipsAndFilteredItems() throws Exception {
        RecordingWriter writer = new RecordingWriter(db.recorder);
        List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor executor = new org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setThreadNamePrefix("processor-");
        executor.initialize();
        try {
            Step step = steps(5, 10).<String, String>step("orderExportStep", "INVOICE")
                    .reader(new ListItemReader<>(ids(12)))
                    .processor(id -> {
                        threads.add(Thread.currentThread().getName());
                        return id.equals("6") ? null : invalidFourAndNine(id);   // 6 unchanged: filtered
                    })
                    .processorThreads(executor)
                    .writer(chunk -> {
                        written.addAll(chunk.getItems());
                        writer.write(chunk);
                    })
                    .listener(writer)
                    .build();

            StepExecution execution = run(step);

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(written).as("each chunk in the order read").containsExactly("1", "2", "3", "5", "7", "8", "10", "11", "12");
            assertThat(writer.chunkSizes).containsExactly(4, 3, 2);
            assertThat(execution.getReadCount()).isEqualTo(12);
            assertThat(execution.getProcessSkipCount()).isEqualTo(2);
            assertThat(execution.getFilterCount()).isEqualTo(1);
            assertThat(execution.getWriteCount()).isEqualTo(8);   // 11 is Xero's rejection
            assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("processor-"));
            assertThat(db.errors()).extracting(ErrorLog.Row::cscartId).containsExactlyInAnyOrder("4", "9", "11");
            assertThat(db.errors()).allSatisfy(row -> assertThat(row.stepName()).isEqualTo("orderExportStep"));
        } finally {
            executor.shutdown();
        }
    }
}
