package io.cscartxero.console;

/**
 * The error log as CSV, as {@code errors --csv} writes it: RFC 4180 (header row, CRLF, every field quoted, quotes
 * doubled), and a value a spreadsheet would read as a formula ({@code = + - @}, tab, CR) gets a leading {@code '}.
 */
final class ErrorsCsv {

    static final String HEADER = line("time", "execution", "job", "step", "entity", "cscart_id", "xero_id", "message", "payload");

    private ErrorsCsv() {
    }

    static String row(ConsoleQueries.ErrorRow r) {
        return line(r.createdAt().toString(), Long.toString(r.jobExecutionId()), r.jobName(), r.stepName(), r.entity(), r.cscartId(),
                r.xeroId(), r.message(), r.payloadSummary());
    }

    static String line(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i] == null ? "" : fields[i];
            if (!f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0) {
                f = "'" + f;
            }
            sb.append('"').append(f.replace("\"", "\"\"")).append('"');
        }
        return sb.append("\r\n").toString();
    }
}
