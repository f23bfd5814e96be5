package io.cscartxero.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * MySQL servers for tests, one Testcontainers container per image and JVM, started on first use and stopped by
 * Testcontainers' reaper when the JVM ends. Used where a Docker engine exists; {@link #dockerMissing()} says why not
 * (without starting anything, so the skip is fast and quiet on machines without Docker).
 *
 * <p>The server runs with MySQL 8's default, strict {@code sql_mode} ({@link #MYSQL_SQL_MODE}, set explicitly so a
 * changed image default cannot weaken it) and {@code utf8mb4}; databases are made by {@link #create}, like
 * {@link TestDatabases#create(String)} on the embedded MariaDB. {@code CSCART_TEST_MYSQL_IMAGES} overrides the images
 * (comma-separated, e.g. {@code mysql:8.0.42,mysql:8.4.5}).
 */
public final class MySqlContainers {

    /** MySQL 8.0's and 8.4's default sql_mode. */
    public static final String MYSQL_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    /** The MySQL releases CS-Cart stores run: 8.0 and the 8.4 LTS. */
    public static final String MYSQL_80 = image(0, "mysql:8.0");
    public static final String MYSQL_84 = image(1, "mysql:8.4");

    private static final String ROOT_PASSWORD = "cscartxero";
    private static final Map<String, TestDatabases.Server> SERVERS = new ConcurrentHashMap<>();
    private static volatile String dockerMissing;

    private MySqlContainers() {
    }

    /**
     * Null when a Docker engine answers, otherwise why the MySQL tests are skipped. Looks for a Docker endpoint
     * before asking Testcontainers, so that a machine without one costs no connection attempts and no stack traces.
     */
    public static synchronized String dockerMissing() {
        if (dockerMissing == null) {
            dockerMissing = probe();
        }
        return dockerMissing.isEmpty() ? null : dockerMissing;
    }

    private static String probe() {
        String home = System.getProperty("user.home");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        boolean endpoint = notBlank(System.getenv("DOCKER_HOST"))
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || (notBlank(runtime) && Files.exists(Path.of(runtime, "docker.sock")));
        if (!endpoint) {
            return "no Docker engine on this machine (no DOCKER_HOST, no docker.sock, no ~/.testcontainers.properties);"
                    + " MariaDB 11.4 in MySQL's sql_mode still runs";
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? ""
                    : "a Docker endpoint is configured but no engine answers";
        } catch (RuntimeException | LinkageError e) {
            return "Docker is not usable (" + e + ")";
        }
    }

    /** A fresh, empty utf8mb4 database on the MySQL server of {@code image} (started on first use). */
    public static TestDatabase create(String image, String namePrefix) {
        return TestDatabases.create(server(image), namePrefix);
    }

    /** "MySQL 8.4.5 (mysql:8.4)": the server's own version, for messages. */
    public static String describe(String image) {
        return server(image).description();
    }

    static TestDatabases.Server server(String image) {
        String missing = dockerMissing();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        return SERVERS.computeIfAbsent(image, MySqlContainers::start);
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper at JVM exit; one container per image and JVM
    private static TestDatabases.Server start(String image) {
        MySQLContainer mysql = new MySQLContainer(image)
                .withUsername("root")
                .withPassword(ROOT_PASSWORD)
                .withCommand("--sql-mode=" + MYSQL_SQL_MODE, "--character-set-server=utf8mb4",
                        "--skip-log-bin", "--innodb-flush-log-at-trx-commit=2");
        try {
            mysql.start();
        } catch (org.testcontainers.containers.ContainerFetchException e) {
            // the engine answers but the image cannot be had (offline, registry refused): not a finding about our SQL
            throw new org.opentest4j.TestAbortedException("Docker could not pull " + image + " (" + rootMessage(e)
                    + "): the MySQL run is skipped", e);
        }
        String hostAndPort = mysql.getHost() + ":" + mysql.getMappedPort(MySQLContainer.MYSQL_PORT);
        StringBuilder parameters = new StringBuilder();
        TestDatabases.DEFAULT_URL_PARAMETERS.forEach((k, v) -> parameters.append(parameters.isEmpty() ? "" : "&").append(k).append('=').append(v));
        String version;
        try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://" + hostAndPort + "/?" + parameters, "root", ROOT_PASSWORD);
                var rs = c.createStatement().executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("MySQL container " + image + " started but does not accept connections", e);
        }
        return new TestDatabases.Server(hostAndPort, parameters.toString(), "root", ROOT_PASSWORD,
                "MySQL " + version + " (" + image + ", Testcontainers)");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String image(int index, String fallback) {
        String images = System.getenv("CSCART_TEST_MYSQL_IMAGES");
        if (notBlank(images)) {
            String[] parts = images.split(",");
            if (index < parts.length && notBlank(parts[index])) {
                return parts[index].strip();
            }
        }
        return fallback;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
