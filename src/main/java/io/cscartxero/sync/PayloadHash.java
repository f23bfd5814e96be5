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
        String hash = hex(digest(json(payload)));
        FieldValues.remember(hash, payload);   // so the link saved with this hash keeps what was sent, field by field
        return hash;
    }

    /**
     * {@link #of(Object)} for a payload whose JSON the caller already has from {@link #utf8Json} (non-null): the
     * same hash, without serialising it again.
     */
    public static String of(Object payload, byte[] utf8Json) {
        String hash = hex(digest(utf8Json));
        FieldValues.remember(hash, payload);
        return hash;
    }

    /**
     * The payload's JSON in UTF-8 as {@code XeroJson.MAPPER.writeValueAsBytes} writes it, or null when Jackson will not
     * encode it as UTF-8 (an unpaired surrogate; {@link #of(Object)} hashes the String's encoding then).
     */
    public static byte[] utf8Json(Object payload) {
        try {
            return XeroJson.MAPPER.writeValueAsBytes(payload);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static String sha256(String text) {
        return hex(digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The payload's JSON in UTF-8, as {@code writeValueAsString(payload).getBytes(UTF_8)} (without the String). */
    private static byte[] json(Object payload) {
        byte[] utf8 = utf8Json(payload);
        // text Jackson will not encode as UTF-8 (an unpaired surrogate): the String's encoding, as before
        return utf8 != null ? utf8 : XeroJson.MAPPER.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
    }

    /** One digest per thread, reset by {@link MessageDigest#digest}: no provider look-up per hash. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] digest(byte[] bytes) {
        return SHA_256.get().digest(bytes);
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
