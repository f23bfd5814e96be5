package io.cscartxero.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's data directory (by default {@code ./data}, the directory of the H2 file database): created 0700,
 * every file in it 0600, every directory 0700. Java cannot set the process's umask, so modes are set explicitly: on
 * the directory at start-up (which also fixes files a run under a lax umask left 0644), on files after creation, and
 * again when the connector database closes (H2 may have created a trace or temporary file meanwhile). The launcher
 * ({@code umask 077}) and the systemd unit ({@code UMask=0077}) make every file private from its creation.
 * <p>
 * A database file in a directory shared with other things (the working directory, the home or temp directory, a
 * world-writable directory) is not a data directory: there only the database's own files are made 0600, and nothing
 * else is touched.
 */
public final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    /** Where the connector keeps its files when its database is not an H2 file (MySQL/MariaDB, in-memory). */
    public static final Path DEFAULT = Path.of("data");

    private final Path path;
    /** The H2 database's base name ({@code cscart-xero}), or null when the connector database is not an H2 file. */
    private final String databaseName;

    private DataDirectory(Path path, String databaseName) {
        this.path = path;
        this.databaseName = databaseName;
    }

    /** The data directory of a connector database URL: the directory of an H2 file, else {@link #DEFAULT}. */
    public static DataDirectory of(String jdbcUrl) {
        return h2File(jdbcUrl).map(file -> new DataDirectory(parentOf(file), file.getFileName().toString()))
                .orElseGet(() -> new DataDirectory(DEFAULT.toAbsolutePath().normalize(), null));
    }

    /** The file an H2 URL names ({@code jdbc:h2:file:./data/x}, {@code jdbc:h2:./data/x}, {@code jdbc:h2:~/x}), if any. */
    public static Optional<Path> h2File(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring("jdbc:h2:".length());
        int options = name.indexOf(';');
        if (options >= 0) {
            name = name.substring(0, options);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("^[a-zA-Z]{2,}:.*")) {   // mem:, tcp:, ssl:, zip:, nio:... (a drive letter has one)
            return Optional.empty();
        }
        if (name.isBlank()) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    private static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? file.getRoot() : parent;
    }

    public Path path() {
        return path;
    }

    /** Whether the directory holds only the connector's files, so that it may be made private as a whole. */
    boolean dedicated() {
        Path p = path.toAbsolutePath().normalize();
        for (String shared : new String[] { "user.home", "user.dir", "java.io.tmpdir" }) {
            String dir = System.getProperty(shared);
            if (dir != null && p.equals(Path.of(dir).toAbsolutePath().normalize())) {
                return false;
            }
        }
        if (p.getParent() == null || !posix()) {
            return false;
        }
        try {
            return !Files.exists(p) || !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates the directory 0700 when missing and makes what is in it private: a dedicated directory as a whole
     * (directories 0700, files 0600, symbolic links not followed); a shared one only the database's own files.
     */
    public DataDirectory secure() {
        if (!posix()) {
            return this;
        }
        try {
            if (dedicated()) {
                Files.createDirectories(path);
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        setMode(dir, DIRECTORY_MODE);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            setMode(file, FILE_MODE);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else if (databaseName != null && Files.isDirectory(path)) {
                log.warn("The connector database is in {}, a directory shared with other files: only its own files are made "
                        + "private. Give it a directory of its own (e.g. spring.datasource.url=jdbc:h2:file:./data/cscart-xero)", path);
                try (var files = Files.list(path)) {
                    files.filter(f -> f.getFileName().toString().startsWith(databaseName + "."))
                            .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                            .forEach(f -> setMode(f, FILE_MODE));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the connector's data directory " + path, e);
        }
        return this;
    }

    /** A directory (and its missing parents) made private: 0700 for the ones created and for the last one. */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        if (!posix()) {
            return Files.createDirectories(dir);
        }
        Path absolute = dir.toAbsolutePath().normalize();
        Path missing = absolute;
        while (missing.getParent() != null && !Files.exists(missing.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            missing = missing.getParent();
        }
        Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        for (Path p = absolute; p != null && p.startsWith(missing); p = p.getParent()) {
            setMode(p, DIRECTORY_MODE);   // the umask may have taken bits away, never added: this only restates 0700
        }
        setMode(absolute, DIRECTORY_MODE);
        return absolute;
    }

    /** Mode 0600 on a file the connector created (no-op where files have no POSIX modes). */
    public static void restrict(Path file) {
        if (posix() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            setMode(file, FILE_MODE);
        }
    }

    /** The attribute that creates a file 0600 (umask permitting, so {@link #restrict} it after), or none off POSIX. */
    public static java.nio.file.attribute.FileAttribute<?>[] privateFileAttributes() {
        return posix() ? new java.nio.file.attribute.FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_MODE) }
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void setMode(Path p, Set<PosixFilePermission> mode) {
        try {
            if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
                Files.setPosixFilePermissions(p, mode);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            log.warn("Cannot make {} private (mode {}): {}", p, PosixFilePermissions.toString(mode), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
