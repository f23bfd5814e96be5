package io.cscartxero.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import io.cscartxero.infra.DataDirectory;
import io.cscartxero.sync.ReportFileNames;

/**
 * {@code reconcile --csv FILE}: a run's differences as RFC 4180 CSV (header row, CRLF, UTF-8; a value a spreadsheet
 * would read as a formula gets a leading {@code '}), written as the README's Security section says reports are: only
 * in the report directory ({@code sync.report-dir}, else {@code reports/} in the data directory; 0700), as a new
 * file 0600, never through a symbolic link, never with {@code ..} or outside the directory.
 */
public final class ReconcileCsv {

    private final Path directory;

    public ReconcileCsv(String configured, DataDirectory data) {
        Path dir = configured == null || configured.isBlank() ? data.path().resolve("reports") : Path.of(configured.trim());
        this.directory = dir.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** Writes the file; returns its path. @throws IllegalArgumentException naming why the name is refused */
    public Path write(String name, ReconcileReport.Run run, List<ReconcileReport.Row> rows) throws IOException {
        Path file = resolve(name);
        DataDirectory.createPrivateDirectories(directory);
        Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, options, DataDirectory.privateFileAttributes()))) {
            StringBuilder csv = new StringBuilder();
            line(csv, "run", "period_from", "period_until", "kind", "entity", "cscart_id", "xero_id", "xero_number", "store_value",
                    "xero_value", "amount", "repairable", "repaired_at", "message");
            for (ReconcileReport.Row r : rows) {
                Difference d = r.difference();
                line(csv, Long.toString(run.id()), text(run.periodFrom()), text(run.periodUntil()), d.kind().name(), d.entity(),
                        d.cscartId(), d.xeroId(), d.xeroNumber(), d.storeValue(), d.xeroValue(),
                        d.amount() == null ? "" : d.amount().toPlainString(), Boolean.toString(d.repairable()), text(r.repairedAt()),
                        d.message());
            }
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        DataDirectory.restrict(file);
        return file;
    }

    /** A file named relative to the directory (or absolute inside it), not existing, reached through no symbolic link. */
    public Path resolve(String name) {
        Path file = ReportFileNames.resolve(directory, name);
        if (!file.startsWith(directory) || file.equals(directory) || !directory.equals(file.getParent())) {
            throw new IllegalArgumentException("reports are written only in " + directory + " (sync.report-dir, SYNC_REPORT_DIR)");
        }
        if (Files.isSymbolicLink(directory)) {
            throw new IllegalArgumentException(directory + " is a symbolic link");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(file.getFileName() + " exists; a report is always a new file");
        }
        return file;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static void line(StringBuilder csv, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields[i]));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** A negative amount such as -5.00 is a number, not a formula. */
    private static boolean isNumber(String v) {
        return v.matches("-?\\d+(\\.\\d+)?");
    }
}
