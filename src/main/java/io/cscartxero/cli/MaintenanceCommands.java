package io.cscartxero.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cscartxero.ops.HistoryPurge;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sync.ErrorLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/** Housekeeping: the error log as CSV ({@code errors --csv}) and {@code purge} of old history. */
final class MaintenanceCommands {

    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MaintenanceCommands() {
    }

    /**
     * The error log as RFC 4180 CSV: a header row, CRLF line ends, every field that holds a comma, quote, CR or LF
     * quoted with inner quotes doubled. A value that a spreadsheet would take for a formula (starting with =, +, -,
     * @, tab or CR: customer data can) gets a leading apostrophe, so opening the file never runs anything.
     */
    static int printErrorsCsv(List<ErrorLog.Row> rows, PrintStream out) {
        return printErrorsCsv(rows, false, out);
    }

    /** @param tenants with a last column {@code tenant} (tenants are configured) */
    static int printErrorsCsv(List<ErrorLog.Row> rows, boolean tenants, PrintStream out) {
        if (tenants) {
            csvLine(out, "id", "time_utc", "execution", "job", "step", "entity", "cscart_id", "xero_id", "message", "payload", "tenant");
        } else {
            csvLine(out, "id", "time_utc", "execution", "job", "step", "entity", "cscart_id", "xero_id", "message", "payload");
        }
        for (ErrorLog.Row r : rows) {
            if (tenants) {
                csvLine(out, Long.toString(r.id()), CSV_TIME.format(r.createdAt()), Long.toString(r.jobExecutionId()), r.jobName(),
                        r.stepName(), r.entity(), r.cscartId(), r.xeroId(), r.message(), r.payloadSummary(), r.tenant());
            } else {
                csvLine(out, Long.toString(r.id()), CSV_TIME.format(r.createdAt()), Long.toString(r.jobExecutionId()), r.jobName(),
                        r.stepName(), r.entity(), r.cscartId(), r.xeroId(), r.message(), r.payloadSummary());
            }
        }
        out.flush();
        return JobLaunchService.EXIT_COMPLETED;
    }

    private static void csvLine(PrintStream out, String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvField(fields[i]));
        }
        out.print(line.append("\r\n"));
    }

    static String csvField(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([dhw])", Pattern.CASE_INSENSITIVE);

    /** {@code 90d}, {@code 12h}, {@code 2w}, or ISO-8601 ({@code P90D}, {@code PT12H}). */
    static Duration parseAge(String text) {
        Matcher m = AGE.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "h" -> Duration.ofHours(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--older-than takes an age such as 90d, 12h, 2w or P90D, not '" + text + "'");
        }
    }

    @Command(name = "purge", description = "Delete error-log rows and Spring Batch history (executions with their steps, "
            + "contexts and parameters; instances left without executions) older than an age. Keeps the links, executions "
            + "that have not ended and the last execution of every job.")
    static final class Purge implements Cli.ConnectorDatabaseCommand {

        @Option(names = "--older-than", required = true, paramLabel = "<age>", description = "e.g. 90d, 12h, 2w, P90D")
        String olderThan;

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            Duration age;
            try {
                age = parseAge(olderThan);
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage());
                return JobLaunchService.EXIT_USAGE;
            }
            if (age.isNegative() || age.isZero()) {
                out.println("--older-than must be a positive age, e.g. 90d");
                return JobLaunchService.EXIT_USAGE;
            }
            Instant cutoff = Instant.now().minus(age);
            HistoryPurge.Result r = app.getBean(HistoryPurge.class).purgeOlderThan(cutoff);
            out.println("Purged what is older than " + olderThan.trim() + " (before " + ConnectionCommands.time(cutoff) + "):");
            out.printf("  error log rows           %d%n", r.errorRows());
            out.printf("  job executions           %d%n", r.jobExecutions());
            out.printf("  step executions          %d%n", r.stepExecutions());
            out.printf("  execution contexts       %d%n", r.executionContexts());
            out.printf("  execution parameters     %d%n", r.parameters());
            out.printf("  job instances            %d%n", r.jobInstances());
            out.printf("Kept: all %d links, executions that have not ended, and the last execution of every job.%n", r.linksKept());
            return JobLaunchService.EXIT_COMPLETED;
        }
    }
}
