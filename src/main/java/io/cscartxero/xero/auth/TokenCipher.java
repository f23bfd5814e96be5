package io.cscartxero.xero.auth;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Encrypts tokens at rest with AES-256-GCM (Spring Security Crypto's {@code Encryptors.stronger}: PBKDF2-derived
 * key from the configured passphrase, random IV per value). Each row has its own random salt.
 */
public final class TokenCipher {

    private final String passphrase;

    public TokenCipher(String passphrase) {
        if (passphrase == null || passphrase.length() < 16) {
            throw new IllegalStateException("xero.token-encryption-key must be set (at least 16 characters) to store Xero tokens");
        }
        this.passphrase = passphrase;
    }

    public static String newSalt() {
        return KeyGenerators.string().generateKey();
    }

    public String encrypt(String salt, String plain) {
        return plain == null ? null : encryptor(salt).encrypt(plain);
    }

    public String decrypt(String salt, String cipherText) {
        return cipherText == null ? null : encryptor(salt).decrypt(cipherText);
    }

    private TextEncryptor encryptor(String salt) {
        return Encryptors.delux(passphrase, salt);
    }
}
