package io.cscartxero.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Who did what in the console and when ({@code console_audit}); one row per action, written at once. */
@Repository
@ConditionalOnConsole
public class ConsoleAudit {

    public static final String LOGIN = "LOGIN";
    public static final String LOGIN_REFUSED = "LOGIN_REFUSED";
    /** A user name or address locked after repeated failed sign-ins (LoginThrottle). */
    public static final String LOGIN_LOCKED = "LOGIN_LOCKED";
    /** A sign-in refused, its password unchecked, because the user name or the address is locked. */
    public static final String LOGIN_THROTTLED = "LOGIN_THROTTLED";
    public static final String LOGOUT = "LOGOUT";
    public static final String RUN = "RUN";
    public static final String RESTART = "RESTART";
    public static final String STOP = "STOP";
    public static final String CHECK = "CHECK";
    public static final String CONNECT = "CONNECT";
    public static final String DISCONNECT = "DISCONNECT";
    public static final String CSV_DOWNLOAD = "CSV_DOWNLOAD";

    private final JdbcTemplate jdbc;

    public ConsoleAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Entry(long id, Instant at, String username, String action, String detail, String remoteAddr, String outcome) {
    }

    public void record(String username, String action, String detail, HttpServletRequest request, String outcome) {
        recordFrom(username, action, detail, request == null ? null : request.getRemoteAddr(), outcome);
    }

    public void recordFrom(String username, String action, String detail, String remoteAddr, String outcome) {
        jdbc.update("INSERT INTO console_audit (at, username, action, detail, remote_addr, outcome) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()), cut(username == null || username.isBlank() ? "(none)" : username, 100), action,
                cut(detail, 1000), cut(remoteAddr, 64), cut(outcome, 1000));
    }

    public List<Entry> recent(int limit) {
        return jdbc.query("SELECT id, at, username, action, detail, remote_addr, outcome FROM console_audit ORDER BY id DESC LIMIT ?",
                (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), limit);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
