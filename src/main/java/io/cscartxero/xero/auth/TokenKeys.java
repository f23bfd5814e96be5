package io.cscartxero.xero.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.PropertyResolver;

/**
 * The 256-bit key that encrypts the stored Xero tokens, and where it comes from:
 * <ol>
 * <li>{@code xero.token-encryption-key} ({@code XERO_TOKEN_ENCRYPTION_KEY}) when it holds a key: 32 random bytes in
 * base64, as {@code keygen --stdout} prints them;</li>
 * <li>else the key file {@code xero.token-key-file} (default {@code data/token.key}), written by {@code keygen} or,
 * when the first tokens are stored, by the connector itself: created new, mode 0600, in a directory it creates 0700.</li>
 * </ol>
 * Any other value of {@code xero.token-encryption-key} is a passphrase of the scheme before (PBKDF2-SHA1 at 1,024
 * iterations): it is only used to read tokens stored with it, which are then re-encrypted with the key.
 * No key material is ever logged or printed, except by {@code keygen --stdout}, whose output is the key.
 */
public final class TokenKeys {

    public static final String KEY_FILE_PROPERTY = "xero.token-key-file";
    public static final String DEFAULT_KEY_FILE = "data/token.key";
    static final int KEY_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Base64 of about 32 bytes: meant as a key; if it is not exactly 256 bits it is a mistake, not a passphrase. */
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9+/_-]{40,48}={0,2}");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final byte[] configuredKey;
    private final String legacyPassphrase;
    private final Path file;
    private byte[] fileKey;

    private TokenKeys(byte[] configuredKey, String legacyPassphrase, Path file) {
        this.configuredKey = configuredKey;
        this.legacyPassphrase = legacyPassphrase;
        this.file = file;
    }

    /**
     * @param configured the value of {@code xero.token-encryption-key} (may be blank)
     * @param file       the key file, or null for none
     * @throws IllegalArgumentException when the configured value looks like a key but is not 256 bits
     */
    public static TokenKeys of(String configured, Path file) {
        String value = configured == null ? "" : configured.trim();
        if (value.isEmpty()) {
            return new TokenKeys(null, null, file);
        }
        Optional<byte[]> key = decode(value);
        if (key.isPresent()) {
            return new TokenKeys(key.get(), null, file);
        }
        if (KEY_LIKE.matcher(value).matches()) {
            throw new IllegalArgumentException("xero.token-encryption-key is not a 256-bit key in base64 (44 characters, as "
                    + "'keygen --stdout' prints it); leave it unset to use the key file " + (file == null ? DEFAULT_KEY_FILE : file));
        }
        log.warn("xero.token-encryption-key is a passphrase, not a 256-bit key: it is only used to read tokens stored with it "
                + "before, which are re-encrypted with the key {}. Remove it once they are (status shows the connection).",
                file == null ? "(none configured)" : "in " + file);
        return new TokenKeys(null, value, file);
    }

    /** From the application's properties: {@code xero.token-encryption-key} and {@code xero.token-key-file}. */
    public static TokenKeys from(String configured, PropertyResolver properties) {
        return of(configured, keyFile(properties));
    }

    public static Path keyFile(PropertyResolver properties) {
        String file = properties.getProperty(KEY_FILE_PROPERTY);
        return Path.of(file == null || file.isBlank() ? DEFAULT_KEY_FILE : file.trim());
    }

    /** The passphrase of the scheme before, to read what was stored with it. */
    Optional<String> legacyPassphrase() {
        return Optional.ofNullable(legacyPassphrase);
    }

    /** Where the key comes from, for messages. */
    public String source() {
        return configuredKey != null ? "xero.token-encryption-key" : String.valueOf(file);
    }

    /** The key to decrypt with: the configured one or the key file's. */
    synchronized byte[] forReading() {
        if (configuredKey != null) {
            return configuredKey;
        }
        if (fileKey == null && file != null && Files.exists(file)) {
            fileKey = read(file);
        }
        if (fileKey == null) {
            throw new IllegalStateException("The stored Xero tokens were encrypted with a key that is not available: "
                    + "the key file " + file + " is missing (restore it, or set xero.token-encryption-key), or run connect again");
        }
        return fileKey;
    }

    /** The key to encrypt with: the configured one, the key file's, or a new key file's. */
    synchronized byte[] forWriting() {
        if (configuredKey != null) {
            return configuredKey;
        }
        if (fileKey == null) {
            if (file == null) {
                throw new IllegalStateException("No token encryption key: set xero.token-key-file or xero.token-encryption-key");
            }
            fileKey = Files.exists(file) ? read(file) : createOrRead(file);
        }
        return fileKey;
    }

    /** 32 random bytes from the platform's strong source. */
    public static byte[] generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Writes a new key file: created new (never replacing one), mode 0600, its directory created 0700 when missing.
     *
     * @throws FileAlreadyExistsException when the file exists
     */
    public static void write(Path file, byte[] key) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(parent);
            }
        }
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, encode(key) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    }

    private static byte[] createOrRead(Path file) {
        byte[] key = generate();
        try {
            write(file, key);
            log.info("Created the token encryption key file {} (mode 0600): keep it with the connector database's backups; "
                    + "without it the stored tokens cannot be read (run connect again then)", file);
            return key;
        } catch (FileAlreadyExistsException e) {
            return awaitWritten(file);   // another process created it a moment ago
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the token encryption key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] awaitWritten(Path file) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Optional<byte[]> key = decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
                if (key.isPresent()) {
                    return key.get();
                }
                Thread.sleep(20);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return read(file);
    }

    static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token encryption key file " + file + ": " + e.getMessage(), e);
        }
        warnIfOthersCanRead(file);
        return decode(text).orElseThrow(() -> new IllegalStateException("The token encryption key file " + file
                + " does not hold a 256-bit key in base64 (as keygen writes it)"));
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("The token encryption key file {} is accessible to other users (mode {}): chmod 600 it", file,
                        PosixFilePermissions.toString(mode));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    static Optional<byte[]> decode(String value) {
        try {
            byte[] key = value.contains("-") || value.contains("_") ? Base64.getUrlDecoder().decode(value)
                    : Base64.getDecoder().decode(value);
            return key.length == KEY_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "TokenKeys[source=" + source() + ", key=***]";
    }
}
