package io.cscartxero.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JobParametersTest {

    static final JobSpec SPEC = new JobSpec("customerExportJob", "export",
            Map.of("userIds", String.class, "since", LocalDate.class, "full", Boolean.class));

    @Test
    void parametersAreTypedAndEveryRunIsANewInstance() {
        var params = JobLaunchService.toJobParameters(SPEC, Map.of("since", "2026-01-31", "full", "true", "userIds", "1,2"));
        assertThat(params.getParameter("since").value()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(params.getParameter("full").value()).isEqualTo(Boolean.TRUE);
        assertThat(params.getString("userIds")).isEqualTo("1,2");
        assertThat(params.getLong("run.id")).isNotNull();
    }

    @Test
    void unknownOrMalformedParametersAreUsageErrors() {
        assertThatThrownBy(() -> JobLaunchService.toJobParameters(SPEC, Map.of("startDate", "2026-01-01")))
                .hasMessageContaining("Unknown parameter 'startDate'").hasMessageContaining("since");
        assertThatThrownBy(() -> JobLaunchService.toJobParameters(SPEC, Map.of("since", "31/01/2026")))
                .hasMessageContaining("yyyy-mm-dd");
        assertThatThrownBy(() -> JobLaunchService.toJobParameters(SPEC, Map.of("full", "yes")))
                .hasMessageContaining("full=yes");
    }
}
