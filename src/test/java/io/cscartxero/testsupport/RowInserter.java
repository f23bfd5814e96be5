package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Multi-row {@code INSERT} in chunks of {@value #ROWS_PER_INSERT} rows (or about {@value #MAX_BYTES} bytes of values,
 * whichever comes first). Checks every string against the column's character length and rejects 4-byte characters,
 * so that a violation is reported with table, column and value instead of a strict-mode truncation error or an
 * "Incorrect string value". {@code byte[]} values (blobs) are written as they are.
 */
final class RowInserter implements AutoCloseable {

    static final int ROWS_PER_INSERT = 500;
    static final int MAX_BYTES = 4 << 20;

    private final Connection c;
    private final String table;
    private final String[] columns;
    private final int[] maxLength;
    private final List<Object[]> rows = new ArrayList<>();
    private long bytes;
    private PreparedStatement full;
    private long rowsWritten;

    RowInserter(Connection c, String table, String... columns) throws SQLException {
        this.c = c;
        this.table = table;
        this.columns = columns;
        this.maxLength = new int[columns.length];
        Map<String, Integer> lengths = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH, DATA_TYPE"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, c.getCatalog()); // a literal lets the server open just this table
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(3).toLowerCase(Locale.ROOT);
                    boolean binary = type.contains("blob");
                    lengths.put(rs.getString(1).toLowerCase(Locale.ROOT), binary ? -1 : rs.getInt(2));
                }
            }
        }
        for (int i = 0; i < columns.length; i++) {
            Integer len = lengths.get(columns[i]);
            if (len == null) {
                throw new IllegalStateException("Table " + table + " has no column " + columns[i]);
            }
            maxLength[i] = len;
        }
    }

    void add(Object... values) throws SQLException {
        if (values.length != columns.length) {
            throw new IllegalArgumentException(table + ": " + values.length + " values for " + columns.length
                    + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof String s) {
                bytes += s.length() + 4;
                if (maxLength[i] > 0 && s.length() > maxLength[i]
                        && s.codePointCount(0, s.length()) > maxLength[i]) {
                    throw new IllegalStateException(table + "." + columns[i] + " holds " + maxLength[i]
                            + " characters, got " + s.codePointCount(0, s.length()) + ": " + s);
                }
                for (int k = 0; k < s.length(); k++) {
                    if (Character.isSurrogate(s.charAt(k))) {
                        throw new IllegalStateException(table + "." + columns[i] + " is utf8 (utf8mb3) and cannot"
                                + " hold 4-byte characters: " + s);
                    }
                }
            } else if (v instanceof byte[] b) {
                bytes += 2L * b.length + 10;
                if (maxLength[i] > 0 && b.length > maxLength[i]) {
                    throw new IllegalStateException(table + "." + columns[i] + " holds " + maxLength[i]
                            + " bytes, got " + b.length);
                }
            } else {
                bytes += 12;
            }
        }
        rows.add(values);
        if (rows.size() == ROWS_PER_INSERT || bytes >= MAX_BYTES) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        PreparedStatement ps;
        boolean reuse = rows.size() == ROWS_PER_INSERT;
        if (reuse) {
            if (full == null) {
                full = c.prepareStatement(sql(ROWS_PER_INSERT));
            }
            ps = full;
        } else {
            ps = c.prepareStatement(sql(rows.size()));
        }
        try {
            int p = 1;
            for (Object[] row : rows) {
                for (Object v : row) {
                    set(ps, p++, v);
                }
            }
            ps.executeUpdate();
        } finally {
            if (!reuse) {
                ps.close();
            }
        }
        rowsWritten += rows.size();
        rows.clear();
        bytes = 0;
    }

    /** Rows sent to the server so far. */
    long rowsWritten() {
        return rowsWritten;
    }

    /** Flushes and releases the cached statement. */
    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            if (full != null) {
                full.close();
                full = null;
            }
        }
    }

    private static void set(PreparedStatement ps, int p, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(p, Types.VARCHAR);
        } else if (v instanceof String s) {
            ps.setString(p, s);
        } else if (v instanceof Long l) {
            ps.setLong(p, l);
        } else if (v instanceof Integer i) {
            ps.setInt(p, i);
        } else if (v instanceof BigDecimal bd) {
            ps.setBigDecimal(p, bd);
        } else if (v instanceof byte[] b) {
            ps.setBytes(p, b);
        } else {
            ps.setObject(p, v);
        }
    }

    private String sql(int rowCount) {
        String placeholders = "(" + String.join(",", Collections.nCopies(columns.length, "?")) + ")";
        StringBuilder sb = new StringBuilder(64 + rowCount * (placeholders.length() + 1));
        sb.append("INSERT INTO ").append(table).append(" (").append(String.join(", ", columns)).append(") VALUES ");
        for (int i = 0; i < rowCount; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(placeholders);
        }
        return sb.toString();
    }
}
