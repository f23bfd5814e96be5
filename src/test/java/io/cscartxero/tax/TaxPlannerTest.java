package io.cscartxero.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.tax.CreatedTaxRates.Created;
import io.cscartxero.tax.TaxPlan.Entry;
import io.cscartxero.tax.TaxPlan.Resolution;
import io.cscartxero.xero.model.TaxRate;
import io.cscartxero.xero.model.TaxRate.TaxComponent;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Resolution of CS-Cart taxes at their rates to Xero TaxTypes: mapped, per rate, matched, ambiguous, created, none. */
class TaxPlannerTest {

    static final AppliedTax VAT_10 = new AppliedTax("6", "VAT", bd("10.000"), 0, true);
    static final AppliedTax VAT_12 = new AppliedTax("6", "VAT", bd("12.000"), 0, true);
    static final AppliedTax VAT_3 = new AppliedTax("6", "VAT", bd("3.000"), 0, true);
    static final AppliedTax STATE = new AppliedTax("8", "Sales Tax", bd("8.875"), 1, false);
    static final AppliedTax COUNTY_COMPOUND = new AppliedTax("9", "County Tax", bd("2.5"), 2, false);
    static final AppliedTax COUNTY_SAME = new AppliedTax("9", "County Tax", bd("2.5"), 1, false);

    static final TaxRate OUTPUT = rate("OUTPUT", "10% GST on Income", "10", true, "ACTIVE", "10");
    static final TaxRate OUTPUT2 = rate("OUTPUT2", "15% GST on Income", "15", true, "ACTIVE", "15");
    static final TaxRate INPUT12 = rate("INPUT12", "12% on Expenses", "12", false, "ACTIVE", "12");
    static final TaxRate OLD12 = rate("TAX009", "Old 12%", "12", true, "DELETED", "12");

    final List<TaxRate> created = new ArrayList<>();
    final List<Created> remembered = new ArrayList<>();

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    static TaxRate rate(String type, String name, String effective, boolean revenue, String status, String... components) {
        List<TaxComponent> c = new ArrayList<>();
        for (String r : components) {
            c.add(new TaxComponent("C", bd(r), false, false));
        }
        return new TaxRate(name, type, status, bd(effective), revenue, null, bd(effective), c);
    }

    static Map<String, TaxCombo> combos(TaxCombo... combos) {
        Map<String, TaxCombo> map = new LinkedHashMap<>();
        for (TaxCombo c : combos) {
            map.put(c.key(), c);
        }
        return map;
    }

    TaxPlan plan(Map<String, TaxCombo> onOrders, Map<String, String> rules, List<TaxRate> xero, Map<String, Created> earlier,
            boolean createMissing, boolean apply) {
        Map<String, Long> counts = new LinkedHashMap<>();
        onOrders.keySet().forEach(k -> counts.put(k, 3L));
        var input = new TaxPlanner.Input(onOrders, counts, Map.of(), Map.of(), TaxTypeRules.of(rules), xero, earlier, createMissing);
        TaxPlanner.Creator creator = apply ? (combo, request) -> {
            TaxRate answered = new TaxRate(request.name(), String.format("TAX%03d", created.size() + 1), "ACTIVE",
                    TaxCombo.effectiveRate(combo.components()).setScale(4, java.math.RoundingMode.HALF_UP), true, null, null,
                    request.taxComponents());
            created.add(answered);
            return answered;
        } : null;
        return new TaxPlanner(input, creator, remembered::add).plan();
    }

