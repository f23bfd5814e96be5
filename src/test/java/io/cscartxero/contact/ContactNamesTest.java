package io.cscartxero.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactNamesTest {

    @Test
    void baseNamePrefersCompanyThenPersonThenEmailThenId() {
        assertThat(ContactNames.baseName(1, " Acme  Ltd ", "Ada", "Lovelace", "a@x.org")).isEqualTo("Acme Ltd");
        assertThat(ContactNames.baseName(1, "", "  Ada ", " Lovelace", "a@x.org")).isEqualTo("Ada Lovelace");
        assertThat(ContactNames.baseName(1, "", "", "", " a@x.org ")).isEqualTo("a@x.org");
        assertThat(ContactNames.baseName(7, "", "", "", "")).isEqualTo("CS-Cart customer 7");
    }

    @Test
    void lowestUserIdKeepsASharedNameAndOthersGetTheirIdCaseInsensitively() {
        ContactNames names = ContactNames.builder().add(12, "John Smith").add(5, "john smith").add(9, "Jane Doe").build();
        assertThat(names.nameFor(5, "john smith")).isEqualTo("john smith");
        assertThat(names.nameFor(12, "John Smith")).isEqualTo("John Smith (#12)");
        assertThat(names.nameFor(9, "Jane Doe")).isEqualTo("Jane Doe");
    }

    @Test
    void suffixedNamesStayWithinXerosLimitWithoutSplittingASurrogatePair() {
        String longName = "x".repeat(250) + "😀😀";
        String name = ContactNames.withSuffix(longName, ContactNames.suffix(123456));
        assertThat(name).hasSizeLessThanOrEqualTo(255).endsWith(" (#123456)");
        assertThat(Character.isHighSurrogate(name.charAt(name.length() - " (#123456)".length() - 1))).isFalse();
    }
}
