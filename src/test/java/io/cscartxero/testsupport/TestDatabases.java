package io.cscartxero.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Fresh databases on a real MySQL-compatible server for tests.
 *
 * <p>By default the server is one {@link EmbeddedMariaDb} (MariaDB 11.4, default strict {@code sql_mode}), started
 * lazily on first use and shared by every test in the JVM. If the environment variable {@code CSCART_TEST_JDBC_URL}
 * is set (with {@code CSCART_TEST_JDBC_USER} / {@code CSCART_TEST_JDBC_PASSWORD}), that server is used instead; the URL
 * may name a database, only host, port and parameters are kept. The account needs {@code CREATE} / {@code DROP} on
 * databases. With {@code CSCART_TEST_MYSQL_IMAGE=mysql:8.4} (or {@code mysql:8.0}) the server is a Testcontainers MySQL
 * ({@link MySqlContainers}; needs a Docker engine).
 *
 * <p>Every {@link #create(String)} call makes a new, empty database with a unique name and default character set
 * {@code utf8mb4} (what the connector's own tables use; the CS-Cart fixture tables declare {@code utf8} themselves).
 * On the embedded server they vanish with its data directory at JVM exit; on an external server the databases created
 * by this JVM are dropped at exit unless {@code CSCART_TEST_KEEP_DATABASES=true}.
 */
public final class TestDatabases {

    public static final String ENV_URL = "CSCART_TEST_JDBC_URL";
    public static final String ENV_USER = "CSCART_TEST_JDBC_USER";
    public static final String ENV_PASSWORD = "CSCART_TEST_JDBC_PASSWORD";
    public static final String ENV_KEEP = "CSCART_TEST_KEEP_DATABASES";
    /** A MySQL image (e.g. {@code mysql:8.4}): every test database on that Testcontainers server (needs Docker). */
    public static final String ENV_MYSQL_IMAGE = "CSCART_TEST_MYSQL_IMAGE";

    /** Parameters added to every JDBC URL (an external URL's own parameters win). */
    public static final Map<String, String> DEFAULT_URL_PARAMETERS = defaultParameters();

    private static final Pattern MYSQL_URL = Pattern.compile(
            "jdbc:(?:mysql|mariadb)://([^/?]+)(?:/([^?]*))?(?:\\?(.*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME_PREFIX_CLEAN = Pattern.compile("[^a-z0-9_]");

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Distinguishes JVMs sharing an external server. */
    private static final String RUN_TAG = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private static volatile Server server;

    private TestDatabases() {
    }

    /** The server all databases are created on. */
    record Server(String hostAndPort, String parameters, String username, String password, String description) {
        String url(String database) {
            return "jdbc:mysql://" + hostAndPort + "/" + database + (parameters.isEmpty() ? "" : "?" + parameters);
        }
    }

    /**
     * Creates a fresh, empty database named {@code <namePrefix>_<run>_<n>} (prefix lower-cased, other characters
     * replaced by {@code _}, cut to 40 characters).
     */
    public static TestDatabase create(String namePrefix) {
        return create(server(), namePrefix);
    }

    /** A fresh database on another server (e.g. a MySQL container of {@link MySqlContainers}). */
    static TestDatabase create(Server s, String namePrefix) {
        String prefix = NAME_PREFIX_CLEAN.matcher(namePrefix == null || namePrefix.isBlank() ? "test"
                : namePrefix.toLowerCase(Locale.ROOT)).replaceAll("_");
        if (prefix.length() > 40) {
            prefix = prefix.substring(0, 40);
        }
        String name = prefix + "_" + RUN_TAG + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(s.url(""), s.username(), s.password());
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + s.description(), e);
        }
        return new TestDatabase(name, s.url(name), s.username(), s.password());
    }

    /** Human-readable description of the server in use (starts it if needed). */
    public static String serverDescription() {
        return server().description();
    }

    /** True when tests run on the embedded MariaDB, false with {@code CSCART_TEST_JDBC_URL} or {@code CSCART_TEST_MYSQL_IMAGE}. */
    public static boolean isEmbedded() {
        return blank(System.getenv(ENV_URL)) && blank(System.getenv(ENV_MYSQL_IMAGE));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static DataSource dataSource(TestDatabase db) {
        return POOLS.computeIfAbsent(db.jdbcUrl() + "|" + db.username(), k -> {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(db.jdbcUrl());
            cfg.setUsername(db.username());
            cfg.setPassword(db.password());
            cfg.setPoolName("test-" + db.name());
            cfg.setMaximumPoolSize(8);
            cfg.setMinimumIdle(0);
            cfg.setIdleTimeout(10_000);
            cfg.setConnectionTimeout(15_000);
            return new HikariDataSource(cfg);
        });
    }

    /** Shutdown hook for external servers: drops this JVM's databases. */
    private static void dropCreatedDatabases(Server s) {
        for (HikariDataSource pool : POOLS.values()) {
            pool.close();
        }
        try (Connection c = DriverManager.getConnection(s.url(""), s.username(), s.password());
                Statement st = c.createStatement()) {
            for (String name : CREATED) {
                st.execute("DROP DATABASE IF EXISTS `" + name + "`");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test databases " + CREATED + " on " + s.description() + ": " + e);
        }
    }

    static void drop(TestDatabase db) {
        HikariDataSource pool = POOLS.remove(db.jdbcUrl() + "|" + db.username());
        if (pool != null) {
            pool.close();
        }
        Server s = server();
        try (Connection c = DriverManager.getConnection(s.url(""), s.username(), s.password());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + db.name() + "`");
            CREATED.remove(db.name());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + db.name(), e);
        }
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestDatabases.class) {
                s = server;
                if (s == null) {
                    String mysqlImage = System.getenv(ENV_MYSQL_IMAGE);
                    s = !blank(mysqlImage) ? MySqlContainers.server(mysqlImage.strip())
                            : isEmbedded() ? embedded() : external();
                    server = s;
                }
            }
        }
        return s;
    }

    private static Server embedded() {
        EmbeddedMariaDb db = EmbeddedMariaDb.launch();
        return new Server("127.0.0.1:" + db.port(), joinParameters(DEFAULT_URL_PARAMETERS), EmbeddedMariaDb.USER,
                EmbeddedMariaDb.PASSWORD, "embedded " + db);
    }

    private static Server external() {
        String url = System.getenv(ENV_URL).trim();
        Matcher m = MYSQL_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException(ENV_URL + " must look like jdbc:mysql://host:port[/database][?params],"
                    + " but is: " + url);
        }
        Map<String, String> params = new LinkedHashMap<>(DEFAULT_URL_PARAMETERS);
        if (m.group(3) != null && !m.group(3).isEmpty()) {
            for (String kv : m.group(3).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                } else if (!kv.isEmpty()) {
                    params.put(kv, "");
                }
            }
        }
        if (params.containsKey("useSSL") && !DEFAULT_URL_PARAMETERS.containsKey("useSSL")
                && params.get("sslMode").equals(DEFAULT_URL_PARAMETERS.get("sslMode"))) {
            params.remove("sslMode"); // the URL chose its own TLS setting
        }
        String user = System.getenv().getOrDefault(ENV_USER, "root");
        String password = System.getenv().getOrDefault(ENV_PASSWORD, "");
        Server s = new Server(m.group(1), joinParameters(params), user, password, "external server " + m.group(1));
        try (Connection c = DriverManager.getConnection(s.url(""), user, password)) {
            if (!"true".equalsIgnoreCase(System.getenv(ENV_KEEP))) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreatedDatabases(s), "drop-test-databases"));
            }
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the external test server " + s.url("") + " as '" + user
                    + "' (from " + ENV_URL + "/" + ENV_USER + "/" + ENV_PASSWORD + "): " + e.getMessage(), e);
        }
    }

    private static Map<String, String> defaultParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("useUnicode", "true");
        p.put("characterEncoding", "UTF-8");
        p.put("allowPublicKeyRetrieval", "true");
        p.put("sslMode", "DISABLED");
        p.put("rewriteBatchedStatements", "true");
        return Map.copyOf(p);
    }

    private static String joinParameters(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        // stable order: defaults first in their declared order, then the rest
        for (String key : new String[] {"useUnicode", "characterEncoding", "allowPublicKeyRetrieval", "sslMode",
                "rewriteBatchedStatements"}) {
            if (params.containsKey(key)) {
                append(sb, key, params.get(key));
            }
        }
        params.forEach((k, v) -> {
            if (!DEFAULT_URL_PARAMETERS.containsKey(k)) {
                append(sb, k, v);
            }
        });
        return sb.toString();
    }

    private static void append(StringBuilder sb, String k, String v) {
        if (sb.length() > 0) {
            sb.append('&');
        }
        sb.append(k);
        if (!v.isEmpty()) {
            sb.append('=').append(v);
        }
    }
}
