package io.cscartxero.cscart.php;

/**
 * {@code O:8:"stdClass":1:{s:1:"a";i:1;}} — a class name and its properties, read like an array. Protected and
 * private property names keep PHP's NUL-delimited prefixes ({@code "\0*\0name"}, {@code "\0Class\0name"}).
 */
public record PhpObject(String className, PhpArray properties) implements PhpValue {

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public PhpArray asArray() {
        return properties;
    }
}
