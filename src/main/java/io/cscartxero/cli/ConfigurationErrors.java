package io.cscartxero.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cscartxero.ops.LaunchRequirements;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

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
     * @param springArgs the {@code --name=value} arguments given, to name the property of a value that Spring could not
     *                   convert without saying where it came from (a conversion error carries the value, not the name)
     */
    static String describe(Throwable failure, List<String> springArgs) {
        String root = Cli.rootMessage(failure);
        Matcher leading = LEADING_PROPERTY.matcher(root);
        if (leading.find()) {
            return withEnvVar(root, leading.group(1));
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindValidationException invalid && !invalid.getValidationErrors().getAllErrors().isEmpty()) {
                return violations(invalid.getValidationErrors());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException bind) {
                ConfigurationProperty property = bind.getProperty();
                String name = property != null ? property.getName().toString() : bind.getName().toString();
                Object value = property == null ? null : property.getValue();
                return name + (value == null ? " is not valid" : " has an invalid value '" + shown(name, value) + "'") + " ("
                        + LaunchRequirements.envVar(name) + "): " + root;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TypeMismatchException mismatch && mismatch.getValue() != null) {
                String value = mismatch.getValue().toString();
                String type = mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName();
                String named = propertyGiven(value, springArgs);
                if (named != null) {
                    return named + " has an invalid value '" + shown(named, value) + "': not a " + type;
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

    /**
     * A record's constraints that failed (jakarta.validation on the {@code @Validated} configuration records), each as
     * "xero.max-in-flight has an invalid value '0' (XERO_MAX_IN_FLIGHT): must be greater than or equal to 1".
     */
    private static String violations(ValidationErrors errors) {
        List<String> lines = new ArrayList<>();
        for (ObjectError error : errors.getAllErrors()) {
            if (error instanceof FieldError field) {
                String name = propertyName(errors, field.getField());
                Object value = field.getRejectedValue();
                lines.add(name + (value == null ? " is not set" : " has an invalid value '" + shown(name, value) + "'") + " ("
                        + LaunchRequirements.envVar(name) + "): " + field.getDefaultMessage());
            } else {
                lines.add(errors.getName() + ": " + error.getDefaultMessage());
            }
        }
        return String.join("; ", lines.stream().distinct().toList());
    }

    /**
     * The key of a field path such as {@code imports.productStatus} or {@code orderStatuses[1]}: the bound property it
     * came from, for a component whose key differs from its Java name ({@code @Name("import") Import imports}); else
     * the path in Spring's dashed form. A list element's constraint names the list, as the operator wrote it.
     */
    private static String propertyName(ValidationErrors errors, String fieldPath) {
        String path = DataObjectPropertyName.toDashedForm(fieldPath.replaceAll("\\[[^]]*]", ""));
        ConfigurationPropertyName named = errors.getName().append(path);
        String last = path.substring(path.lastIndexOf('.') + 1);
        List<ConfigurationPropertyName> bound = errors.getBoundProperties().stream().map(p -> withoutIndex(p.getName()))
                .distinct().toList();
        if (bound.contains(named)) {
            return named.toString();
        }
        List<ConfigurationPropertyName> sameLeaf = bound.stream()
                .filter(n -> n.getNumberOfElements() == named.getNumberOfElements() && n.getLastElement(Form.DASHED).equals(last))
                .toList();
        return (sameLeaf.size() == 1 ? sameLeaf.get(0) : named).toString();
    }

    private static ConfigurationPropertyName withoutIndex(ConfigurationPropertyName name) {
        ConfigurationPropertyName n = name;
        while (n.getNumberOfElements() > 1 && n.isLastElementIndexed()) {
            n = n.getParent();
        }
        return n;
    }

    /** A list as the operator wrote it (P,C), anything else as is. */
    /** Names of settings whose value is never shown (a mistyped secret is still a secret; serve logs a tenant's error). */
    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile("(?i)secret|password|token|key");

    private static String shown(String name, Object value) {
        if (SECRET.matcher(name).find()) {
            return "****";
        }
        return value instanceof java.util.Collection<?> c ? String.join(",", c.stream().map(String::valueOf).toList()) : value.toString();
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
