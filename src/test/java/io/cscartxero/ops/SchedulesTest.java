package io.cscartxero.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule file's per-tenant overlay: {@code tenants.<name>.<key>} over the un-prefixed keys. */
class SchedulesTest {

    private static Schedules parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Schedules.parse(p);
    }

    @Test
    void aTenantOverridesOnlyTheKeysItSetsAndFallsBackToTheOthers() {
        Schedules schedules = parse("""
                change.every=5m
                change.jobs=customerExportJob,orderExportJob
                nightly.cron=0 0 2 * * *
                nightly.jobs=customerExportJob,productExportJob
                tenants.shop2.nightly.cron=0 0 3 * * *
                tenants.shop2.change.every=15m
                tenants.shop2.change.jobs=customerExportJob
                tenants.shop3.nightly.jobs=
                """);
        Schedule all = new Schedule(Duration.ofMinutes(5), List.of("customerExportJob", "orderExportJob"), "0 0 2 * * *",
                List.of("customerExportJob", "productExportJob"));
        assertThat(schedules.defaults()).isEqualTo(all);
        assertThat(schedules.of("shop1")).isEqualTo(all);   // no keys of its own: the un-prefixed ones
        assertThat(schedules.of("shop2")).isEqualTo(new Schedule(Duration.ofMinutes(15), List.of("customerExportJob"),
                "0 0 3 * * *", List.of("customerExportJob", "productExportJob")));
        assertThat(schedules.of("shop3")).isEqualTo(new Schedule(Duration.ofMinutes(5), all.changeJobs(), "0 0 2 * * *", List.of()));
        assertThat(schedules.tenants()).containsOnlyKeys("shop2", "shop3");
        assertThat(schedules.unknownTenant(List.of("shop1", "shop2", "shop3"))).isNull();
    }

    @Test
    void aFileWithoutTenantsIsTheScheduleOfBeforeAndAbsentKeysAreTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("schedule.properties");
        Files.writeString(file, "change.every=30s\n");
        Schedules schedules = Schedules.read(file);
        assertThat(schedules.tenants()).isEmpty();
        assertThat(schedules.unknownTenant(List.of())).isNull();
        assertThat(Schedule.read(file)).isEqualTo(new Schedule(Duration.ofSeconds(30), Schedule.ALL_JOBS, "0 0 2 * * *", Schedule.ALL_JOBS));
        // the shipped file (tenant lines commented out) reads as it did
        assertThat(Schedules.read(Path.of("jobs/schedule.properties")).tenants()).isEmpty();
    }

    @Test
    void aTenantThatIsNotConfiguredIsRefusedWithOneLine() {
        Schedules schedules = parse("tenants.shop9.change.every=1m\ntenants.shop2.change.every=2m\n");
        String line = schedules.unknownTenant(List.of("shop1", "shop2"));
        assertThat(line).isEqualTo("tenants.shop9.*: Unknown tenant 'shop9'. Configured tenants: shop1, shop2").doesNotContain("\n");
        assertThat(schedules.unknownTenant(List.of())).contains("Unknown tenant 'shop2'", "(none: no tenants.<name>.* keys)");
    }

    @Test
    void anInvalidValueIsRefusedNamingItsKeyWithoutEchoingTheValue(@TempDir Path dir) throws IOException {
        String secret = "Xs3cr3t-client-Secret";
        assertThatThrownBy(() -> parse("tenants.shop2.change.every=" + secret))
                .hasMessage("tenants.shop2.change.every is not a duration (5m, 30s, PT5M)");
        assertThatThrownBy(() -> parse("tenants.shop2.change.every=0s")).hasMessage("tenants.shop2.change.every must be positive");
        assertThatThrownBy(() -> parse("tenants.shop2.nightly.cron=" + secret))
                .hasMessageStartingWith("tenants.shop2.nightly.cron is not a valid cron expression").hasMessageNotContaining(secret);
        assertThatThrownBy(() -> parse("tenants.shop2.nightly.jobs=orderExportJob," + secret))
                .hasMessageStartingWith("tenants.shop2.nightly.jobs is not a comma-separated list of job names").hasMessageNotContaining(secret);
        assertThatThrownBy(() -> parse("nightly.cron=" + secret))
                .hasMessageStartingWith("nightly.cron is not a valid cron expression").hasMessageNotContaining(secret);
        // a configuration key pasted into the schedule: named, its value not shown
        assertThatThrownBy(() -> parse("tenants.shop2.xero.client-secret=" + secret))
                .hasMessageStartingWith("tenants.shop2.xero.client-secret is not a schedule key").hasMessageNotContaining(secret);
        assertThatThrownBy(() -> parse("tenants.shop2.cscart.timezone=Pacific/Auckland"))
                .hasMessageContaining("its store time zone is tenants.shop2.cscart.timezone in the configuration");
        assertThatThrownBy(() -> parse("tenants.Shop_2.change.every=1m")).hasMessageContaining("Tenant name 'Shop_2' is not valid");
        assertThatThrownBy(() -> parse("tenants.shop2=1m")).hasMessageStartingWith("tenants.shop2 is not a schedule key");

        Path file = dir.resolve("schedule.properties");
        Files.writeString(file, "change.every=5m\ntenants.shop2.change.every=" + secret + "\n");
        assertThatThrownBy(() -> Schedules.read(file))
                .hasMessage("The schedule " + file + ": tenants.shop2.change.every is not a duration (5m, 30s, PT5M)");
    }
}
