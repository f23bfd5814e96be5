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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Loads CS-Cart's real install schema from the shared reference folder ({@code ../shared/cscart/<edition>/}, next to
 * the project checkout) for compatibility checks. Those files are CS-Cart's own and are never copied into this
 * repository: callers must skip (JUnit assumptions) when {@link #editionDir(String)} is empty.
 *
 * <p>Loads like CS-Cart's installer: {@code SET NAMES utf8}, {@code SET SESSION sql_mode=''}, then {@code scheme.sql}
 * (prefix {@code cscart_}), then the {@code ALTER TABLE ... ADD} statements that auto-installed add-ons run on core
 * tables (from {@code addons_install.sql}, {@code ?:} replaced by {@code cscart_}; if that file is missing, the list
 * from CS-Cart 4.20.1 install/database/scheme.sql and its add-ons' SQL).
 */
public final class RealCsCartSchema {

    public static final String ULT = "ult-4.20.1";
    public static final String MVE = "mve-4.18.2.SP1";
    public static final String PREFIX = "cscart_";

    /** Add-on columns on core tables per CS-Cart 4.20.1 install/database/scheme.sql and its add-ons' SQL (used without addons_install.sql). */
    static final List<String> APPENDIX_A_ALTERS = List.of(
            "ALTER TABLE cscart_products ADD facebook_obj_type varchar(64) NOT NULL",
            "ALTER TABLE cscart_products ADD parent_product_id int(11) unsigned NOT NULL DEFAULT '0'",
            "ALTER TABLE cscart_products ADD buy_now_url varchar(255) NOT NULL",
            "ALTER TABLE cscart_users ADD janrain_identifier varchar(32) NOT NULL DEFAULT ''",
            "ALTER TABLE cscart_products ADD units_in_product decimal(12,3) unsigned NOT NULL DEFAULT '0',"
                    + " ADD show_price_per_x_units decimal(12,3) unsigned NOT NULL DEFAULT '1'",
            "ALTER TABLE cscart_product_descriptions ADD unit_name varchar(255) DEFAULT ''");

    private static final Pattern ADDON_TABLE = Pattern.compile("(?is)^CREATE\\s+TABLE\\s+`?\\?:(\\w+)`?\\s*\\(.*");
    private static final Pattern ADDON_ALTER = Pattern.compile(
            "(?is)^ALTER\\s+TABLE\\s+`?\\?:(\\w+)`?\\s+ADD\\b.*");

    private RealCsCartSchema() {
    }

    /**
     * The folder {@code <project>/../shared/cscart/<edition>} (or {@code $CSCART_SHARED_DIR/cscart/<edition>}) if it
     * holds a {@code scheme.sql}.
     */
    public static Optional<Path> editionDir(String edition) {
        String shared = System.getenv("CSCART_SHARED_DIR");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared)
                : EmbeddedMariaDb.projectDir().resolve("..").resolve("shared");
        Path dir = base.resolve("cscart").resolve(edition).normalize();
        return Files.isRegularFile(dir.resolve("scheme.sql")) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * Creates all core tables of the edition, the add-on tables among {@code coreTables} (e.g. the rma add-on's) and
     * the add-on columns on {@code coreTables} (prefix cscart_).
     */
    public static void loadSchema(DataSource ds, Path editionDir, Set<String> coreTables) {
        List<String> alters = new ArrayList<>(addonTables(editionDir, coreTables));
        alters.addAll(addonAlters(editionDir, coreTables));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET NAMES utf8");
            st.execute("SET SESSION sql_mode = ''");
            SqlScripts.execute(c, read(editionDir.resolve("scheme.sql")));
            for (String alter : alters) {
                try {
                    st.execute(alter);
                } catch (SQLException e) {
                    throw new IllegalStateException("Add-on ALTER failed: " + e.getMessage() + "\n" + alter, e);
                }
            }
            // the DataSource may be a pool: hand the connection back with the server's defaults
            st.execute("SET SESSION sql_mode = DEFAULT");
            st.execute("SET NAMES utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load " + editionDir.resolve("scheme.sql"), e);
        }
    }

    /** The add-ons' {@code CREATE TABLE} statements of these tables, prefix applied (none without addons_install.sql). */
    public static List<String> addonTables(Path editionDir, Set<String> tables) {
        Path addons = editionDir.resolve("addons_install.sql");
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(addons)) {
            return out;
        }
        for (String stmt : SqlScripts.split(read(addons))) {
            Matcher m = ADDON_TABLE.matcher(stmt.strip());
            if (m.matches() && tables.contains(m.group(1).toLowerCase())) {
                out.add(stmt.replace("?:", PREFIX));
            }
        }
        return out;
    }

    /** The add-ons' {@code ALTER TABLE <core table> ADD ...} statements, in install order, prefix applied. */
    public static List<String> addonAlters(Path editionDir, Set<String> coreTables) {
        Path addons = editionDir.resolve("addons_install.sql");
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(addons)) {
            for (String alter : APPENDIX_A_ALTERS) {
                String table = alter.split("\\s+")[2].substring(PREFIX.length());
                if (coreTables.contains(table)) {
                    out.add(alter);
                }
            }
            return out;
        }
        for (String stmt : SqlScripts.split(read(addons))) {
            Matcher m = ADDON_ALTER.matcher(stmt);
            if (m.matches() && coreTables.contains(m.group(1).toLowerCase())) {
                out.add(stmt.replace("?:", PREFIX));
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
