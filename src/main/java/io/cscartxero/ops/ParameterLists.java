package io.cscartxero.ops;

import java.util.Arrays;
import java.util.List;

/** Job parameters that carry lists ("1,2,3", "P,C") as text. */
public final class ParameterLists {

    private ParameterLists() {
    }

    public static List<Long> ids(String value, String name) {
        try {
            return strings(value).stream().map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a comma-separated list of numbers but was '" + value + "'");
        }
    }

    public static List<String> strings(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).map(String::strip).toList();
    }
}
