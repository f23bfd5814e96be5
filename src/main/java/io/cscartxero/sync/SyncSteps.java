package io.cscartxero.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one shape of every step of every job: a fault-tolerant chunk step of {@code sync.chunk-size} items (one Xero
 * write call per chunk) in the connector database's transaction, where a record with bad data
 * ({@link InvalidRecordException}, thrown by a reader or processor) is skipped, up to {@code sync.skip-limit}, into the
 * error log as a row of the step's entity. Xero's own rejections are data the writers record ({@link SyncRecorder}),
 * not exceptions. A job configuration then says only what is particular to the step:
 * <pre>{@code
 * return steps.<CsCartCustomer, ContactSyncItem>step("customerExportStep", "CONTACT")
 *         .reader(customerReader)
 *         .processor(customerToContactProcessor)
 *         .writer(writer)
 *         .progress(customerProgress)
 *         .build();
 * }</pre>
 * Readers, processors and writers that are {@code ItemStream}s or step listeners are registered as such by Spring
 * Batch; other listeners (the progress log, a watermark, a pre-flight) are named with {@link Builder#listener}.
 */
@Component
public class SyncSteps {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager txManager;
    private final SyncProperties sync;
    private final ErrorLog errorLog;

    public SyncSteps(JobRepository jobRepository, PlatformTransactionManager txManager, SyncProperties sync, ErrorLog errorLog) {
        this.jobRepository = jobRepository;
        this.txManager = txManager;
        this.sync = sync;
        this.errorLog = errorLog;
    }

    /**
     * @param name   the step's name (part of the restart state: never rename a step)
     * @param entity the entity its skipped records are logged as ({@code CONTACT}, {@code ITEM}, {@code INVOICE}, ...)
     */
    public <I, O> Builder<I, O> step(String name, String entity) {
        return new Builder<>(name, entity);
    }

    /** The particulars of one step: reader, optional processor, writer and extra listeners. */
    public final class Builder<I, O> {

        private final String name;
        private final String entity;
        private ItemReader<? extends I> reader;
        private ItemProcessor<? super I, ? extends O> processor;
        private ItemWriter<? super O> writer;
        private final List<StepListener> listeners = new ArrayList<>();
        private int chunkSize;
        private AsyncTaskExecutor processorThreads;

        private Builder(String name, String entity) {
            this.name = name;
            this.entity = entity;
            this.chunkSize = sync.chunkSize();
        }

        /**
         * Items per chunk (one transaction, one state save) instead of {@code sync.chunk-size}: only for a step that
         * sends nothing to Xero (a chunk is otherwise one write call), such as a dry run.
         */
        public Builder<I, O> chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * Spring Batch's concurrent chunk processing: the items of a chunk go through the processor on these threads
         * (reading, writing and the commit stay on the step's thread, in the chunk's order). Only for a processor that
         * is thread-safe and reads nothing of the chunk's transaction.
         */
        public Builder<I, O> processorThreads(AsyncTaskExecutor executor) {
            this.processorThreads = executor;
            return this;
        }

        public Builder<I, O> reader(ItemReader<? extends I> reader) {
            this.reader = reader;
            return this;
        }

        /** Optional: without one, the items read are the items written. */
        public Builder<I, O> processor(ItemProcessor<? super I, ? extends O> processor) {
            this.processor = processor;
            return this;
        }

        public Builder<I, O> writer(ItemWriter<? super O> writer) {
            this.writer = writer;
            return this;
        }

        /** The step's progress log line per chunk. */
        public Builder<I, O> progress(ProgressLogger<I, O> progress) {
            return listener(progress);
        }

        /** Any other step listener (step execution, chunk, read, process, write or skip callbacks). */
        public Builder<I, O> listener(StepListener listener) {
            listeners.add(listener);
            return this;
        }

        public Step build() {
            ChunkOrientedStepBuilder<I, O> builder = new StepBuilder(name, jobRepository)
                    .<I, O>chunk(chunkSize)
                    .transactionManager(txManager)
                    .reader(reader);
            if (processor != null) {
                builder.processor(processor);
            }
            if (processorThreads != null) {
                builder.taskExecutor(processorThreads);
            }
            builder.writer(writer)
                    .faultTolerant()
                    .skipPolicy(new LimitCheckingExceptionHierarchySkipPolicy(Set.of(InvalidRecordException.class), sync.skipLimit()))
                    // a skip listener and a step listener (it learns the step execution its rows belong to)
                    .listener((StepListener) new ErrorLogSkipListener<I, O>(errorLog, entity));
            listeners.forEach(builder::listener);
            return builder.build();
        }
    }
}
