package io.cscartxero.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LookupBatchesTest {

    @Test
    void batchesOfFortyInOrderAndGuidWheres() {
        List<String> ids = IntStream.rangeClosed(1, 81).mapToObj(i -> "id-" + i).toList();

        List<List<String>> batches = LookupBatches.of(ids);

        assertThat(batches).extracting(List::size).containsExactly(40, 40, 1);
        assertThat(batches.get(1).get(0)).isEqualTo("id-41");
        assertThat(batches.get(2)).containsExactly("id-81");
        assertThat(LookupBatches.of(List.of())).isEmpty();
        assertThat(LookupBatches.guidOr("CreditNoteID", List.of("a", "b")))
                .isEqualTo("CreditNoteID==Guid(\"a\") OR CreditNoteID==Guid(\"b\")");
    }
}
