package io.cscartxero.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

/**
 * The operator's schedule for {@code serve}, read from a properties file in {@code jobs/} (see
 * jobs/schedule.properties): how often changes are looked for and which jobs follow them, and when the nightly
 * full reconciliation runs. With tenants, {@link Schedules} holds one per tenant.
 */
public record Schedule(Duration changeEvery, List<String> changeJobs, String nightlyCron, List<String> nightlyJobs) {

    /** The schedule keys, each overridable per tenant ({@code tenants.<name>.<key>}). */
    public static final List<String> KEYS = List.of("change.every", "change.jobs", "nightly.cron", "nightly.jobs");
    static final List<String> ALL_JOBS = List.of("customerExportJob", "productExportJob", "orderExportJob", "paymentExportJob", "refundExportJob");
    /** What a key absent from the file means. */
    static final Schedule DEFAULTS = new Schedule(Duration.ofMinutes(5), ALL_JOBS, "0 0 2 * * *", ALL_JOBS);
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    public Schedule {
        if (changeEvery.isNegative() || changeEvery.isZero()) {
            throw new IllegalArgumentException("change.every must be positive");
        }
        if (!CronExpression.isValidExpression(nightlyCron)) {
            throw new IllegalArgumentException("nightly.cron is not a valid cron expression (second minute hour day month weekday): " + nightlyCron);
        }
        changeJobs = List.copyOf(changeJobs);
        nightlyJobs = List.copyOf(nightlyJobs);
    }

    /** The schedule without tenants (the file's un-prefixed keys); see {@link Schedules#read} for tenants. */
    public static Schedule read(Path file) {
        return Schedules.read(file).defaults();
    }

    /**
     * The keys {@code prefix + key} of {@code p}, each absent one taken from {@code fallback}. An invalid value is
     * refused naming its key, never echoing the value (a secret pasted on the wrong line stays out of the logs).
     */
    static Schedule from(Properties p, String prefix, Schedule fallback) {
        String every = p.getProperty(prefix + "change.every");
        String changeJobs = p.getProperty(prefix + "change.jobs");
        String cron = p.getProperty(prefix + "nightly.cron");
        String nightlyJobs = p.getProperty(prefix + "nightly.jobs");
        return new Schedule(every == null ? fallback.changeEvery() : duration(prefix + "change.every", every),
                changeJobs == null ? fallback.changeJobs() : jobs(prefix + "change.jobs", changeJobs),
                cron == null ? fallback.nightlyCron() : cron(prefix + "nightly.cron", cron),
                nightlyJobs == null ? fallback.nightlyJobs() : jobs(prefix + "nightly.jobs", nightlyJobs));
    }

    private static Duration duration(String key, String value) {
        Duration d;
        try {
            d = DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a duration (5m, 30s, PT5M)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return d;
    }

    private static String cron(String key, String value) {
        String cron = value.strip();
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException(key + " is not a valid cron expression (second minute hour day-of-month month day-of-week, e.g. 0 0 2 * * *)");
        }
        return cron;
    }

    private static List<String> jobs(String key, String value) {
        List<String> jobs = ParameterLists.strings(value);
        if (!jobs.stream().allMatch(j -> JOB_NAME.matcher(j).matches())) {
            throw new IllegalArgumentException(key + " is not a comma-separated list of job names (e.g. customerExportJob,orderExportJob)");
        }
        return jobs;
    }
}
