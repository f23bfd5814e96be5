package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.xero.auth.TokenCipher;
import io.cscartxero.xero.auth.TokenKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.encrypt.Encryptors;

/**
 * The stored tokens are encrypted with a random 256-bit key (AES-256-GCM, {@code v1:} values), from
 * {@code xero.token-encryption-key} when it holds one or from a 0600 key file that {@code keygen} or the first stored
 * token creates; never with a key stretched from whatever passphrase is configured. Tokens stored by the scheme before
 * (a passphrase through PBKDF2-SHA1 at 1,024 iterations) are re-encrypted on first use.
 */
class TokenKeyTest {

    /** What the scheme before (TokenCipher up to issue 11: {@code Encryptors.delux(passphrase, salt)}) stored. */
    static final String OLD_PASSPHRASE = "issue-10 passphrase 0123456789";
    static final String OLD_SALT = "40d1cfbcc6b84854";
    static final String OLD_REFRESH = "160cfe7832749e9ec9d45959e87f51c79bd89e022528a7dc04506702a27068af1bbcc24eeef246d0b33c98d7db6e41ba85cbbfabc31a9ade7dd21df3df";
    static final String OLD_ACCESS = "a45ee0625817e5cfbed82314236cb9ee542d7c19cf1fb0095bb11008fbd288f5e4547983e32b8680aba80720ed16f8f562c97e35ca48c0748ca11be5";

    private SecretFlows flows;

    @AfterEach
    void close() {
        if (flows != null) {
            flows.close();
        }
    }

    private JdbcTemplate connectorDb() {
        Map<String, String> p = flows.harness.properties();
        return new JdbcTemplate(new DriverManagerDataSource(flows.harness.connectorUrl, p.get("spring.datasource.username"),
                p.get("spring.datasource.password")));
    }

    private Path keyFile() {
        return Path.of(flows.harness.properties().get("xero.token-key-file"));
    }

