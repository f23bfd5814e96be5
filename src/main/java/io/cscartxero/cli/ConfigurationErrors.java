package io.cscartxero.cli;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cscartxero.ops.LaunchRequirements;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

/**
 * One line for an application that could not start because of its configuration: the property, its environment
 * variable and what is wrong with it, never a stack trace.
 */
final class ConfigurationErrors {

    /** A message that starts with a property name, e.g. "cscart.table-prefix must match ...". */
    private static final Pattern LEADING_PROPERTY = Pattern.compile("^((?:cscart|xero|sync|spring|server)(?:\\.[a-z0-9\\[\\]-]+)+)\\b");

    private ConfigurationErrors() {
    }

    /**
     * @param failure    why the application did not start
     * @param springArgs the {@code --name=value} arguments given, to name a property injected with {@code @Value}
     *                   (Spring's conversion error carries the value, not the property's name)
     */
    static String describe(Throwable failure, List<String> springArgs) {
        String root = Cli.rootMessage(failure);
        Matcher leading = LEADING_PROPERTY.matcher(root);
        if (leading.find()) {
            return withEnvVar(root, leading.group(1));
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException bind) {
                ConfigurationProperty property = bind.getProperty();
                String name = property != null ? property.getName().toString() : bind.getName().toString();
                Object value = property == null ? null : property.getValue();
                return name + (value == null ? " is not valid" : " has an invalid value '" + value + "'") + " ("
                        + LaunchRequirements.envVar(name) + "): " + root;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TypeMismatchException mismatch && mismatch.getValue() != null) {
                String value = mismatch.getValue().toString();
                String type = mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName();
                String named = propertyGiven(value, springArgs);
                if (named != null) {
                    return named + " has an invalid value '" + value + "': not a " + type;
                }
                return "the value '" + value + "' is not a valid " + type + " (" + root + ")";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return "the connector database cannot be opened (spring.datasource.url, SPRING_DATASOURCE_URL): " + root;
            }
        }
        return root;
    }

    /** Which property was given this value, with its environment variable: a --name=value argument, else a variable. */
    private static String propertyGiven(String value, List<String> springArgs) {
        for (String arg : springArgs) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2 && arg.substring(eq + 1).equals(value)) {
                String name = arg.substring(2, eq);
                return name + " (" + LaunchRequirements.envVar(name) + ")";
            }
        }
        for (Map.Entry<String, String> env : System.getenv().entrySet()) {
            if (env.getValue().equals(value) && env.getKey().matches("(CSCART|XERO|SYNC|SPRING|SERVER)_[A-Z0-9_]+")) {
                return "the environment variable " + env.getKey();
            }
        }
        return null;
    }

    private static String withEnvVar(String message, String property) {
        String env = LaunchRequirements.envVar(property);
        return message.contains(env) ? message : message + " (" + env + ")";
    }
}
