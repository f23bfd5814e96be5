package io.cscartxero.cscart.php;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code a:2:{i:0;s:1:"x";s:3:"key";d:1.5;}} — an ordered map, as PHP arrays are. Keys are kept as text the way PHP
 * itself treats them: {@code i:7} and {@code s:1:"7"} are the same key "7" (PHP turns decimal-integer strings into
 * int keys), so look-ups work whichever form the writer used. A key repeated in the input keeps its first position
 * and its last value, like PHP.
 */
public record PhpArray(Map<String, PhpValue> entries) implements PhpValue {

    public static final PhpArray EMPTY = new PhpArray(Map.of());

    public PhpArray {
        // a map the unserializer filled and handed over is not copied again (no one else holds it)
        entries = Collections.unmodifiableMap(entries instanceof Owned ? entries : new LinkedHashMap<>(entries));
    }

    /** The unserializer's own map for one array, sized for its declared count, handed to the array without a copy. */
    static final class Owned extends LinkedHashMap<String, PhpValue> {

        private static final long serialVersionUID = 1L;

        Owned(int count) {
            super(Math.max(4, (int) (count / 0.75f) + 1));
        }
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public PhpArray asArray() {
        return this;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    /** The value under {@code key}, or null when absent. */
    public PhpValue get(String key) {
        return entries.get(key);
    }

    public PhpValue get(long key) {
        return entries.get(Long.toString(key));
    }

    /** {@link PhpValue#asText()} of the value under {@code key}; null when absent or not a scalar. */
    public String getString(String key) {
        PhpValue v = entries.get(key);
        return v == null ? null : v.asText();
    }

    /** {@link PhpValue#asDecimal()} of the value under {@code key}: null when absent or not a number. */
    public BigDecimal getDecimal(String key) {
        PhpValue v = entries.get(key);
        return v == null ? null : v.asDecimal();
    }

    /** The array (or object properties) under {@code key}; null when absent or a scalar. */
    public PhpArray getArray(String key) {
        PhpValue v = entries.get(key);
        return v == null ? null : v.asArray();
    }

    /** The values in order, keys dropped. */
    public List<PhpValue> asList() {
        return List.copyOf(entries.values());
    }

    /** Whether the keys are 0, 1, 2, … in order, i.e. PHP would call this a list. */
    public boolean isList() {
        int i = 0;
        for (String key : entries.keySet()) {
            if (!key.equals(Integer.toString(i++))) {
                return false;
            }
        }
        return true;
    }
}
