package io.cscartxero.badinput;

/** Small text checks shared by the cases. */
final class Text {

    private Text() {
    }

    /** True when a UTF-16 surrogate lacks its partner: a 4-byte character was cut in half. */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** True when the text holds a C0 control character other than tab, line feed and carriage return. */
    static boolean hasControlCharacter(String s) {
        return s != null && s.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    }
}
