package io.cscartxero.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

/**
 * The operator's schedule for {@code serve}, read from a properties file in {@code jobs/} (see
 * jobs/schedule.properties): how often changes are looked for and which jobs follow them, and when the nightly
 * full reconciliation runs.
 */
public record Schedule(Duration changeEvery, List<String> changeJobs, String nightlyCron, List<String> nightlyJobs) {

    public Schedule {
        if (changeEvery.isNegative() || changeEvery.isZero()) {
            throw new IllegalArgumentException("change.every must be positive");
        }
        if (!CronExpression.isValidExpression(nightlyCron)) {
            throw new IllegalArgumentException("nightly.cron is not a valid cron expression (second minute hour day month weekday): " + nightlyCron);
        }
    }

    public static Schedule read(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the schedule " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return new Schedule(DurationStyle.detectAndParse(p.getProperty("change.every", "5m").strip()),
                ParameterLists.strings(p.getProperty("change.jobs", "customerExportJob,productExportJob,orderExportJob,paymentExportJob,refundExportJob")),
                p.getProperty("nightly.cron", "0 0 2 * * *").strip(),
                ParameterLists.strings(p.getProperty("nightly.jobs", "customerExportJob,productExportJob,orderExportJob,paymentExportJob,refundExportJob")));
    }
}
