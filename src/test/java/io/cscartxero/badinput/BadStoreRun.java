package io.cscartxero.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sync.ErrorLog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One store per test class, many bad records in it, one run of the job over all of them: {@link #cases()} is the
 * table, each row writes its own record; then the job runs once and every row is checked against what became of its
 * record, while the good records written by {@link #writeGoodRecords()} must all arrive exactly once.
 *
 * @param <C> the context the case setups get
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadStoreRun<C> {

    protected ConnectorHarness harness;
    protected ConfigurableApplicationContext app;
    protected JobLaunchService.Outcome outcome;
    protected List<ErrorLog.Row> errors;
    protected long runMillis;
    private final Map<Case<C>, String> ids = new LinkedHashMap<>();
    private List<Case<C>> cases;

    /** The job under test. */
    abstract String job();

    /** The case table. */
    abstract List<Case<C>> cases();

    /** Starts the harness and writes the store's good records (before any case). */
    abstract C prepare();

    /** Ids of the good records, which must all be in Xero (or CS-Cart) exactly once. */
    abstract List<String> goodIds();

    /** How many times the record is in the target system (Xero for exports, CS-Cart for imports). */
    abstract int copiesInTarget(String id);

    /** Parameters of the job run. */
    Map<String, String> parameters() {
        return Map.of();
    }

    /** Last chance before the application starts (e.g. properties). */
    void beforeApp() {
    }

    @BeforeAll
    void runTheJobOverTheBadStore() throws Exception {
        C context = prepare();
        cases = cases();
        for (Case<C> c : cases) {
            ids.put(c, c.setup().apply(context));
        }
        beforeApp();
        app = harness.startApp();
        long started = System.nanoTime();
        outcome = ConnectorHarness.jobs(app).run(job(), parameters());
        runMillis = (System.nanoTime() - started) / 1_000_000;
        errors = outcome.execution() == null ? List.of()
                : app.getBean(ErrorLog.class).find(job(), outcome.execution().getId(), 10_000);
        afterRun();
    }

    /** Snapshot whatever the checks need, right after the run. */
    void afterRun() {
    }

    @AfterAll
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    List<Case<C>> table() {
        return cases;
    }

    String idOf(String caseName) {
        return ids.entrySet().stream().filter(e -> e.getKey().name().equals(caseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + caseName)).getValue();
    }

    List<ErrorLog.Row> errorsFor(String id) {
        return errors.stream().filter(e -> id.equals(e.cscartId()) || ("xero:" + id).equals(e.cscartId())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachBadRecordIsSyncedSensiblyOrLoggedClearly(Case<C> c) throws Exception {
        String id = ids.get(c);
        List<ErrorLog.Row> logged = errorsFor(id);
        switch (c.expect()) {
            case SYNCED -> {
                assertThat(logged).as("error-log rows of %s", id).isEmpty();
                assertThat(copiesInTarget(id)).as("copies of %s", id).isEqualTo(1);
            }
            case LOGGED -> {
                assertThat(logged).as("error-log rows of %s", id).hasSize(1);
                assertThat(logged.get(0).message()).as("message of %s", id).contains(c.logged());
                assertThat(copiesInTarget(id)).as("copies of %s", id).isZero();
            }
            case WARNED -> {
                assertThat(logged).as("error-log rows of %s", id).hasSize(1);
                assertThat(logged.get(0).message()).as("message of %s", id).startsWith("Warning").contains(c.logged());
                assertThat(copiesInTarget(id)).as("copies of %s", id).isEqualTo(1);
            }
            case NOT_SELECTED -> {
                assertThat(logged).as("error-log rows of %s", id).isEmpty();
                assertThat(copiesInTarget(id)).as("copies of %s", id).isZero();
            }
        }
        c.check().verify(id);
    }

    /** Records of the shared run, outside the case table, that must be logged too. */
    long extraLogged() {
        return 0;
    }

    @Test
    void theJobCompletesAndReportsItsSkips() {
        assertThat(outcome.execution()).as(outcome.message()).isNotNull();
        assertThat(outcome.execution().getStatus()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
        long logged = cases.stream().filter(c -> c.expect() == Case.Expect.LOGGED).count() + extraLogged();
        long warned = cases.stream().filter(c -> c.expect() == Case.Expect.WARNED).count();
        // warnings are rows of the error log, but the record reached its target: no skip, no exit 3 for them
        assertThat(outcome.exitCode()).isEqualTo(logged > 0 ? JobLaunchService.EXIT_COMPLETED_WITH_SKIPS : JobLaunchService.EXIT_COMPLETED);
        assertThat(errors).hasSize((int) (logged + warned));
        assertThat(runMillis).as("run time in ms").isLessThan(60_000);
    }

    @Test
    void everyGoodRecordArrivesExactlyOnce() {
        assertThat(goodIds()).isNotEmpty().allSatisfy(id -> assertThat(copiesInTarget(id)).as("copies of good record %s", id).isEqualTo(1));
        assertThat(goodIds()).allSatisfy(id -> assertThat(errorsFor(id)).isEmpty());
    }

    @Test
    void noMessageCarriesASecret() {
        Set<String> secrets = secrets();
        List<String> messages = new ArrayList<>(errors.stream().map(ErrorLog.Row::message).toList());
        errors.stream().map(ErrorLog.Row::payloadSummary).filter(s -> s != null).forEach(messages::add);
        messages.add(outcome.message());
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(messages).noneMatch(m -> m.contains(secret));
        }
    }

    @Test
    void aSecondRunSendsNothingAndDuplicatesNothing() {
        long writes = harness.sandbox.stats().writeCalls();
        JobLaunchService.Outcome again = ConnectorHarness.jobs(app).run(job(), parameters());
        assertThat(again.execution().getStatus()).as(again.message()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
        assertThat(goodIds()).allSatisfy(id -> assertThat(copiesInTarget(id)).isEqualTo(1));
        for (Case<C> c : cases) {
            assertThat(copiesInTarget(ids.get(c))).as("copies of %s after a second run", c.name())
                    .isEqualTo(c.expect() == Case.Expect.SYNCED || c.expect() == Case.Expect.WARNED ? 1 : 0);
        }
    }

    /** CHECKSUM TABLE of the given CS-Cart tables: equal before and after means no row was written. */
    String checksum(String... tables) {
        StringBuilder sb = new StringBuilder();
        for (String t : tables) {
            sb.append(store().queryForList("CHECKSUM TABLE " + StoreRows.P + t)).append(';');
        }
        return sb.toString();
    }

    /** The client secret and every access token the sandbox saw. */
    Set<String> secrets() {
        Set<String> secrets = new TreeSet<>();
        secrets.add(harness.sandbox.settings().clientSecret());
        for (RecordedRequest r : harness.sandbox.stats().requests()) {
            String auth = r.header("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                secrets.add(auth.substring("Bearer ".length()));
            }
        }
        return secrets;
    }

    JdbcTemplate connectorDb() {
        return app.getBean(JdbcTemplate.class);
    }

    JdbcTemplate store() {
        return harness.cscartJdbc();
    }
}
