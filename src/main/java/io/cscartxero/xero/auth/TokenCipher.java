package io.cscartxero.xero.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Encrypts tokens at rest: AES-256-GCM with the 256-bit key of {@link TokenKeys} (no key derivation: the key is
 * random), a random 96-bit nonce per value and a 128-bit tag. A stored value reads {@code v1:<base64(nonce ||
 * ciphertext || tag)>}; the version prefix is authenticated as associated data.
 *
 * <p>Values without a version prefix were written by the scheme before: Spring Security Crypto's
 * {@code Encryptors.delux} (AES-256-GCM under a key stretched from a passphrase with PBKDF2-SHA1 at 1,024 iterations,
 * with the row's salt). They are only decrypted, with the passphrase still configured as
 * {@code xero.token-encryption-key}, so that {@link TokenStore} re-encrypts them.
 */
public final class TokenCipher {

    static final String V1 = "v1:";
    private static final byte[] V1_AAD = "cscart-xero/xero_token/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenKeys keys;

    public TokenCipher(TokenKeys keys) {
        this.keys = keys;
    }

    /** A cipher with the key (or legacy passphrase) given as {@code xero.token-encryption-key}, and no key file. */
    public TokenCipher(String configuredKey) {
        this(TokenKeys.of(configuredKey, null));
    }

    public TokenKeys keys() {
        return keys;
    }

    /** The row's salt column; only the scheme before used it. */
    public static String newSalt() {
        return KeyGenerators.string().generateKey();
    }

    /** Whether a stored value was written by the scheme before and must be re-encrypted. */
    public static boolean isLegacy(String stored) {
        return stored != null && !stored.startsWith(V1);
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = aes(Cipher.ENCRYPT_MODE, keys.forWriting(), nonce);
            byte[] sealed = aes.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return V1 + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName());
        }
    }

    /** @param salt the row's salt (the scheme before only) */
    public String decrypt(String salt, String stored) {
        if (stored == null) {
            return null;
        }
        if (isLegacy(stored)) {
            String passphrase = keys.legacyPassphrase().orElseThrow(() -> new IllegalStateException(
                    "The stored Xero tokens were encrypted with a passphrase (the scheme before the 256-bit key): set "
                            + "xero.token-encryption-key to that passphrase once, so that they are re-encrypted with the key "
                            + keys.source() + ", or run connect again"));
            return Encryptors.delux(passphrase, salt).decrypt(stored);
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(V1.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("A stored Xero token is damaged (not base64)");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("A stored Xero token is damaged (too short)");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOfRange(in, 0, NONCE_BYTES);
            Cipher aes = aes(Cipher.DECRYPT_MODE, keys.forReading(), nonce);
            return new String(aes.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("The stored Xero tokens cannot be decrypted with the key " + keys.source()
                    + " (another key encrypted them): restore that key, or run connect again");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName());
        }
    }

    private static Cipher aes(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        aes.updateAAD(V1_AAD);
        return aes;
    }

    @Override
    public String toString() {
        return "TokenCipher[" + keys + "]";
    }
}
