package io.cscartxero.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

import io.cscartxero.tenant.Tenants;

/**
 * The schedule file with its tenants: the un-prefixed keys ({@code change.every}, {@code change.jobs},
 * {@code nightly.cron}, {@code nightly.jobs}) are every tenant's, and {@code tenants.<name>.<key>} overrides one key
 * for one tenant (each key it does not set falls back to the un-prefixed one). The nightly cron is evaluated in the
 * tenant's store time zone by its {@link AutoSync}. A {@code tenants.*} key that is not {@code <name>.<schedule key>}
 * or an invalid value is refused with one line naming the key.
 */
public record Schedules(Schedule defaults, SortedMap<String, Schedule> tenants) {

    public Schedules {
        tenants = Collections.unmodifiableSortedMap(new TreeMap<>(tenants));
    }

    /** One schedule for every tenant. */
    public static Schedules of(Schedule all) {
        return new Schedules(all, new TreeMap<>());
    }

    public static Schedules read(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the schedule " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        try {
            return parse(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The schedule " + file + ": " + e.getMessage());
        }
    }

    static Schedules parse(Properties p) {
        Schedule defaults = Schedule.from(p, "", Schedule.DEFAULTS);
        SortedMap<String, Schedule> tenants = new TreeMap<>();
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (!key.startsWith(Tenants.PREFIX + ".")) {
                continue;
            }
            String rest = key.substring(Tenants.PREFIX.length() + 1);
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String scheduleKey = dot < 0 ? "" : rest.substring(dot + 1);
            if (!Schedule.KEYS.contains(scheduleKey)) {
                throw new IllegalArgumentException(key + " is not a schedule key: a tenant's schedule is tenants.<name>.<key> with key "
                        + String.join(", ", Schedule.KEYS)
                        + (scheduleKey.equals("cscart.timezone") ? " (its store time zone is tenants." + name + ".cscart.timezone in the configuration)" : ""));
            }
            String invalid = Tenants.invalidName(name);
            if (invalid != null) {
                throw new IllegalArgumentException(key + ": " + invalid);
            }
            if (!tenants.containsKey(name)) {
                tenants.put(name, Schedule.from(p, Tenants.PREFIX + "." + name + ".", defaults));
            }
        }
        return new Schedules(defaults, tenants);
    }

    /** The tenant's schedule: its overrides over the un-prefixed keys. */
    public Schedule of(String tenant) {
        return tenants.getOrDefault(tenant, defaults);
    }

    /** Null when every tenant the file names is configured, else the one line saying which is not. */
    public String unknownTenant(Collection<String> configured) {
        for (String name : tenants.keySet()) {
            String unknown = Tenants.unknown(name, configured);
            if (unknown != null) {
                return "tenants." + name + ".*: " + unknown;
            }
        }
        return null;
    }
}
