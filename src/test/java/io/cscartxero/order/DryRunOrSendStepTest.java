package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** orderExportStep: one name, the dry run's chunk shape chosen by the job parameter {@code dryRun}. */
class DryRunOrSendStepTest {

    private final List<String> ran = new ArrayList<>();

    private Step step(String shape) {
        return new Step() {
            @Override
            public String getName() {
                return "orderExportStep";
            }

            @Override
            public void execute(StepExecution stepExecution) {
                ran.add(shape + ":" + stepExecution.getStepName());
            }
        };
    }

    private StepExecution execution(JobParameters parameters) {
        return MetaDataInstanceFactory.createStepExecution(parameters);
    }

    @Test
    void aDryRunRunsTheDryRunShapeAndAnythingElseTheSendingOne() throws Exception {
        Step step = new DryRunOrSendStep(step("send"), step("dry"));
        step.execute(execution(new JobParametersBuilder().addJobParameter("dryRun", Boolean.TRUE, Boolean.class).toJobParameters()));
        step.execute(execution(new JobParametersBuilder().addString("dryRun", "true").toJobParameters()));
        step.execute(execution(new JobParametersBuilder().addJobParameter("dryRun", Boolean.FALSE, Boolean.class).toJobParameters()));
        step.execute(execution(new JobParameters()));
        assertThat(ran).containsExactly("dry:step", "dry:step", "send:step", "send:step");
        assertThat(step.getName()).isEqualTo("orderExportStep");
    }

    @Test
    void bothShapesMustHaveTheOneName() {
        Step other = new Step() {
            @Override
            public String getName() {
                return "orderDryRunStep";
            }

            @Override
            public void execute(StepExecution stepExecution) {
            }
        };
        assertThatThrownBy(() -> new DryRunOrSendStep(step("send"), other)).isInstanceOf(IllegalArgumentException.class);
    }
}
