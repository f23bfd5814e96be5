package io.cscartxero.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole CS-Cart 4.20.1 Ultimate store as its installer leaves it with demo data: {@code scheme.sql},
 * {@code data.sql}, {@code demo.sql}, the English language packs ({@code lang/en/lang.sql}, {@code lang_demo.sql}:
 * product names, tax and status descriptions), the {@code en} language row the installer writes, then every add-on's
 * install and demo queries ({@code addons_install.sql}, {@code addons_demo.sql}, {@code ?:} → {@code cscart_}).
 * Loaded from the shared reference folder ({@link RealCsCartSchema#editionDir(String)}), never from this repository:
 * callers skip (JUnit assumption with {@link #ABSENT}) when {@link #editionDir()} is empty.
 *
 * <p>Like the installer, it loads on a {@code SET NAMES utf8} connection with {@code sql_mode=''}; the server (and so
 * the connector) stays in strict mode. Statements of an add-on that fail are kept in {@link Loaded#failedAddonStatements()}
 * (CS-Cart's installer also carries on past them); a core statement that fails is an error.
 */
public final class RealStore {

    public static final String EDITION = RealCsCartSchema.ULT;
    public static final String ABSENT = "CS-Cart's real install SQL (../shared/cscart/" + EDITION + "/ or $CSCART_SHARED_DIR) "
            + "is not here: the real-store tests need it and it is never part of this repository";

    /** The loaded store and the add-on statements that failed (empty on 4.20.1). */
    public record Loaded(TestDatabase database, List<String> failedAddonStatements) {
    }

    private RealStore() {
    }

    public static Optional<Path> editionDir() {
        return RealCsCartSchema.editionDir(EDITION);
    }

    /** Creates a fresh database (name prefix {@code namePrefix}) holding the demo store. */
    public static Loaded load(String namePrefix) {
        return load(namePrefix, List.of("scheme.sql", "data.sql", "demo.sql", "lang/en/lang.sql", "lang/en/lang_demo.sql"),
                List.of("addons_install.sql", "addons_demo.sql"));
    }

    /**
     * Creates a fresh database (name prefix {@code namePrefix}) holding the install data alone: {@code scheme.sql},
     * {@code data.sql} and the {@code en} language row; no demo catalog, language pack or add-on.
     */
    public static TestDatabase loadInstallData(String namePrefix) {
        return load(namePrefix, List.of("scheme.sql", "data.sql"), List.of()).database();
    }

    private static Loaded load(String namePrefix, List<String> coreFiles, List<String> addonFiles) {
        Path dir = editionDir().orElseThrow(() -> new IllegalStateException(ABSENT));
        TestDatabase db = TestDatabases.create(namePrefix);
        List<String> failed = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("SET NAMES utf8");
            st.execute("SET SESSION sql_mode = ''");   // as CS-Cart's installer does
            for (String file : coreFiles) {
                Path path = dir.resolve(file);
                if (Files.isRegularFile(path)) {
                    SqlScripts.execute(c, read(path));
                }
            }
            st.execute("INSERT INTO cscart_languages (lang_code, name, status, country_code) VALUES ('en', 'English', 'A', 'US')");
            for (String file : addonFiles) {
                Path path = dir.resolve(file);
                if (!Files.isRegularFile(path)) {
                    continue;
                }
                for (String sql : SqlScripts.split(read(path).replace("?:", RealCsCartSchema.PREFIX))) {
                    try {
                        st.execute(sql);
                    } catch (SQLException e) {
                        failed.add(file + ": " + e.getMessage());
                    }
                }
            }
            st.execute("SET SESSION sql_mode = DEFAULT");
            st.execute("SET NAMES utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the CS-Cart demo store from " + dir, e);
        }
        return new Loaded(db, List.copyOf(failed));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