    private static void assertOwnerOnly(Path file) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    private static byte[] keyIn(Path file) throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        assertThat(key).hasSize(32);
        return key;
    }

    /**
     * The race behind a rare "Address already in use": the callback port is probed free, released, and bound by
     * connect later; another process (e.g. a chromedriver started by Selenium, which picks its ports the same way)
     * may take it in between. Reproduced here by taking it on purpose: connect fails to bind and the flow runs again
     * on another port; the tokens are stored.
     */
    @Test
    void aCallbackPortTakenAfterItWasProbedCostsOneRetryNotTheTest() throws Exception {
        flows = new SecretFlows(null);
        String probed = flows.redirectUri;
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(java.net.URI.create(probed).getPort(), 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertThat(flows.connect().exit()).isZero();
        }
        assertThat(flows.redirectUri).isNotEqualTo(probed);
        assertThat(flows.commandOutput).contains("Cannot listen on");
        assertThat(connectorDb().queryForObject("SELECT COUNT(*) FROM xero_token", Long.class)).isEqualTo(1L);
    }

    @Test
    void aWeakPassphraseNoLongerProtectsTheTokensARandomKeyInA0600FileDoes() throws Exception {
        flows = new SecretFlows("aaaaaaaaaaaaaaaa");
        assertThat(flows.connect().exit()).isZero();

        Map<String, Object> row = connectorDb().queryForMap("SELECT salt, refresh_token_enc, access_token_enc FROM xero_token");
        String refreshEnc = (String) row.get("refresh_token_enc");
        String accessEnc = (String) row.get("access_token_enc");
        assertThat(refreshEnc).startsWith("v1:");
        assertThat(accessEnc).startsWith("v1:");
        // whoever guesses the passphrase learns nothing: it is not what encrypted the tokens
        assertThatThrownBy(() -> Encryptors.delux("aaaaaaaaaaaaaaaa", (String) row.get("salt")).decrypt(refreshEnc))
                .isInstanceOf(RuntimeException.class);
        // the key is the 256-bit random one of the key file, created 0600 on the first stored token
        assertOwnerOnly(keyFile());
        keyIn(keyFile());
        String access = new TokenCipher(TokenKeys.of("", keyFile())).decrypt((String) row.get("salt"), accessEnc);
        RecordedRequest connections = flows.harness.sandbox.stats().requests().stream()
                .filter(r -> r.path().equals("/connections")).findFirst().orElseThrow();
        assertThat(connections.header("authorization")).isEqualTo("Bearer " + access);
        assertThat(refreshEnc).doesNotContain(access);
    }

    @Test
    void keygenWritesANew0600KeyFileAndNeverReplacesIt(@TempDir Path dir) throws Exception {
        flows = new SecretFlows(null);
        Path file = dir.resolve("secrets").resolve("token.key");
        flows.harness.set("xero.token-key-file", file.toString());

        SecretFlows.Result keygen = flows.cli("keygen");
        assertThat(keygen.exit()).as(keygen.out()).isZero();
        assertThat(keygen.out()).contains("Wrote a new 256-bit token encryption key to " + file.toAbsolutePath());
        assertOwnerOnly(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        byte[] key = keyIn(file);
        assertThat(keygen.out()).doesNotContain(Base64.getEncoder().encodeToString(key));

        SecretFlows.Result again = flows.cli("keygen");
        assertThat(again.exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(again.out()).contains("exists already");
        assertThat(keyIn(file)).isEqualTo(key);

        // the key is the one connect then encrypts with
        assertThat(flows.connect().exit()).isZero();
        Map<String, Object> row = connectorDb().queryForMap("SELECT salt, refresh_token_enc FROM xero_token");
        assertThat(new TokenCipher(Base64.getEncoder().encodeToString(key))
                .decrypt((String) row.get("salt"), (String) row.get("refresh_token_enc"))).isNotBlank();

        // --stdout: the key and nothing else, for XERO_TOKEN_ENCRYPTION_KEY
        SecretFlows.Result printed = flows.cli("keygen", "--stdout");
        assertThat(printed.exit()).isZero();
        List<String> lines = printed.out().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(Base64.getDecoder().decode(lines.get(0))).hasSize(32);
    }

    @Test
    void aKeyLikeValueThatIsNot256BitsIsRefused() {
        flows = new SecretFlows("p0fJkT0yqk7sH1o0rW8m4G2vQ9eXc3bN5dL6aZ1uY2");   // 42 characters: 31 bytes
        SecretFlows.Result connect = flows.cli("connect");
        assertThat(connect.exit()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(connect.out()).contains("not a 256-bit key");
    }

    @Test
    void aCiphertextOfTheSchemeBeforeIsReadWithItsPassphraseOnly(@TempDir Path dir) {
        TokenCipher withPassphrase = new TokenCipher(TokenKeys.of(OLD_PASSPHRASE, dir.resolve("token.key")));
        assertThat(withPassphrase.decrypt(OLD_SALT, OLD_REFRESH)).isEqualTo("old-scheme-refresh-token-7f3a");
        assertThat(withPassphrase.decrypt(OLD_SALT, OLD_ACCESS)).isEqualTo("old-scheme-access-token-9c1e");
        assertThat(TokenCipher.isLegacy(OLD_REFRESH)).isTrue();
        assertThat(withPassphrase.encrypt("old-scheme-refresh-token-7f3a")).startsWith("v1:");

        TokenCipher withKeyOnly = new TokenCipher(TokenKeys.of(TokenKeys.encode(TokenKeys.generate()), null));
        assertThatThrownBy(() -> withKeyOnly.decrypt(OLD_SALT, OLD_REFRESH)).hasMessageContaining("passphrase")
                .hasMessageContaining("xero.token-encryption-key");
    }

    @Test
    void tokensStoredByTheSchemeBeforeAreReEncryptedOnFirstUse() throws Exception {
        flows = new SecretFlows(OLD_PASSPHRASE);
        new StoreGenerator(flows.harness.cscart.dataSource(), ConnectorHarness.PREFIX, 71L).customers(4);
        assertThat(flows.connect().exit()).isZero();
        // make the store look like one written before the upgrade: the old scheme's ciphertexts, no key file
        JdbcTemplate db = connectorDb();
        Map<String, Object> row = db.queryForMap("SELECT salt, refresh_token_enc, access_token_enc FROM xero_token");
        TokenCipher current = new TokenCipher(TokenKeys.of("", keyFile()));
        String refresh = current.decrypt((String) row.get("salt"), (String) row.get("refresh_token_enc"));
        String access = current.decrypt((String) row.get("salt"), (String) row.get("access_token_enc"));
        String salt = TokenCipher.newSalt();
        db.update("UPDATE xero_token SET salt = ?, refresh_token_enc = ?, access_token_enc = ?, access_expires_at = ?", salt,
                Encryptors.delux(OLD_PASSPHRASE, salt).encrypt(refresh), Encryptors.delux(OLD_PASSPHRASE, salt).encrypt(access),
                Timestamp.from(Instant.now().minusSeconds(5)));
        Files.delete(keyFile());

        // the first job reads them with the passphrase, re-encrypts them with a new key file, refreshes and rotates
        SecretFlows.Result run = flows.cli("run", "customerExportJob");
        assertThat(run.exit()).as(run.out()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        RecordedRequest refreshCall = flows.harness.sandbox.stats().requests().stream()
                .filter(r -> r.path().equals("/connect/token")).reduce((a, b) -> b).orElseThrow();
        assertThat(SecretFlows.formValue(refreshCall, "grant_type")).isEqualTo("refresh_token");
        assertThat(SecretFlows.formValue(refreshCall, "refresh_token")).isEqualTo(refresh);

        assertOwnerOnly(keyFile());
        Map<String, Object> migrated = db.queryForMap("SELECT salt, refresh_token_enc, access_token_enc FROM xero_token");
        assertThat((String) migrated.get("refresh_token_enc")).startsWith("v1:");
        assertThat((String) migrated.get("access_token_enc")).startsWith("v1:");
        // readable with the key alone: the passphrase is no longer needed
        TokenCipher keyOnly = new TokenCipher(TokenKeys.of("", keyFile()));
        assertThat(keyOnly.decrypt((String) migrated.get("salt"), (String) migrated.get("refresh_token_enc"))).isNotBlank().isNotEqualTo(refresh);
        flows.harness.set("xero.token-encryption-key", "");
        assertThat(flows.cli("status").out()).contains("Refresh token     present");
        SecretFlows.Result again = flows.cli("run", "customerExportJob");
        assertThat(again.exit()).as(again.out()).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
    }
}