    static Entry entry(TaxPlan plan, String key) {
        return plan.entries().stream().filter(e -> e.combo().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void anIdMappingStillWinsButMustMatchTheRateAndAPerRateLineWinsOverIt() {
        TaxPlan byId = plan(combos(TaxCombo.of(VAT_10), TaxCombo.of(VAT_12)), Map.of("6", "OUTPUT"),
                List.of(OUTPUT, OUTPUT2, rate("TAX001", "VAT 12%", "12", true, "ACTIVE", "12")), Map.of(), false, true);
        assertThat(entry(byId, "6@10").resolution()).isEqualTo(Resolution.MAPPED);
        assertThat(entry(byId, "6@10").taxType()).isEqualTo("OUTPUT");
        Entry wrong = entry(byId, "6@12");
        assertThat(wrong.resolution()).isEqualTo(Resolution.MAPPING_WRONG);
        assertThat(wrong.why()).isEqualTo("CS-Cart tax 6 (VAT) at 12 % is 12 % but its Xero tax type OUTPUT (xero.tax-types.6) is 10 %");
        assertThat(wrong.lines()).containsExactly("xero.tax-types.6@12=<TaxType of 12 %>");
        assertThat(byId.ok()).isFalse();

        TaxPlan perRate = plan(combos(TaxCombo.of(VAT_10), TaxCombo.of(VAT_12)), Map.of("6", "OUTPUT", "6@12", "TAX001"),
                List.of(OUTPUT, rate("TAX001", "VAT 12%", "12", true, "ACTIVE", "12")), Map.of(), false, true);
        assertThat(perRate.ok()).isTrue();
        assertThat(perRate.taxTypesByRateKey()).containsExactlyInAnyOrderEntriesOf(Map.of("6@10", "OUTPUT", "6@12", "TAX001"));
        assertThat(entry(perRate, "6@12").why()).isEqualTo("xero.tax-types.6@12=TAX001");
        assertThat(created).isEmpty();
    }

    @Test
    void withoutAMappingTheOneActiveRevenueRateAtTheRateIsMatched() {
        // INPUT12 is not for revenue and TAX009 is deleted: the only usable 12 % rate is TAX002
        TaxPlan plan = plan(combos(TaxCombo.of(VAT_10), TaxCombo.of(VAT_12)), Map.of(),
                List.of(OUTPUT, OUTPUT2, INPUT12, OLD12, rate("TAX002", "Standard 12", "12.0000", true, "ACTIVE", "12")),
                Map.of(), false, true);
        assertThat(plan.ok()).isTrue();
        assertThat(entry(plan, "6@10").resolution()).isEqualTo(Resolution.MATCHED);
        assertThat(entry(plan, "6@10").taxType()).isEqualTo("OUTPUT");
        assertThat(entry(plan, "6@12").taxType()).isEqualTo("TAX002");
        assertThat(entry(plan, "6@12").lines()).containsExactly("xero.tax-types.6@12=TAX002");
    }

    @Test
    void anAmbiguousRateIsAProblemNamingTheCandidatesUnlessOneHasTheTaxesComponents() {
        TaxCombo sameLine = TaxCombo.of(STATE, COUNTY_SAME);  // 8.875 + 2.5 = 11.375 %, same priority
        List<TaxRate> twoRates = List.of(rate("TAX001", "NY combined", "11.375", true, "ACTIVE", "11.375"),
                rate("TAX002", "Other 11.375", "11.375", true, "ACTIVE", "11.375"));
        TaxPlan ambiguous = plan(combos(sameLine), Map.of(), twoRates, Map.of(), false, true);
        Entry e = entry(ambiguous, "8@8.875+9@2.5");
        assertThat(e.resolution()).isEqualTo(Resolution.NONE);
        assertThat(e.lines()).containsExactly("xero.tax-types.[8@8.875+9@2.5]=TAX001    # NY combined",
                "xero.tax-types.[8@8.875+9@2.5]=TAX002    # Other 11.375");
        assertThat(ambiguous.problems()).contains("Xero has 2 ACTIVE revenue tax rates at 11.375 %")
                .contains("xero.tax-types.[8@8.875+9@2.5]=TAX001").contains("xero.tax-rates.create-missing=true");

        List<TaxRate> oneWithComponents = List.of(twoRates.get(0), rate("TAX003", "State + county", "11.375", true, "ACTIVE", "2.5", "8.875"));
        TaxPlan preferred = plan(combos(sameLine), Map.of(), oneWithComponents, Map.of(), false, true);
        assertThat(entry(preferred, "8@8.875+9@2.5").resolution()).isEqualTo(Resolution.MATCHED);
        assertThat(entry(preferred, "8@8.875+9@2.5").taxType()).isEqualTo("TAX003");
    }

    @Test
    void withoutCreateMissingAMissingRateIsOneMessageWithTheLinesToAdd() {
        TaxPlan plan = plan(combos(TaxCombo.of(VAT_10), TaxCombo.of(VAT_12), TaxCombo.of(VAT_3)), Map.of(), List.of(OUTPUT, OUTPUT2),
                Map.of(), false, true);
        assertThat(plan.ok()).isFalse();
        assertThat(plan.problems()).isEqualTo("""
                Taxes: 2 CS-Cart tax rates on the orders of this run have no Xero tax type:
                  - CS-Cart tax 6 (VAT) at 3 % (3 orders): Xero has no ACTIVE revenue tax rate at 3 %
                  - CS-Cart tax 6 (VAT) at 12 % (3 orders): Xero has no ACTIVE revenue tax rate at 12 %
                Add to the configuration:
                    xero.tax-types.6@3=<TaxType>
                    xero.tax-types.6@12=<TaxType>
                or let the connector create the missing rates in Xero:
                    xero.tax-rates.create-missing=true""");
        assertThat(created).isEmpty();
    }

    @Test
    void withCreateMissingEachMissingRateIsCreatedOnceNamedAfterTheTaxesWithOneComponentPerTax() {
        TaxCombo compound = TaxCombo.of(STATE, COUNTY_COMPOUND);
        TaxPlan plan = plan(combos(TaxCombo.of(VAT_10), TaxCombo.of(VAT_12), TaxCombo.of(VAT_3), compound), Map.of(),
                List.of(OUTPUT, OUTPUT2), Map.of(), true, true);
        assertThat(plan.ok()).isTrue();
        assertThat(entry(plan, "6@10").resolution()).isEqualTo(Resolution.MATCHED);
        assertThat(plan.created()).extracting(Entry::xeroName).containsExactly("VAT 3%", "VAT 12%", "Sales Tax 8.875% + County Tax 2.5%");
        assertThat(created).hasSize(3);
        // the county tax is added at a higher priority: compound on the state tax, 8.875 + 2.5 × 1.08875 = 11.596875 %
        TaxRate nyRate = created.get(2);
        assertThat(nyRate.taxComponents()).extracting(TaxComponent::name, c -> c.rate().stripTrailingZeros().toPlainString(),
                TaxComponent::isCompound).containsExactly(org.assertj.core.groups.Tuple.tuple("Sales Tax", "8.875", false),
                        org.assertj.core.groups.Tuple.tuple("County Tax", "2.5", true));
        assertThat(compound.combinedRate()).isEqualByComparingTo("11.596875");
        assertThat(entry(plan, "8@8.875+9@2.5").xeroRate()).isEqualByComparingTo("11.5969");
        assertThat(remembered).extracting(Created::rateKey).containsExactly("6@3", "6@12", "8@8.875+9@2.5");
        assertThat(plan.taxTypesByRateKey()).containsEntry("6@12", "TAX002");
    }

    @Test
    void aRateCreatedEarlierIsUsedAgainAndOneFoundByItsNameIsRemembered() {
        TaxRate vat12 = rate("TAX007", "VAT 12%", "12", true, "ACTIVE", "12");
        TaxRate other12 = rate("TAX008", "Books 12%", "12", true, "ACTIVE", "12");
        // remembered: used although two 12 % rates make the match ambiguous
        TaxPlan remember = plan(combos(TaxCombo.of(VAT_12)), Map.of(), List.of(vat12, other12),
                Map.of("6@12", new Created("6@12", "TAX007", "VAT 12%")), true, true);
        assertThat(entry(remember, "6@12").resolution()).isEqualTo(Resolution.CREATED_EARLIER);
        assertThat(entry(remember, "6@12").taxType()).isEqualTo("TAX007");
        // forgotten (a crash after Xero created it): found by the name the connector gives it, and remembered now
        TaxPlan byName = plan(combos(TaxCombo.of(VAT_12)), Map.of(), List.of(vat12, other12), Map.of(), true, true);
        assertThat(entry(byName, "6@12").resolution()).isEqualTo(Resolution.CREATED_EARLIER);
        assertThat(entry(byName, "6@12").taxType()).isEqualTo("TAX007");
        assertThat(remembered).containsExactly(new Created("6@12", "TAX007", "VAT 12%"));
        assertThat(created).isEmpty();
    }

    @Test
    void aNameTakenByAnUnusableRateIsAProblemNotADuplicate() {
        TaxPlan plan = plan(combos(TaxCombo.of(VAT_12)), Map.of(), List.of(rate("TAX004", "VAT 12%", "12", true, "ARCHIVED", "12")),
                Map.of(), true, true);
        assertThat(entry(plan, "6@12").resolution()).isEqualTo(Resolution.NONE);
        assertThat(entry(plan, "6@12").why()).contains("a Xero rate named \"VAT 12%\" exists but is ARCHIVED");
        assertThat(created).isEmpty();
    }

    @Test
    void aReadOnlyPlanSaysWhatWouldBeCreatedAndADryRunAsksNothing() {
        TaxPlan readOnly = plan(combos(TaxCombo.of(VAT_12)), Map.of(), List.of(OUTPUT), Map.of(), true, false);
        assertThat(readOnly.ok()).isTrue();
        assertThat(entry(readOnly, "6@12").resolution()).isEqualTo(Resolution.WOULD_CREATE);
        assertThat(entry(readOnly, "6@12").xeroName()).isEqualTo("VAT 12%");
        assertThat(created).isEmpty();

        TaxPlan dry = plan(combos(TaxCombo.of(VAT_12), TaxCombo.of(VAT_10)), Map.of("6@10", "OUTPUT"), null, Map.of(), false, false);
        assertThat(dry.ok()).isTrue();
        assertThat(dry.taxTypesByRateKey()).containsEntry("6@10", "OUTPUT").containsEntry("6@12", "NEW:6@12");
        assertThat(dry.ratesByTaxType().get("NEW:6@12")).isEqualByComparingTo("12");
    }

    @Test
    void taxesOverThreePrioritiesCannotBeOneXeroRate() {
        TaxCombo three = TaxCombo.of(new AppliedTax("1", "A", bd("5"), 1, false), new AppliedTax("2", "B", bd("5"), 2, false),
                new AppliedTax("3", "C", bd("5"), 3, false));
        TaxPlan plan = plan(combos(three), Map.of(), List.of(OUTPUT), Map.of(), true, true);
        assertThat(entry(plan, three.key()).resolution()).isEqualTo(Resolution.NOT_EXPRESSIBLE);
        assertThat(plan.ok()).isFalse();
        assertThat(created).isEmpty();
    }

    @Test
    void mappingKeysAreReadInEveryForm() {
        TaxTypeRules rules = TaxTypeRules.of(Map.of("6", "OUTPUT", "6@12%", "TAX001", "[9@2.50+8@8.875]", "TAX002", "9+8", "TAX003"));
        assertThat(rules.rules()).extracting(TaxTypeRules.Rule::key).containsExactly("6", "6@12", "8+9", "8@8.875+9@2.5");
        assertThat(rules.find(TaxCombo.of(VAT_12)).taxType()).isEqualTo("TAX001");
        assertThat(rules.find(TaxCombo.of(VAT_3)).taxType()).isEqualTo("OUTPUT");
        assertThat(rules.find(TaxCombo.of(STATE, COUNTY_SAME)).taxType()).isEqualTo("TAX002");
        assertThat(rules.find(TaxCombo.of(STATE, new AppliedTax("9", "", bd("4"), 0, false))).taxType()).isEqualTo("TAX003");
        assertThat(rules.find(TaxCombo.of(STATE))).isNull();
        assertThatThrownBy(() -> TaxTypeRules.of(Map.of("6@twelve", "X"))).hasMessageContaining("xero.tax-types.6@twelve is not understood");
        assertThatThrownBy(() -> TaxTypeRules.of(Map.of("6@12", " "))).hasMessageContaining("xero.tax-types.6@12 is empty");
        assertThatThrownBy(() -> TaxTypeRules.of(Map.of("[6+6@12]", "X"))).hasMessageContaining("names tax 6 twice");
    }

    @Test
    void mappingLinesAreReadFromThePropertyNamesSoTheAtSignSurvives() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("xero.tax-types.6@12", "TAX001",
                "xero.tax-types.[8@8.875+9@2.5]", "TAX002", "xero.tax-types.6", "OUTPUT", "xero.tax-rates.create-missing", "true")));
        TaxTypeRules rules = TaxTypeRules.from(env);
        assertThat(rules.rules()).extracting(TaxTypeRules.Rule::key, TaxTypeRules.Rule::taxType).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("6", "OUTPUT"), org.assertj.core.groups.Tuple.tuple("6@12", "TAX001"),
                org.assertj.core.groups.Tuple.tuple("8@8.875+9@2.5", "TAX002"));
    }
}
