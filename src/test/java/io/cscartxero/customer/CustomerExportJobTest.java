package io.cscartxero.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.ops.JobLock;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.ManualTime;
import io.cscartxero.testsupport.StoreGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** customerExportJob end to end: real MariaDB store, the Xero sandbox, the application as an operator runs it. */
class CustomerExportJobTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private ConnectorHarness harness(int customers) {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 11L).customers(customers);
        return harness;
    }

    private static StepExecution step(JobLaunchService.Outcome outcome) {
        return outcome.execution().getStepExecutions().iterator().next();
    }

    private Map<String, SandboxContact> contactsByNumber() {
        return harness.sandbox.contacts().stream().collect(Collectors.toMap(SandboxContact::contactNumber, Function.identity()));
    }

    @Test
    void everyCustomerBecomesOneContactWithItsFieldsInBatchesOfAtMostFifty() {
        harness(230);
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("customerExportJob", Map.of());

        StepExecution step = step(outcome);
        List<ErrorLog.Row> warnings = app.getBean(ErrorLog.class).find(null, outcome.execution().getId(), 1000);
        Set<String> withoutEmail = warnings.stream().map(ErrorLog.Row::cscartId).collect(Collectors.toSet());
        Map<String, SandboxContact> contacts = contactsByNumber();
        JdbcTemplate store = harness.cscartJdbc();
        long customers = store.queryForObject("SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C'", Long.class);

        // every customer is a contact, those whose e-mail Xero refuses too (issue 10: they used to be skipped)
        assertThat(customers).isEqualTo(230);
        assertThat(step.getReadCount()).isEqualTo(230);
        assertThat(contacts).hasSize(230);
        assertThat(step.getWriteCount()).isEqualTo(230);
        assertThat(step.getWriteSkipCount()).isZero();
        assertThat(warnings).isNotEmpty().hasSize(withoutEmail.size()).allSatisfy(w -> {
            assertThat(w.entity()).isEqualTo("CONTACT");
            assertThat(w.message()).startsWith("Warning: customer " + w.cscartId()).contains("EmailAddress")
                    .contains("Email address must be valid.");
            assertThat(w.xeroId()).isEqualTo(contacts.get("cscart-" + w.cscartId()).contactId());
        });
        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        // admins and vendors are not customers
        assertThat(contacts.keySet()).allMatch(n -> n.matches("cscart-\\d+"));
        Set<Long> adminIds = Set.copyOf(store.queryForList("SELECT user_id FROM cscart_users WHERE user_type <> 'C'", Long.class));
        assertThat(adminIds).isNotEmpty().noneMatch(id -> contacts.containsKey("cscart-" + id));

        // fields: compare each contact with its CS-Cart row
        store.query("SELECT u.user_id, u.email, u.firstname, u.lastname, p.b_address, p.b_city, p.s_address, p.s_zipcode "
                + "FROM cscart_users u JOIN cscart_user_profiles p ON p.user_id = u.user_id AND p.profile_type = 'P' "
                + "WHERE u.user_type = 'C'", rs -> {
                    SandboxContact c = contacts.get("cscart-" + rs.getLong("user_id"));
                    assertThat(nullToEmpty(c.emailAddress()))
                            .isEqualTo(withoutEmail.contains(rs.getString("user_id")) ? "" : rs.getString("email").strip());
                    assertThat(nullToEmpty(c.firstName())).isEqualTo(rs.getString("firstname").strip().replaceAll("\\s+", " "));
                    Map<String, String> pobox = address(c, "POBOX");
                    Map<String, String> street = address(c, "STREET");
                    assertThat(nullToEmpty(pobox.get("AddressLine1"))).isEqualTo(rs.getString("b_address").strip().replaceAll("\\s+", " "));
                    assertThat(nullToEmpty(pobox.get("City"))).isEqualTo(rs.getString("b_city").strip().replaceAll("\\s+", " "));
                    assertThat(nullToEmpty(street.get("AddressLine1"))).isEqualTo(rs.getString("s_address").strip().replaceAll("\\s+", " "));
                    assertThat(nullToEmpty(street.get("PostalCode"))).isEqualTo(rs.getString("s_zipcode").strip().replaceAll("\\s+", " "));
                });
        // names are unique as Xero demands, although the store has customers sharing a name
        assertThat(contacts.values().stream().map(c -> c.name().toLowerCase()).distinct().count()).isEqualTo(contacts.size());
        assertThat(contacts.values()).anyMatch(c -> c.name().matches(".* \\(#\\d+\\)"));

        // batches: 230 customers in chunks of 50 → 5 PUTs, none larger than 50, plus for each chunk with refused
        // e-mails one PUT carrying all of that chunk's refused contacts again without their e-mail
        List<Long> order = store.queryForList("SELECT user_id FROM cscart_users WHERE user_type = 'C' ORDER BY user_id", Long.class);
        long chunksWithRefusals = withoutEmail.stream().map(id -> order.indexOf(Long.valueOf(id)) / 50).distinct().count();
        var puts = SandboxRequests.writes(harness.sandbox, "PUT");
        assertThat(puts).hasSize(5 + (int) chunksWithRefusals).allMatch(r -> SandboxRequests.contactsIn(r) <= 50);
        assertThat(puts.stream().mapToInt(SandboxRequests::contactsIn).sum()).isEqualTo(230 + withoutEmail.size());
        assertThat(SandboxRequests.writes(harness.sandbox, "POST")).isEmpty();
        assertThat(puts).allMatch(r -> r.query().contains("summarizeErrors=false"));
        assertThat(puts).allMatch(r -> r.headers().get("idempotency-key") != null && r.headers().get("idempotency-key").length() <= 128);
    }

    /**
     * The link keeps the hash of the customer as mapped (with its e-mail): unchanged, it is not sent again although
     * Xero holds it without the e-mail; the e-mail corrected in CS-Cart, it is sent with it. An e-mail that turns
     * invalid later clears the contact's e-mail in Xero (the old address is no longer the customer's).
     */
    @Test
    void aCustomerWhoseEmailXeroRefusedIsInXeroWithoutItUntilTheEmailIsCorrected() {
        harness(120);
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        ErrorLog errorLog = app.getBean(ErrorLog.class);
        JobLaunchService.Outcome first = jobs.run("customerExportJob", Map.of());
        List<String> refused = errorLog.find(null, first.execution().getId(), 1000).stream().map(ErrorLog.Row::cscartId).sorted().toList();
        assertThat(refused).hasSizeGreaterThan(1);
        assertThat(harness.sandbox.contacts()).hasSize(120);

        long writes = harness.sandbox.stats().writeCalls();
        JobLaunchService.Outcome second = jobs.run("customerExportJob", Map.of());
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
        assertThat(step(second).getFilterCount()).isEqualTo(120);
        assertThat(errorLog.find(null, second.execution().getId(), 1000)).isEmpty();

        String corrected = refused.get(0);
        // another customer of the same chunk (50 in user_id order)
        List<String> order = harness.cscartJdbc().queryForList("SELECT user_id FROM cscart_users WHERE user_type = 'C' ORDER BY user_id", String.class);
        int chunk = order.indexOf(corrected) / 50;
        String valid = order.subList(chunk * 50, Math.min(order.size(), chunk * 50 + 50)).stream().filter(id -> !refused.contains(id))
                .findFirst().orElseThrow();
        harness.cscartJdbc().update("UPDATE cscart_users SET email = 'corrected@example.com' WHERE user_id = ?", Long.valueOf(corrected));
        harness.cscartJdbc().update("UPDATE cscart_users SET email = 'now.broken(at)example.com' WHERE user_id = ?", Long.valueOf(valid));
        long postsBefore = SandboxRequests.writes(harness.sandbox, "POST").size();

        JobLaunchService.Outcome third = jobs.run("customerExportJob", Map.of());

        Map<String, SandboxContact> contacts = contactsByNumber();
        assertThat(contacts).hasSize(120);
        assertThat(contacts.get("cscart-" + corrected).emailAddress()).isEqualTo("corrected@example.com");
        assertThat(nullToEmpty(contacts.get("cscart-" + valid).emailAddress())).isEmpty();
        assertThat(refused.subList(1, refused.size())).allSatisfy(id -> assertThat(nullToEmpty(contacts.get("cscart-" + id).emailAddress())).isEmpty());
        assertThat(step(third).getWriteCount()).isEqualTo(2);
        assertThat(third.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        // one POST with both, one POST with the one whose new address Xero refuses
        var posts = SandboxRequests.writes(harness.sandbox, "POST");
        assertThat(posts).hasSize((int) postsBefore + 2);
        assertThat(SandboxRequests.contactsIn(posts.get(posts.size() - 2))).isEqualTo(2);
        assertThat(SandboxRequests.contactsIn(posts.get(posts.size() - 1))).isEqualTo(1);
        assertThat(errorLog.find(null, third.execution().getId(), 1000)).singleElement().satisfies(w -> {
            assertThat(w.cscartId()).isEqualTo(valid);
            assertThat(w.message()).contains("'now.broken(at)example.com'").contains("Email address must be valid.");
        });
    }

    @Test
    void aSecondRunWithoutChangesMakesNoWriteCallsAndRejectedRecordsAreNotResent() {
        harness(120);
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        JobLaunchService.Outcome first = jobs.run("customerExportJob", Map.of());
        long writesAfterFirst = harness.sandbox.stats().writeCalls();
        // customers whose e-mail Xero refused are in Xero without it: not sent again either
        assertThat(app.getBean(ErrorLog.class).find(null, first.execution().getId(), 1000)).isNotEmpty();
        assertThat(harness.sandbox.contacts()).hasSize(120);

        JobLaunchService.Outcome second = jobs.run("customerExportJob", Map.of());

        assertThat(second.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writesAfterFirst);
        assertThat(step(second).getReadCount()).isEqualTo(120);
        assertThat(step(second).getFilterCount()).isEqualTo(120);
        assertThat(step(second).getWriteCount()).isZero();
        assertThat(second.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);

        // full=true sends everything again, as updates of the same contacts
        int contactsBefore = harness.sandbox.contacts().size();
        JobLaunchService.Outcome full = jobs.run("customerExportJob", Map.of("full", "true"));
        assertThat(step(full).getWriteCount()).isEqualTo(contactsBefore);
        assertThat(harness.sandbox.contacts()).hasSize(contactsBefore);
    }

    @Test
    void changingThreeCustomersUpdatesExactlyThreeContactsInOneCall() {
        harness(150);
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("customerExportJob", Map.of());
        List<Long> linked = harness.sandbox.contacts().stream()
                .map(c -> Long.parseLong(c.contactNumber().substring("cscart-".length()))).sorted().limit(3).toList();
        long putsBefore = SandboxRequests.writes(harness.sandbox, "PUT").size();
        long postsBefore = SandboxRequests.writes(harness.sandbox, "POST").size();
        for (long id : linked) {
            harness.cscartJdbc().update("UPDATE cscart_user_profiles SET b_city = ? WHERE user_id = ? AND profile_type = 'P'",
                    "Changed City " + id, id);
        }

        JobLaunchService.Outcome outcome = jobs.run("customerExportJob", Map.of());

        var posts = SandboxRequests.writes(harness.sandbox, "POST");
        assertThat(SandboxRequests.writes(harness.sandbox, "PUT")).hasSize((int) putsBefore);
        assertThat(posts).hasSize((int) postsBefore + 1);
        assertThat(SandboxRequests.contactsIn(posts.get(posts.size() - 1))).isEqualTo(3);
        assertThat(step(outcome).getWriteCount()).isEqualTo(3);
        Map<String, SandboxContact> contacts = contactsByNumber();
        for (long id : linked) {
            assertThat(address(contacts.get("cscart-" + id), "POBOX").get("City")).isEqualTo("Changed City " + id);
        }
    }

    @Test
    void parametersSelectCustomersByIdAndRegistrationDate() {
        harness(60);
        List<Long> ids = harness.cscartJdbc().queryForList(
                "SELECT user_id FROM cscart_users WHERE user_type = 'C' AND email LIKE '%@%.%' AND email NOT LIKE '% %' ORDER BY user_id LIMIT 4", Long.class);
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService.Outcome byIds = ConnectorHarness.jobs(app).run("customerExportJob",
                Map.of("userIds", ids.stream().map(String::valueOf).collect(Collectors.joining(","))));
        assertThat(step(byIds).getReadCount()).isEqualTo(4);

        long recent = harness.cscartJdbc().queryForObject(
                "SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C' AND timestamp >= 1748736000", Long.class); // 2025-06-01T00:00Z
        JobLaunchService.Outcome since = ConnectorHarness.jobs(app).run("customerExportJob", Map.of("since", "2025-06-01"));
        assertThat(step(since).getReadCount()).isEqualTo(recent);
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedAndAbsorbed() {
        harness(200);
        harness.sandbox.faults().rateLimitNext(3);
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        harness.sandbox.faults().failNext(2, 503);

        JobLaunchService.Outcome outcome = jobs.run("customerExportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(harness.sandbox.stats().rateLimited()).isGreaterThanOrEqualTo(3);
        assertThat(harness.sandbox.stats().faultsInjected()).isGreaterThanOrEqualTo(2);
        List<String> numbers = harness.sandbox.contacts().stream().map(SandboxContact::contactNumber).toList();
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers.size() + step(outcome).getWriteSkipCount()).isEqualTo(200);
    }

    /**
     * Client and sandbox on one virtual time ({@link ManualTime#virtual()}): time passes only while the limiter waits,
     * so every call reaches Xero at the instant the limiter let it start. The claim - the rolling window plus
     * X-MinLimit-Remaining keeps a run under Xero's fixed window - is then checked exactly, whatever the machine's
     * load; the real-time latency margin (5 % of the window) is the benchmarks' concern, not this test's.
     */
    @Test
    void theProactiveLimiterDrawsNo429UnderXerosLimits() {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox().withMinuteLimit(4, Duration.ofMillis(500)), false);
        ManualTime time = ManualTime.virtual();
        harness.sandbox.clock().driveBy(time::nanoTime);
        harness.with(time.asRateLimiterClock());
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 3L).customers(600);
        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(harness.startApp()).run("customerExportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long writes = harness.sandbox.stats().writeCalls();
        assertThat(writes).isGreaterThanOrEqualTo(12);
        assertThat(harness.sandbox.stats().rateLimited()).isZero();
        // it did not get lucky: four calls per 500 ms means the limiter made the run wait a window at a time
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500L * ((writes - 1) / 4)));
    }

    @Test
    void aRunStoppedByTheDailyLimitIsRestartedFromItsLastChunkWithoutDuplicates() {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox().withDayLimit(4, Duration.ofDays(1)), false);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 5L).customers(400);
        // one call per chunk, so the limit falls between chunks (an e-mail Xero refuses costs its chunk one call more)
        harness.cscartJdbc().update("UPDATE cscart_users SET email = CONCAT('customer', user_id, '@example.com')");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);

        JobLaunchService.Outcome first = jobs.run("customerExportJob", Map.of());
        assertThat(first.exitCode()).isEqualTo(JobLaunchService.EXIT_FAILED);
        assertThat(first.message()).contains("daily API limit").contains("restart " + first.execution().getId());
        int afterFirst = harness.sandbox.contacts().size();
        assertThat(afterFirst).isGreaterThan(0).isLessThan(400);

        harness.sandbox.clock().advance(Duration.ofDays(1).plusMinutes(1));
        JobLaunchService.Outcome restarted = jobs.restart(first.execution().getId());

        assertThat(restarted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.execution().getJobInstance().getInstanceId()).isEqualTo(first.execution().getJobInstance().getInstanceId());
        assertThat(step(restarted).getReadCount()).isEqualTo(400 - 4 * 50);
        List<String> numbers = harness.sandbox.contacts().stream().map(SandboxContact::contactNumber).toList();
        assertThat(numbers).doesNotHaveDuplicates();
        long rejected = harness.startApp().getBean(ErrorLog.class).find(null, null, 1000).size();
        assertThat(numbers.size() + rejected).isEqualTo(400);
    }

    @Test
    void contactsCreatedByARunThatDiedBeforeLinkingAreFoundAndLinkedNotDuplicated() {
        harness(100);
        // a previous run created contacts for some customers in Xero, then died before committing its links
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("customerExportJob", Map.of("userIds", "1,2,3,4,5,6,7,8,9,10"));
        app.getBean(JdbcTemplate.class).update("DELETE FROM sync_link");
        int before = harness.sandbox.contacts().size();
        assertThat(before).isPositive();

        JobLaunchService.Outcome outcome = jobs.run("customerExportJob", Map.of());

        List<String> numbers = harness.sandbox.contacts().stream().map(SandboxContact::contactNumber).toList();
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers.size() + step(outcome).getWriteSkipCount()).isEqualTo(100);
        assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM sync_link WHERE state = 'SYNCED'", Long.class)).isEqualTo(numbers.size());
    }

    @Test
    void aSecondRunWhileOneIsGoingIsRefusedWithAClearMessage() {
        harness(10);
        ConfigurableApplicationContext app = harness.startApp();
        try (JobLock.Lease held = app.getBean(JobLock.class).tryAcquire("customerExportJob", "other-host:1234")) {
            assertThat(held).isNotNull();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = harness.cli(new PrintStream(out, true, StandardCharsets.UTF_8), "run", "customerExportJob");
            assertThat(exit).isEqualTo(JobLaunchService.EXIT_USAGE);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("customerExportJob is already running").contains("other-host:1234");
        }
        assertThat(harness.sandbox.stats().writeCalls()).isZero();
    }

    private static Map<String, String> address(SandboxContact c, String type) {
        return c.addresses().stream().filter(a -> type.equals(a.get("AddressType"))).findFirst().orElse(Map.of());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
