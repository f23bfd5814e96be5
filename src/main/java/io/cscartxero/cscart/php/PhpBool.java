package io.cscartxero.cscart.php;

/** {@code b:0;} or {@code b:1;} */
public record PhpBool(boolean value) implements PhpValue {

    @Override
    public String typeName() {
        return "bool";
    }

    @Override
    public String asText() {
        return value ? "1" : "";
    }
}
