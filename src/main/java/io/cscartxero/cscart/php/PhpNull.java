package io.cscartxero.cscart.php;

/** {@code N;} */
public record PhpNull() implements PhpValue {

    public static final PhpNull INSTANCE = new PhpNull();

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public boolean isNull() {
        return true;
    }
}
