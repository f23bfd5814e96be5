package io.cscartxero.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and runs MySQL scripts (mysqldump style) over JDBC.
 *
 * <p>Unlike Spring's {@code ScriptUtils} it keeps MySQL's executable comments {@code /*!40101 ... *}{@code /} (they
 * carry {@code SET} statements in dumps) and understands backtick-quoted identifiers. {@code DELIMITER} is not
 * supported (no stored programs here).
 */
public final class SqlScripts {

    private SqlScripts() {
    }

    /** Reads a UTF-8 classpath resource. */
    public static String resource(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(p)) {
            if (in == null) {
                throw new IllegalArgumentException("Classpath resource not found: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits a script into statements at {@code ;} outside quotes and comments. Line comments ({@code -- },
     * {@code #}) and ordinary block comments are dropped; executable comments {@code /*! ... *}{@code /} are kept.
     * Empty statements are skipped.
     */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(script, i, c);
                cur.append(script, i, end);
                i = end;
            } else if ((c == '-' && next == '-' && (i + 2 >= n || Character.isWhitespace(script.charAt(i + 2))))
                    || c == '#') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                if (i + 2 < n && script.charAt(i + 2) == '!') {
                    cur.append(script, i, end);
                } else {
                    cur.append(' ');
                }
                i = end;
            } else if (c == ';') {
                add(out, cur);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        add(out, cur);
        return out;
    }

    private static int endOfQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("Unterminated " + quote + " quote starting at offset " + start);
    }

    private static void add(List<String> out, StringBuilder cur) {
        String stmt = cur.toString().strip();
        if (!stmt.isEmpty()) {
            out.add(stmt);
        }
        cur.setLength(0);
    }

    /** Runs every statement of {@code script} on {@code connection}, in order; fails on the first error. */
    public static void execute(Connection connection, String script) {
        try (Statement st = connection.createStatement()) {
            for (String sql : split(script)) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("SQL failed: " + e.getMessage() + "\n" + abbreviate(sql), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String sql) {
        return sql.length() <= 2000 ? sql : sql.substring(0, 2000) + " ...";
    }
}
