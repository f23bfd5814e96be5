package io.cscartxero;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Which package of the connector may know which (main code only; tests may use anything).
 *
 * <pre>
 *   io.cscartxero (CsCartXeroApplication)   the top: knows everything, known by nobody
 *   cli, check, console                      commands: may use features and everything below them; nothing
 *                                            knows console (serve's operator console, found by component scan)
 *   customer, product, order, payment        features: never each other
 *   contact                                  what customers and orders share: contacts, CS-Cart customers
 *   bookkeeping                              what orders and products share: revenue accounts by what was sold, tracking
 *   ops, sync, tax                           shared by the features, know none of them
 *   cscart | xero                            one side each: neither knows the other
 *   infra                                    knows no other package
 *   sandbox                                  the fake Xero: knows only itself
 * </pre>
 *
 * and no two packages know each other, however indirectly. What two features share lives in a shared package both
 * depend on: the contact logic of customerExportJob and of the order export's buyer step is {@code contact}; the
 * revenue account and tracking of what was sold (order lines, items) is {@code bookkeeping}, which uses only
 * {@code xero} and {@code cscart}.
 */
@AnalyzeClasses(packages = "io.cscartxero", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Packages of one kind of synced record, each with its own jobs; a new one (payments, credit notes) goes here. */
    static final List<String> FEATURES = List.of("customer", "product", "order", "payment", "refund", "reconcile");

    private static final String ROOT = "io.cscartxero";

    private static String[] packages(String... names) {
        return Arrays.stream(names).map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    /** The feature a class belongs to, or null. */
    static String featureOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        return FEATURES.stream().filter(f -> name.equals(ROOT + "." + f) || name.startsWith(ROOT + "." + f + "."))
                .findFirst().orElse(null);
    }

    /** Packages the features share; they know no feature. */
    static final List<String> SHARED = List.of("contact", "bookkeeping", "sync", "tax", "ops", "xero", "cscart", "infra", "sandbox", "tenant");

    /** One violation per dependency (not one per pair of packages), so that a failure names each offending use. */
    private static final ArchCondition<JavaClass> NOT_DEPEND_ON_ANOTHER_FEATURE =
            new ArchCondition<>("not depend on classes of another feature") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    String own = featureOf(item);
                    for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                        String target = featureOf(dependency.getTargetClass());
                        if (target != null && !target.equals(own)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            };

    @ArchTest
    static final ArchRule featuresNeverImportFeatures = classes().that().resideInAnyPackage(packages(FEATURES.toArray(String[]::new)))
            .should(NOT_DEPEND_ON_ANOTHER_FEATURE)
            .because("a feature (customer, product, order) shares code with another only through a package both depend on (contact, sync, ...)");

    @ArchTest
    static final ArchRule everyJobLivesInAFeature = classes().that().haveSimpleNameEndingWith("JobConfiguration")
            .should().resideInAnyPackage(packages(FEATURES.toArray(String[]::new)))
            .because("a package with jobs is a feature: add it to ArchitectureTest.FEATURES so that the rules above cover it");

    @ArchTest
    static final ArchRule sharedPackagesKnowNoFeature = noClasses()
            .that().resideInAnyPackage(packages(SHARED.toArray(String[]::new)))
            .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES.toArray(String[]::new)))
            .because("what the features share must not lead back into one of them");

    @ArchTest
    static final ArchRule contactKnowsOnlySyncXeroAndCsCart = noClasses().that().resideInAPackage(ROOT + ".contact..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                    .and(resideOutsideOfPackages(packages("contact", "sync", "xero", "cscart"))))
            .because("contact is the common ground of customers and orders: it uses sync, xero and cscart, no feature and nothing above them");

    @ArchTest
    static final ArchRule bookkeepingKnowsOnlyXeroAndCsCart = noClasses().that().resideInAPackage(ROOT + ".bookkeeping..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                    .and(resideOutsideOfPackages(packages("bookkeeping", "xero", "cscart"))))
            .because("bookkeeping is what orders and products share about accounts and tracking: it uses xero and cscart only");

    @ArchTest
    static final ArchRule xeroKnowsNothingOfCsCart = noClasses().that().resideInAPackage(ROOT + ".xero..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".cscart..")
            .because("the Xero client speaks Xero's API only");

    @ArchTest
    static final ArchRule xeroKnowsNoOtherPackage = noClasses().that().resideInAPackage(ROOT + ".xero..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(resideOutsideOfPackage(ROOT + ".xero..")))
            .because("the Xero client is a library of the connector, usable by any package");

    @ArchTest
    static final ArchRule csCartKnowsNothingOfXero = noClasses().that().resideInAPackage(ROOT + ".cscart..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".xero..")
            .because("the CS-Cart side reads and writes the store's database only");

    @ArchTest
    static final ArchRule infraKnowsNoOtherPackage = noClasses().that().resideInAPackage(ROOT + ".infra..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(resideOutsideOfPackage(ROOT + ".infra..")))
            .because("infrastructure (the data sources) is at the bottom");

    @ArchTest
    static final ArchRule sandboxImportsNothingOfTheProduct = noClasses().that().resideInAPackage(ROOT + ".sandbox..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(resideOutsideOfPackage(ROOT + ".sandbox..")))
            .because("the sandbox is an independent fake of Xero: sharing the product's code would let a bug agree with itself");

    @ArchTest
    static final ArchRule nobodyKnowsTheApplicationClass = noClasses().that().resideOutsideOfPackage(ROOT)
            .should().dependOnClassesThat().resideInAPackage(ROOT)
            .because("the application class starts everything and is started by nothing (the CLI gets it passed in)");

    @ArchTest
    static final ArchRule nothingKnowsTheConsole = noClasses().that().resideOutsideOfPackage(ROOT + ".console..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".console..")
            .because("the operator console is a command layer on top (like cli): it may be left out, and it is switched off by default");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
}
