package io.cscartxero.xero.auth;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What is stored about the connection, read without the encryption key: the organisation, when the access token
 * expires, whether a refresh token is held and when it was issued. Never the tokens.
 */
public record StoredConnection(String tenantId, String tenantName, String connectionId, Instant accessExpiresAt,
        boolean refreshTokenPresent, Instant refreshIssuedAt, Instant updatedAt) {

    /** Xero: "Unused refresh tokens expire after 60 days". */
    public static final Duration REFRESH_TOKEN_IDLE_LIFETIME = Duration.ofDays(60);

    /** When the refresh token expires if the connector does not use it before. */
    public Optional<Instant> refreshExpiresAt() {
        Instant issued = refreshIssuedAt != null ? refreshIssuedAt : updatedAt;
        return refreshTokenPresent && issued != null ? Optional.of(issued.plus(REFRESH_TOKEN_IDLE_LIFETIME)) : Optional.empty();
    }

    public static Optional<StoredConnection> load(JdbcTemplate jdbc) {
        return load(jdbc, TokenStore.CONNECTION);
    }

    /** @param connection {@code XeroProperties.connectionName()}: the tenant, or {@code default} */
    public static Optional<StoredConnection> load(JdbcTemplate jdbc, String connection) {
        return jdbc.query("SELECT tenant_id, tenant_name, connection_id, access_expires_at, refresh_token_enc, refresh_issued_at, updated_at "
                + "FROM xero_token WHERE connection_name = ?",
                rs -> rs.next() ? Optional.of(new StoredConnection(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4)), rs.getString(5) != null, instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))))
                        : Optional.<StoredConnection>empty(),
                connection);
    }

    /** The organisation chosen at {@code connect}, or empty (none, or no connector database yet). */
    public static Optional<String> storedTenantId(JdbcTemplate jdbc, String connection) {
        try {
            return load(jdbc, connection).map(StoredConnection::tenantId).filter(t -> !t.isBlank());
        } catch (DataAccessException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
