package io.cscartxero.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroTrackingCategories;
import io.cscartxero.xero.model.TrackingCategory;
import io.cscartxero.xero.model.TrackingOption;
import org.junit.jupiter.api.Test;

/** The tracking categories and options a run needs, made to exist once, within Xero's limits. */
class TrackingOptionsTest {

    /** Xero as a list; counts the calls; refuses a 101st option like the sandbox. */
    static final class FakeXero extends XeroTrackingCategories {
        final List<TrackingCategory> categories = new ArrayList<>();
        int reads;
        int categoryPuts;
        int optionPuts;

        FakeXero() {
            super(null);
        }

        @Override
        public List<TrackingCategory> all() {
            reads++;
            return List.copyOf(categories);
        }

        @Override
        public TrackingCategory createCategory(String name) {
            categoryPuts++;
            TrackingCategory c = new TrackingCategory("cat-" + name, name, "ACTIVE", List.of(), null);
            categories.add(c);
            return c;
        }

        @Override
        public TrackingOption createOption(String categoryId, String name) {
            optionPuts++;
            if (name.startsWith("Refused")) {
                throw new XeroApiException.Validation(List.of("A tracking category can have at most 100 options."));
            }
            return new TrackingOption("opt-" + name, name, "ACTIVE", null);
        }
    }

    private static TrackingDimension dimension(int index, String name, String fallback) {
        return new TrackingDimension(index, name, TrackingDimension.Source.STOREFRONT, Map.of(), fallback);
    }

    private static TrackingCategory withOptions(String name, int options) {
        List<TrackingOption> list = new ArrayList<>();
        for (int i = 0; i < options; i++) {
            list.add(new TrackingOption("o" + i, "Option " + i, "ACTIVE", null));
        }
        return new TrackingCategory("id-" + name, name, "ACTIVE", list, null);
    }

    @Test
    void missingCategoriesAndOptionsAreCreatedOnceAndExistingOnesUsedAsXeroSpellsThem() {
        FakeXero xero = new FakeXero();
        xero.categories.add(withOptions("Channel", 2));
        TrackingOptions options = new TrackingOptions(xero, List.of(dimension(1, "channel", null), dimension(2, "Payment", null)), true);
        TrackingDimension channel = dimension(1, "channel", null);
        TrackingDimension payment = dimension(2, "Payment", null);

        assertThat(options.option(channel, "option 1")).isEqualTo("Option 1");
        assertThat(options.option(payment, "Credit card")).isEqualTo("Credit card");
        assertThat(options.option(payment, "credit CARD")).isEqualTo("Credit card");
        assertThat(options.option(payment, "  Bank\ttransfer ")).isEqualTo("Bank transfer");

        assertThat(xero.reads).isEqualTo(1);
        assertThat(xero.categoryPuts).isEqualTo(1);
        assertThat(xero.optionPuts).isEqualTo(2);
        assertThat(options.calls()).containsExactly(1, 1, 2);
    }

    @Test
    void aThirdActiveCategoryStopsTheRunBeforeAnythingIsSent() {
        FakeXero xero = new FakeXero();
        xero.categories.add(withOptions("Region", 1));
        xero.categories.add(withOptions("Department", 1));
        TrackingOptions options = new TrackingOptions(xero, List.of(dimension(1, "Channel", null)), true);

        assertThatThrownBy(options::prepare).isInstanceOf(PreflightException.class)
                .hasMessageContaining("xero.tracking.1.name: Xero has no tracking category 'Channel' and already has 2 active ones"
                        + " (Department, Region)");
        assertThat(xero.categoryPuts).isZero();
    }

    @Test
    void beyondAHundredOptionsAndRefusedOptionsTheLineGetsTheFallback() {
        FakeXero xero = new FakeXero();
        xero.categories.add(withOptions("Channel", 99));
        TrackingDimension channel = dimension(1, "Channel", "Other");
        TrackingOptions options = new TrackingOptions(xero, List.of(channel), true);

        options.prepare();   // creates the fallback: the 100th option
        assertThat(xero.optionPuts).isEqualTo(1);
        assertThat(options.option(channel, "Marketplace")).isEqualTo("Other");
        assertThat(options.option(channel, "Marketplace")).isEqualTo("Other");
        assertThat(xero.optionPuts).isEqualTo(1);
        assertThat(options.unplaced()).containsExactly("Channel/marketplace");
        assertThat(options.option(channel, "Option 5")).isEqualTo("Option 5");
        assertThat(options.option(channel, "")).isEqualTo("Other");
        assertThat(options.option(channel, null)).isEqualTo("Other");

        FakeXero other = new FakeXero();
        TrackingDimension noFallback = dimension(1, "Channel", null);
        TrackingOptions refused = new TrackingOptions(other, List.of(noFallback), true);
        assertThat(refused.option(noFallback, "Refused one")).isNull();
        assertThat(refused.option(noFallback, "Refused one")).isNull();
        assertThat(other.optionPuts).isEqualTo(1);
    }

    @Test
    void aDryRunAsksXeroNothingAndNamesAreCutToAHundredCharacters() {
        FakeXero xero = new FakeXero();
        TrackingDimension channel = dimension(1, "Channel", null);
        TrackingOptions options = new TrackingOptions(xero, List.of(channel), false);

        assertThat(options.option(channel, "y".repeat(150))).hasSize(100);
        assertThat(xero.reads + xero.categoryPuts + xero.optionPuts).isZero();
    }
}
