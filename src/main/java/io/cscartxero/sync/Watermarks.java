package io.cscartxero.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Named high-water marks of incremental reads (e.g. the last import's newest UpdatedDateUTC). */
@Repository
public class Watermarks {

    private final JdbcTemplate jdbc;

    public Watermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> get(String tenantId, String name) {
        return jdbc.query("SELECT value_utc FROM sync_watermark WHERE tenant_id = ? AND name = ?",
                rs -> rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant>empty(), tenantId, name);
    }

    /** Where an incremental read starts: the mark, or null (everything) for a full read or before the first run. */
    public Instant since(String tenantId, String name, Boolean full) {
        return Boolean.TRUE.equals(full) ? null : get(tenantId, name).orElse(null);
    }

    /** Moves the mark forward only (a late, older value never moves it back). */
    public void advance(String tenantId, String name, Instant value) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE sync_watermark SET value_utc = ?, updated_at = ? WHERE tenant_id = ? AND name = ? AND value_utc < ?",
                Timestamp.from(value), now, tenantId, name, Timestamp.from(value));
        if (updated == 0 && get(tenantId, name).isEmpty()) {
            jdbc.update("INSERT INTO sync_watermark (tenant_id, name, value_utc, updated_at) VALUES (?, ?, ?, ?)",
                    tenantId, name, Timestamp.from(value), now);
        }
    }
}
