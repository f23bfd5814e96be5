package io.cscartxero.xero.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OAuth token set of the connection, encrypted ({@link TokenCipher}), in the connector database. Saved in its own transaction so a
 * rotated refresh token is durable before the new access token is used, whatever the chunk transaction does next.
 */
public class TokenStore {

    static final String CONNECTION = "default";
    private static final Logger log = LoggerFactory.getLogger(TokenStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate requiresNew;
    private final TokenCipher cipher;
    private final String connection;

    public TokenStore(JdbcTemplate jdbc, PlatformTransactionManager txManager, TokenCipher cipher) {
        this(jdbc, txManager, cipher, CONNECTION);
    }

    /** @param connection the row: {@code XeroProperties.connectionName()} (the tenant, or {@code default}) */
    public TokenStore(JdbcTemplate jdbc, PlatformTransactionManager txManager, TokenCipher cipher, String connection) {
        this.connection = connection;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.requiresNew = new TransactionTemplate(txManager);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The stored token set. Tokens still encrypted by the scheme before (a passphrase through PBKDF2-SHA1) are
     * re-encrypted with the 256-bit key on this first read, in the same transaction.
     */
    public Optional<TokenSet> load() {
        return requiresNew.execute(s -> {
            Optional<TokenSet> found = jdbc.query(
                    "SELECT salt, refresh_token_enc, access_token_enc, access_expires_at, tenant_id FROM xero_token WHERE connection_name = ?",
                    rs -> {
                        if (!rs.next()) {
                            return Optional.<TokenSet>empty();
                        }
                        String salt = rs.getString(1);
                        String refresh = rs.getString(2);
                        String access = rs.getString(3);
                        TokenSet tokens = new TokenSet(cipher.decrypt(salt, refresh), cipher.decrypt(salt, access),
                                rs.getTimestamp(4) == null ? Instant.EPOCH : rs.getTimestamp(4).toInstant(), rs.getString(5));
                        if (TokenCipher.isLegacy(refresh) || TokenCipher.isLegacy(access)) {
                            reencrypt(tokens);
                        }
                        return Optional.of(tokens);
                    },
                    connection);
            return found;
        });
    }

    private void reencrypt(TokenSet tokens) {
        jdbc.update("UPDATE xero_token SET salt = ?, refresh_token_enc = ?, access_token_enc = ? WHERE connection_name = ?",
                TokenCipher.newSalt(), cipher.encrypt(tokens.refreshToken()), cipher.encrypt(tokens.accessToken()), connection);
        log.info("Re-encrypted the stored Xero tokens with the 256-bit key ({}); xero.token-encryption-key (a passphrase) "
                + "is no longer needed", cipher.keys().source());
    }

    public void save(TokenSet tokens) {
        requiresNew.executeWithoutResult(s -> upsert(tokens));
    }

    private void upsert(TokenSet tokens) {
        String salt = TokenCipher.newSalt();
        Timestamp now = Timestamp.from(Instant.now());
        // tenant_id: the organisation chosen at connect stays; a refresh only fills it in when none is stored
        int updated = jdbc.update("UPDATE xero_token SET salt = ?, refresh_token_enc = ?, access_token_enc = ?, access_expires_at = ?, "
                + "tenant_id = COALESCE(tenant_id, ?), refresh_issued_at = ?, updated_at = ? WHERE connection_name = ?",
                salt, cipher.encrypt(tokens.refreshToken()), cipher.encrypt(tokens.accessToken()),
                Timestamp.from(tokens.accessExpiresAt()), tokens.tenantId(), now, now, connection);
        if (updated == 0) {
            jdbc.update("INSERT INTO xero_token (connection_name, salt, refresh_token_enc, access_token_enc, access_expires_at, tenant_id, "
                    + "refresh_issued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", connection, salt, cipher.encrypt(tokens.refreshToken()),
                    cipher.encrypt(tokens.accessToken()), Timestamp.from(tokens.accessExpiresAt()), tokens.tenantId(), now, now);
        }
    }

    /** {@code connect}: a new token set for the chosen organisation, replacing whatever was stored. */
    public void saveConnection(TokenSet tokens, String tenantName, String connectionId) {
        requiresNew.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM xero_token WHERE connection_name = ?", connection);
            upsert(tokens);
            jdbc.update("UPDATE xero_token SET tenant_name = ?, connection_id = ? WHERE connection_name = ?", tenantName, connectionId, connection);
        });
    }

    /** {@code disconnect}: forgets the tokens. */
    public void delete() {
        requiresNew.executeWithoutResult(s -> jdbc.update("DELETE FROM xero_token WHERE connection_name = ?", connection));
    }

    /** A token set; {@link #toString()} never shows the tokens. */
    public record TokenSet(String refreshToken, String accessToken, Instant accessExpiresAt, String tenantId) {
        @Override
        public String toString() {
            return "TokenSet[refreshToken=***, accessToken=***, accessExpiresAt=" + accessExpiresAt + ", tenantId=" + tenantId + "]";
        }
    }
}
