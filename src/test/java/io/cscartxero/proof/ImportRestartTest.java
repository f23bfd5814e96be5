package io.cscartxero.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.proof.Books.SyncJob;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.XeroUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An import that stopped half-way (stopped, crashed, or failed on Xero's daily limit) is usually restarted later -
 * the next day for the daily limit. Meanwhile people keep working in Xero. The restart must still import every
 * record: the books are checked after the restart and again after a later incremental run.
 * <p>
 * Regression tests: the import readers used to go on by POSITION in a list whose order changes when Xero records
 * change (Xero's default for contacts: UpdatedDateUTC ASC, ContactID - Xero's API docs on paging; items: Code), and the
 * watermark saved at the end (the newest UpdatedDateUTC read) was later than the skipped record's, so no incremental
 * run read it again: it was lost until someone ran the import with {@code full=true}. Now a restart reads the list
 * again, contacts are paged in ContactID order, and the next run's watermark is the time the run began reading.
 */
class ImportRestartTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private ConfigurableApplicationContext start(SyncJob job, Books[] books) {
        return start(job, books, 300, 10);
    }

    private ConfigurableApplicationContext start(SyncJob job, Books[] books, int records, int chunkSize) {
        harness = ConnectorHarness.start();
        harness.set("sync.chunk-size", Integer.toString(chunkSize));
        books[0] = new Books(job, harness, 4242).prepare(records);
        // the records were typed in Xero long before the import: older than any safety margin of the import's
        // watermark, so a record a run skips is not read again by the next incremental run by chance
        harness.sandbox.clock().advance(Duration.ofHours(1));
        return harness.startApp();
    }

    /** Runs the job and stops it (at the end of a chunk) once a few chunks have committed. */
    private static JobLaunchService.Outcome runAndStopMidway(ConfigurableApplicationContext app, String jobName) throws Exception {
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        CompletableFuture<JobLaunchService.Outcome> run = CompletableFuture.supplyAsync(() -> jobs.run(jobName, Map.of()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!run.isDone() && System.nanoTime() < deadline) {
            Long commits = connector.queryForObject("SELECT COALESCE(MAX(COMMIT_COUNT), 0) FROM BATCH_STEP_EXECUTION s "
                    + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.STATUS = 'STARTED'", Long.class);
            if (commits != null && commits >= 3) {
                Long id = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
                jobs.stop(id);
                break;
            }
            Thread.sleep(1);
        }
        JobLaunchService.Outcome outcome = run.get(60, TimeUnit.SECONDS);
        assertThat(outcome.execution().getStatus()).as("stopped half-way: %s", outcome.message()).isEqualTo(BatchStatus.STOPPED);
        return outcome;
    }

    /**
     * Found by this suite: the reader used to restart at "page p, position n" of a list Xero orders by UpdatedDateUTC,
     * so a contact edited after the stop moved to the end and the first contact not yet imported slid into the skipped
     * prefix. A restart now reads the list again (ContactID order); the contact right after the stop must arrive.
     */
    @Test
    void aContactEditedInXeroBeforeTheRestartDoesNotCostAnotherContact() throws Exception {
        Books[] books = new Books[1];
        ConfigurableApplicationContext app = start(SyncJob.CUSTOMER_IMPORT, books);
        JobLaunchService.Outcome stopped = runAndStopMidway(app, "customerImportJob");
        List<SandboxContact> ordered = harness.sandbox.contacts();   // oldest update first (Xero's default order)

        // someone edits the oldest contact (imported before the stop) in Xero
        SandboxContact edited = ordered.get(0);
        new XeroUser(harness.sandbox).post("/Contacts/" + edited.contactId(),
                "{\"Contacts\":[{\"ContactID\":\"" + edited.contactId() + "\",\"Phones\":[{\"PhoneType\":\"DEFAULT\",\"PhoneNumber\":\"+44 20 7946 9999\"}]}]}");

        JobLaunchService.Outcome restarted = ConnectorHarness.jobs(app).restart(stopped.execution().getId());
        assertThat(restarted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // and the next scheduled (incremental) run, which reads what changed since the watermark
        JobLaunchService.Outcome next = ConnectorHarness.jobs(app).run("customerImportJob", Map.of());
        assertThat(next.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        int consumed = (int) stopped.execution().getStepExecutions().iterator().next().getReadCount();
        List<SandboxContact> byId = ordered.stream().sorted(java.util.Comparator.comparing(SandboxContact::contactId)).toList();
        // ContactIDs are random UUIDs, so the contact at the restart position is a different one on every run; every 25th
        // contact of the books has no e-mail and is never a customer (refused into the error log). The check is on the
        // first contact WITH an e-mail from the restart position on (it used to take the one at the position, and failed
        // with "0 customers" whenever that one had no e-mail: about one run in 25, whatever the load)
        SandboxContact firstNotImported = byId.subList(consumed, byId.size()).stream().filter(ImportRestartTest::hasEmail).findFirst()
                .orElseThrow();
        assertThat(harness.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_users WHERE LOWER(email) = LOWER(?)", Long.class,
                firstNotImported.emailAddress())).as("CS-Cart customers of %s, the first contact with an e-mail from the restart position %d on",
                        firstNotImported.name(), consumed).isEqualTo(1);
        // the old check on a contact without e-mail (the first from the restart position on, if any) counts 0: what it
        // reported as a lost contact. That contact is in the error log, as it is on a run without any stop.
        byId.subList(consumed, byId.size()).stream().filter(c -> !hasEmail(c)).findFirst().ifPresent(noEmail -> {
            assertThat(harness.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_users WHERE LOWER(email) = LOWER(?)", Long.class,
                    noEmail.emailAddress())).as("the old check on %s (no e-mail)", noEmail.name()).isZero();
            assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM sync_error WHERE job_name = 'customerImportJob' "
                    + "AND xero_id = ?", Long.class, noEmail.contactId())).as("error-log rows of %s (no e-mail)", noEmail.name()).isPositive();
        });
        books[0].check();
    }

    /**
     * No stop at all: more than one page of contacts (1,000 per page), and one contact of page 1 is edited in Xero
     * while the import works through page 1. In Xero's default order (UpdatedDateUTC) page 2, fetched afterwards,
     * would start one contact later than it did when page 1 was fetched: the contact that was first on page 2 would be
     * last on page 1 and never read.
     */
    @Test
    void aContactEditedInXeroWhileAnImportPagesThroughContactsDoesNotCostAnotherContact() throws Exception {
        Books[] books = new Books[1];
        ConfigurableApplicationContext app = start(SyncJob.CUSTOMER_IMPORT, books, 1_050, 50);
        List<SandboxContact> ordered = harness.sandbox.contacts();
        CompletableFuture<JobLaunchService.Outcome> run = CompletableFuture.supplyAsync(
                () -> ConnectorHarness.jobs(app).run("customerImportJob", Map.of()));
        // as soon as page 1 has been read, someone edits its first contact
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (harness.sandbox.stats().requests().stream().noneMatch(r -> r.method().equals("GET") && r.path().endsWith("/Contacts")
                && r.query() != null && r.query().contains("page=1&") && r.status() == 200) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        SandboxContact edited = ordered.get(0);
        new XeroUser(harness.sandbox).post("/Contacts/" + edited.contactId(),
                "{\"Contacts\":[{\"ContactID\":\"" + edited.contactId() + "\",\"Phones\":[{\"PhoneType\":\"DEFAULT\",\"PhoneNumber\":\"+44 20 7946 9998\"}]}]}");
        JobLaunchService.Outcome outcome = run.get(120, TimeUnit.SECONDS);
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(harness.sandbox.stats().calls("GET", "/Contacts")).as("pages read").isGreaterThanOrEqualTo(2);
        JobLaunchService.Outcome next = ConnectorHarness.jobs(app).run("customerImportJob", Map.of());
        assertThat(next.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        SandboxContact firstOfPage2 = ordered.get(1_000);
        assertThat(harness.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_users WHERE LOWER(email) = LOWER(?)", Long.class,
                firstOfPage2.emailAddress())).as("CS-Cart customers of %s, first on page 2 when page 1 was read", firstOfPage2.name())
                .isEqualTo(1);
        books[0].check();
    }

    private static boolean hasEmail(SandboxContact c) {
        return c.emailAddress() != null && !c.emailAddress().isBlank();
    }

    /** The same with the item list (ordered by Code): an imported item deleted in Xero shifts every later position. */
    @Test
    void anItemDeletedInXeroBeforeTheRestartDoesNotCostAnotherItem() throws Exception {
        Books[] books = new Books[1];
        ConfigurableApplicationContext app = start(SyncJob.PRODUCT_IMPORT, books);
        JobLaunchService.Outcome stopped = runAndStopMidway(app, "productImportJob");
        List<SandboxItem> ordered = harness.sandbox.items();   // by Code, as Xero lists them

        // someone deletes the first item (imported before the stop) in Xero; its CS-Cart product stays
        assertThat(new XeroUser(harness.sandbox).delete("/Items/" + ordered.get(0).itemId())).isEqualTo(204);

        JobLaunchService.Outcome restarted = ConnectorHarness.jobs(app).restart(stopped.execution().getId());
        assertThat(restarted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JobLaunchService.Outcome next = ConnectorHarness.jobs(app).run("productImportJob", Map.of());
        assertThat(next.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        int position = stopped.execution().getStepExecutions().iterator().next().getExecutionContext().getInt("itemReader.position");
        SandboxItem firstNotImported = ordered.get(position);   // where the restart should have gone on
        assertThat(harness.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_products WHERE product_code = ?", Long.class,
                firstNotImported.code())).as("CS-Cart products of %s, the item at the restart position %d", firstNotImported.code(), position)
                .isEqualTo(1);
        List<SandboxItem> remaining = harness.sandbox.items();
        JdbcTemplate store = harness.cscartJdbc();
        assertThat(remaining).as("items of Xero without a CS-Cart product after the restart and the next run")
                .filteredOn(i -> store.queryForObject("SELECT COUNT(*) FROM cscart_products WHERE product_code = ?", Long.class, i.code()) == 0)
                .isEmpty();
    }
}
