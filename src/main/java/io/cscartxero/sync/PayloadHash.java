package io.cscartxero.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.cscartxero.xero.model.XeroJson;

/** SHA-256 of the JSON we would send: equal hashes mean nothing Xero would see has changed. */
public final class PayloadHash {

    private PayloadHash() {
    }

    public static String of(Object payload) {
        String hash = sha256(XeroJson.MAPPER.writeValueAsString(payload));
        FieldValues.remember(hash, payload);   // so the link saved with this hash keeps what was sent, field by field
        return hash;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
