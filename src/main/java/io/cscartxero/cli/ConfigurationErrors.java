package io.cscartxero.cli;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cscartxero.ops.LaunchRequirements;

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

    static String describe(Throwable failure) {
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
            if (t instanceof SQLException) {
                return "the connector database cannot be opened (spring.datasource.url, SPRING_DATASOURCE_URL): " + root;
            }
        }
        return root;
    }

    private static String withEnvVar(String message, String property) {
        String env = LaunchRequirements.envVar(property);
        return message.contains(env) ? message : message + " (" + env + ")";
    }
}
