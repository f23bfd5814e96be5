package io.cscartxero.cscart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The SQL in the product (string literals of {@code src/main/java}, the connector's {@code sql/} migrations) and in the
 * CS-Cart fixture DDL uses nothing that MySQL 8 lacks or deprecates. {@link MySqlPortabilityTest} runs the queries in
 * MySQL's sql_mode; this catches syntax a test run might not reach.
 */
class MariaDbOnlySyntaxTest {

    /** What MariaDB takes and MySQL 8.0/8.4 refuses or deprecates, with the reason shown on a hit. */
    static final Map<String, Pattern> MARIADB_ONLY = new LinkedHashMap<>();
    static {
        MARIADB_ONLY.put("INSERT/DELETE ... RETURNING (MariaDB only)", Pattern.compile("\\bRETURNING\\b"));
        MARIADB_ONLY.put("ON DUPLICATE KEY UPDATE ... VALUES(col) (deprecated since MySQL 8.0.20: use a row alias)",
                Pattern.compile("ON\\s+DUPLICATE\\s+KEY\\s+UPDATE\\b.{0,400}?\\bVALUES\\s*\\(", Pattern.DOTALL));
        MARIADB_ONLY.put("ADD/DROP COLUMN|INDEX IF [NOT] EXISTS, CREATE INDEX IF NOT EXISTS (MariaDB only)",
                Pattern.compile("\\b(ADD|DROP|MODIFY|CHANGE)\\s+(COLUMN\\s+|INDEX\\s+|KEY\\s+)?IF\\s+(NOT\\s+)?EXISTS\\b"
                        + "|\\bCREATE\\s+(UNIQUE\\s+)?INDEX\\s+IF\\s+NOT\\s+EXISTS\\b"));
        MARIADB_ONLY.put("LIMIT in an IN/ANY/ALL subquery (MySQL: not supported)",
                Pattern.compile("\\b(IN|ANY|ALL|SOME)\\s*\\(\\s*SELECT\\b[^()]*\\bLIMIT\\b"));
        MARIADB_ONLY.put("sequences (MariaDB only)", Pattern.compile("\\b(CREATE\\s+SEQUENCE|NEXTVAL|LASTVAL|SETVAL|NEXT\\s+VALUE\\s+FOR)\\b"));
        MARIADB_ONLY.put("MariaDB-only functions", Pattern.compile("\\b(MEDIAN|JSON_DETAILED|JSON_EQUALS|JSON_NORMALIZE|SYS_GUID|ROWNUM"
                + "|SFORMAT|NATURAL_SORT_KEY|DECODE_ORACLE|ADD_MONTHS|TO_CHAR)\\s*\\("));
        MARIADB_ONLY.put("user variable assignment in a statement (deprecated in MySQL 8)", Pattern.compile("@\\w+\\s*:="));
        MARIADB_ONLY.put("TYPE=engine (removed)", Pattern.compile("\\bTYPE\\s*=\\s*(MyISAM|InnoDB|Aria|MEMORY)\\b"));
        MARIADB_ONLY.put("Aria / ColumnStore engines (MariaDB only)", Pattern.compile("\\bENGINE\\s*=\\s*(Aria|ColumnStore|Sequence)\\b"));
        MARIADB_ONLY.put("INTERSECT/EXCEPT (MySQL 8.0.31+ only)", Pattern.compile("\\b(INTERSECT|EXCEPT)\\s+(ALL\\s+|DISTINCT\\s+)?SELECT\\b"));
    }

    private static final Pattern JAVA_STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL);

    @Test
    void thePatternsFindWhatTheyLookFor() {
        assertThat(hits("INSERT INTO t (a) VALUES (1) RETURNING id")).hasSize(1);
        assertThat(hits("INSERT INTO t (a, b) VALUES (?, ?) ON DUPLICATE KEY UPDATE b = VALUES(b)")).hasSize(1);
        assertThat(hits("INSERT INTO t (a, b) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE b = new.b")).isEmpty();
        assertThat(hits("ALTER TABLE t ADD COLUMN IF NOT EXISTS x INT")).hasSize(1);
        assertThat(hits("SELECT * FROM t WHERE id IN (SELECT id FROM u ORDER BY id LIMIT 5)")).hasSize(1);
        assertThat(hits("SELECT * FROM t ORDER BY id LIMIT 5")).isEmpty();
        assertThat(hits("CREATE TABLE IF NOT EXISTS t (a INT)")).isEmpty();
    }

    @Test
    void theProductAndTheFixtureUseNoMariaDbOnlySql() throws IOException {
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        List<String> found = new ArrayList<>();
        int withSql = 0;
        for (Path file : files(project.resolve("src/main/java"), ".java")) {
            if (file.toString().contains("/sandbox/")) {
                continue;   // the Xero simulator has no SQL
            }
            StringBuilder literals = new StringBuilder();
            Matcher m = JAVA_STRING.matcher(Files.readString(file));
            while (m.find()) {
                literals.append(m.group(1) != null ? m.group(1) : m.group(2)).append(' ');
            }
            if (literals.indexOf("SELECT ") >= 0) {
                withSql++;
            }
            hits(literals.toString()).forEach(h -> found.add(project.relativize(file) + ": " + h));
        }
        assertThat(withSql).as("classes with SQL literals scanned").isGreaterThan(15);
        List<Path> scripts = new ArrayList<>(files(project.resolve("sql"), ".sql"));
        scripts.addAll(files(project.resolve("src/test/resources/cscart"), ".sql"));
        assertThat(scripts).as("SQL scripts found").isNotEmpty();
        for (Path file : scripts) {
            String sql = Files.readString(file).replaceAll("(?m)--.*$", "");
            hits(sql).forEach(h -> found.add(project.relativize(file) + ": " + h));
        }
        assertThat(found).as("MariaDB-only SQL").isEmpty();
    }

    private static List<String> hits(String sql) {
        List<String> hits = new ArrayList<>();
        MARIADB_ONLY.forEach((why, pattern) -> {
            Matcher ci = Pattern.compile(pattern.pattern(), pattern.flags() | Pattern.CASE_INSENSITIVE).matcher(sql);
            if (ci.find()) {
                hits.add(why + " at \"" + sql.substring(Math.max(0, ci.start() - 40), Math.min(sql.length(), ci.end() + 20))
                        .replaceAll("\\s+", " ") + "\"");
            }
        });
        return hits;
    }

    private static List<Path> files(Path root, String extension) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
