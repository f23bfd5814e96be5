package io.cscartxero.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.proof.Books.SyncJob;
import io.cscartxero.testsupport.Leases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crash trials: the connector runs a job in its own JVM and is killed with SIGKILL at a random (seeded) point - while
 * a Xero write is in flight, between Xero's answer and the chunk commit, in the middle of CS-Cart inserts - then a
 * second process restarts the execution ({@code restart <id>}) once the dead process's lease is stale. After every
 * restart the books must be exact: one Xero record per CS-Cart record and every record present (exports), one
 * complete CS-Cart record per Xero record (imports), links and error log consistent (see {@link Books#check()}).
 * Four trials for each of the five jobs. Then paid orders edited (orderExportJob removes the payment, updates the
 * invoice, pays again) and paid orders voided (orderDeleteJob removes the payment, voids), each killed at an exact point
 * between those calls (the sandbox holds one call while the child is killed).
 */
class CrashTrialsIT {

    static final int TRIALS_PER_JOB = 4;
    /** Trials run side by side (each has its own databases, sandbox and child JVM): most of a trial is waiting. */
    static final int PARALLEL = Integer.getInteger("proof.crash.parallel", 3);

    /**
     * One trial: a job, a seed (where to kill), and its own connector. {@code touch}: every record changes in CS-Cart
     * between the kill and the restart (exports only; see {@link Books#touchAll()}).
     */
    record Trial(SyncJob job, long seed, boolean touch) {
        String name() {
            return job.jobName + " seed " + seed + (touch ? " (records changed before the restart)" : "");
        }
    }

    static List<Trial> trials() {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < TRIALS_PER_JOB; i++) {
            for (SyncJob job : SyncJob.values()) {
                trials.add(new Trial(job, 9_000L + 31L * job.ordinal() + i, !job.isImport() && i % 2 == 1));
            }
        }
        return trials;
    }

    @TestFactory
    Stream<DynamicTest> sigkillAtARandomPointThenRestartKeepsTheBooksExact() {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        Map<Trial, Future<Result>> results = new LinkedHashMap<>();
        trials().forEach(trial -> results.put(trial, pool.submit(() -> run(trial))));
        pool.shutdown();
        Stream<DynamicTest> each = results.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(), () -> {
            try {
                System.out.println(e.getValue().get(5, TimeUnit.MINUTES).report());
            } catch (ExecutionException failed) {
                throw failed.getCause();
            }
        }));
        // the trials are only worth something if kills land inside the window between a write and its commit
        DynamicTest window = DynamicTest.dynamicTest("kills landed between a write and its commit", () -> {
            long hits = 0;
            for (Future<Result> result : results.values()) {
                try {
                    hits += result.get(5, TimeUnit.MINUTES).unlinkedAtKill() > 0 ? 1 : 0;
                } catch (ExecutionException failedTrialReportedAbove) {
                    // counted as no hit
                }
            }
            System.out.printf("[proof] crash trials: %d of %d kills left records written but not yet linked%n", hits, results.size());
            assertThat(hits).isGreaterThanOrEqualTo(results.size() / 4);
        });
        return Stream.concat(each, Stream.of(window));
    }

    /**
     * refundExportJob (issue 13): SIGKILL once Xero has made a chunk's credit notes (the PUT answered), before any of
     * them is refunded (paid invoices: the next calls read the payments, then PUT the refunds); the restart finds
     * them by number and settles them: exactly one credit note per completed refund return, each paid out in full,
     * the invoices as sold.
     */
    @org.junit.jupiter.api.Test
    void sigkillAfterTheCreditNotesArePutBeforeTheyAreSettledThenRestartCreditsEachReturnOnce() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true)) {
            io.cscartxero.testsupport.StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX,
                    30, 20, 120, 9_500L);
            StoreTaxes.mapped(harness).set("xero.payment-account", "090")
                    .set("sync.lock-stale-after", "2s").set("sync.chunk-size", "10");
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(Serially.call(() -> harness.cli(quiet, "run", "orderExportJob"))).isIn(0, 3);
            assertThat(Serially.call(() -> harness.cli(quiet, "run", "paymentExportJob"))).isIn(0, 3);
            JdbcTemplate store = harness.cscartJdbc();
            io.cscartxero.refund.StoreReturns returns = new io.cscartxero.refund.StoreReturns(store, ConnectorHarness.PREFIX);
            List<io.cscartxero.sandbox.SandboxInvoice> paid = harness.sandbox.invoices().stream()
                    .filter(i -> i.status().equals("PAID")).limit(25).toList();
            assertThat(paid).hasSize(25);
            for (io.cscartxero.sandbox.SandboxInvoice invoice : paid) {
                long orderId = Long.parseLong(invoice.invoiceNumber().substring(3));
                long itemId = store.queryForObject("SELECT MIN(item_id) FROM cscart_order_details WHERE order_id = ?",
                        Long.class, orderId);
                long returnId = returns.request(orderId, Map.of(itemId, 1L), io.cscartxero.refund.StoreReturns.REFUND,
                        1_767_400_000L);
                returns.move(returnId, "C", 1_767_400_000L);
            }
            JdbcTemplate connector = Books.connector(harness);
            Path log = Files.createTempFile("proof-crash-refundExportJob", ".log");
            harness.sandbox.faults().setSlowRate(1.0, Duration.ofMillis(100));
            Process child = launch(harness, log, "run", "refundExportJob");
            try {
                await(child, () -> harness.sandbox.stats().requests().stream()
                        .anyMatch(r -> r.method().equals("PUT") && r.path().endsWith("/CreditNotes")), log);
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } finally {
                child.destroyForcibly();
            }
            awaitQuiet(harness);
            int madeAtKill = harness.sandbox.creditNotes().size();
            long refundsAtKill = harness.sandbox.creditNotes().stream().filter(c -> c.refunded().signum() > 0).count();
            assertThat(madeAtKill).as("the kill landed after a PUT of credit notes").isPositive();
            assertThat(connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity = 'CREDIT_NOTE'", Long.class))
                    .as("credit notes made, not linked").isLessThan(madeAtKill);
            long executionId = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
            harness.sandbox.faults().clear();
            Leases.awaitAllStale(connector, Duration.ofSeconds(2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Serially.call(() -> harness.cli(new PrintStream(out, true, StandardCharsets.UTF_8), "restart",
                    Long.toString(executionId)));

            assertThat(exit).as("restart: %s", out.toString(StandardCharsets.UTF_8)).isEqualTo(JobLaunchService.EXIT_COMPLETED);
            List<io.cscartxero.sandbox.SandboxCreditNote> notes = harness.sandbox.creditNotes();
            assertThat(notes).hasSize(25);
            assertThat(notes).extracting(io.cscartxero.sandbox.SandboxCreditNote::creditNoteNumber).doesNotHaveDuplicates()
                    .allMatch(n -> n.startsWith("CN-R"));
            assertThat(notes).allMatch(c -> c.status().equals("PAID") && c.remainingCredit().signum() == 0
                    && c.refunded().compareTo(c.total()) == 0);
            assertThat(harness.sandbox.invoices()).filteredOn(i -> paid.stream().anyMatch(p -> p.invoiceId().equals(i.invoiceId())))
                    .allMatch(i -> i.status().equals("PAID") && paid.stream().anyMatch(p -> p.invoiceId().equals(i.invoiceId())
                            && p.total().compareTo(i.total()) == 0));
            assertThat(connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity = 'CREDIT_NOTE'"
                    + " AND xero_id IS NOT NULL", Long.class)).isEqualTo(25);
            System.out.printf("[proof] crash refundExportJob: killed after a PUT /CreditNotes (%d credit notes made, %d"
                    + " refunded at the kill); restart exit %d: 25 credit notes, each refunded once%n", madeAtKill,
                    refundsAtKill, exit);
            Files.deleteIfExists(log);
        }
    }

    /** Records per trial, and the chunk size: 8-30 chunks, so a kill lands before, inside or between them. */
    private static int size(SyncJob job) {
        return switch (job) {
            case CUSTOMER_EXPORT -> 200;
            case PRODUCT_EXPORT -> 180;
            case ORDER_EXPORT -> 250;
            case CUSTOMER_IMPORT -> 300;
            case PRODUCT_IMPORT -> 250;
        };
    }

    private static int chunkSize(SyncJob job) {
        return job.isImport() ? 10 : 20;
    }

    /** What a trial found: its report line and how many records the kill left written but unlinked. */
    record Result(String report, int unlinkedAtKill) {
    }

    private static Result run(Trial trial) throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true)) {
            return run(trial, harness);
        }
    }

    private static Result run(Trial trial, ConnectorHarness harness) throws Exception {
        SyncJob job = trial.job();
        SplittableRandom random = new SplittableRandom(trial.seed());
        harness.set("sync.lock-stale-after", "2s").set("sync.chunk-size", Integer.toString(chunkSize(job)));
        Books books = new Books(job, harness, trial.seed()).prepare(size(job));
        JdbcTemplate connector = Books.connector(harness);
        Path log = Files.createTempFile("proof-crash-" + job.jobName, ".log");

        // slow answers keep Xero writes in flight, so the kill can land inside one
        harness.sandbox.faults().setSlowRate(1.0, Duration.ofMillis(100));
        long callsBefore = harness.sandbox.stats().totalCalls();
        long started = System.nanoTime();
        Process child = launch(harness, log, "run", job.jobName);
        try {
            String killedAt;
            int chunks = (books.selected() + chunkSize(job) - 1) / chunkSize(job);
            if (job.isImport()) {
                // the imports read Xero once, then write CS-Cart chunk after chunk: kill after k commits plus a few ms
                int k = random.nextInt(chunks - 4);
                int jitter = random.nextInt(12);
                await(child, () -> harness.sandbox.stats().totalCalls() > callsBefore && commits(connector) >= k, log);
                FaultInjectionTest.sleep(jitter);
                killedAt = "after " + k + " commits + " + jitter + " ms";
            } else {
                // every chunk makes at least one write call (orders: contacts first, then invoices)
                int k = 1 + random.nextInt(job == SyncJob.ORDER_EXPORT ? chunks : chunks - 1);
                int jitter = random.nextInt(150);
                await(child, () -> harness.sandbox.stats().writeCalls() >= k, log);
                FaultInjectionTest.sleep(jitter);
                killedAt = "after write call " + k + " + " + jitter + " ms";
            }
            assertThat(child.isAlive()).as("%s: still running when killed (%s); log:%n%s", trial.name(), killedAt, Files.readString(log)).isTrue();
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL: no shutdown hook, no cleanup
            long runMillis = (System.nanoTime() - started) / 1_000_000;
            long commitsAtKill = commits(connector);

            long executionId = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
            assertThat(connector.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, executionId))
                    .isEqualTo("STARTED");
            long progressAtKill = job.isImport() ? connector.queryForObject("SELECT COUNT(*) FROM sync_link", Long.class)
                    : harness.sandbox.stats().writeCalls();
            // written to the target by the killed chunk but not linked: the window a restart must repair
            awaitQuiet(harness);
            int unlinkedAtKill = books.unlinkedInTarget();

            harness.sandbox.faults().clear();
            if (trial.touch()) {
                books.touchAll();
            }
            Leases.awaitAllStale(connector, Duration.ofSeconds(2));   // the dead process's lease goes stale (sync.lock-stale-after)
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // in-process, one at a time (see Serially): the restart is a different process from the killed one
            int exit = Serially.call(() -> harness.cli(new PrintStream(out, true, StandardCharsets.UTF_8), "restart", Long.toString(executionId)));
            String output = out.toString(StandardCharsets.UTF_8);

            assertThat(exit).as("%s: restart: %s", trial.name(), output)
                    .isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
            List<Map<String, Object>> executions = connector.queryForList("SELECT JOB_EXECUTION_ID, STATUS FROM BATCH_JOB_EXECUTION "
                    + "WHERE JOB_INSTANCE_ID = (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?) ORDER BY 1", executionId);
            assertThat(executions).extracting(e -> e.get("STATUS")).as("%s: the killed execution, recovered, then its restart", trial.name())
                    .containsExactly("FAILED", "COMPLETED");
            Books.Counts counts = books.check();
            if (trial.touch()) {
                // the next run sends what changed before the kill but was linked with the old payload; then Xero == CS-Cart
                int next = Serially.call(() -> harness.cli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        "run", job.jobName));
                assertThat(next).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
                books.check();
                books.checkTouchedValues();
            }
            Files.deleteIfExists(log);
            return new Result(String.format("[proof] crash %s: killed %s (%d ms after launch, %d chunks committed, %s, %d written but "
                    + "not linked at kill); restart exit %d; %s", trial.name(), killedAt, runMillis, commitsAtKill,
                    job.isImport() ? progressAtKill + " links" : progressAtKill + " write calls", unlinkedAtKill, exit, counts), unlinkedAtKill);
        } finally {
            child.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------------------------------- paid orders edited

    /**
     * Where a paid-order edit is killed: the sandbox holds one call ({@code executed}: after Xero saved it, its answer
     * lost; else before it runs) while the child is SIGKILLed. The three calls per order: remove the payment
     * ({@code POST /Payments/{id}}), update the invoice ({@code POST /Invoices}), pay again ({@code PUT /Payments}).
     */
    enum PaidEditKill {
        DURING_THE_DELETES("POST", "/Payments/", 2, true, "after the 2nd payment removed (its answer lost), before the others"),
        AFTER_THE_DELETES("POST", "/Invoices", 1, false, "after every payment removed, before the update"),
        AFTER_THE_UPDATE("PUT", "/Payments", 1, false, "after the update, before paying again"),
        AFTER_THE_REPAY("PUT", "/Payments", 1, true, "after paying again (its answer lost), before the links commit");

        final String method;
        final String path;
        final int nth;
        final boolean executed;
        final String where;

        PaidEditKill(String method, String path, int nth, boolean executed, String where) {
            this.method = method;
            this.path = path;
            this.nth = nth;
            this.executed = executed;
            this.where = where;
        }
    }

    static final int PAID_EDITS = 4;

    /**
     * Paid orders edited in CS-Cart, the order export SIGKILLed between its three calls per order, then restarted
     * in another process: each edited order ends with one updated invoice, PAID with AmountDue 0.00, exactly one live
     * payment (its predecessor DELETED, no other payment made or removed), its PAYMENT link on that payment; a new run
     * sends nothing.
     */
    @TestFactory
    Stream<DynamicTest> paidOrderEditKilledBetweenDeleteUpdateAndRepayEndsWithOnePayment() {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, 2));
        Map<PaidEditKill, Future<String>> results = new LinkedHashMap<>();
        for (PaidEditKill kill : PaidEditKill.values()) {
            results.put(kill, pool.submit(() -> {
                try (ConnectorHarness harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true)) {
                    return paidEdit(kill, harness);
                }
            }));
        }
        pool.shutdown();
        return results.entrySet().stream().map(e -> DynamicTest.dynamicTest("paid order edited, killed " + e.getKey().where, () -> {
            try {
                System.out.println(e.getValue().get(5, TimeUnit.MINUTES));
            } catch (ExecutionException failed) {
                throw failed.getCause();
            }
        }));
    }

    private static String paidEdit(PaidEditKill kill, ConnectorHarness harness) throws Exception {
        harness.set("sync.lock-stale-after", "2s").set("sync.chunk-size", "50")
                .set("xero.payment-accounts.1", "090").set("xero.payment-accounts.2", "090").set("xero.payment-accounts.3", "091")
                .set("xero.payment-accounts.6", "090");
        io.cscartxero.testsupport.StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 20, 20, 50,
                9_500L + kill.ordinal());
        Books.mapTaxes(harness);
        JdbcTemplate connector = Books.connector(harness);
        JdbcTemplate store = harness.cscartJdbc();
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(quiet, true, StandardCharsets.UTF_8);
        assertThat(Serially.call(() -> harness.cli(sink, "run", "orderExportJob"))).as("first export: %s", quiet).isIn(0, 3);
        assertThat(Serially.call(() -> harness.cli(sink, "run", "paymentExportJob"))).as("payments: %s", quiet).isIn(0, 3);
        List<String> paidLinks = connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'PAYMENT' AND xero_id IS NOT NULL",
                String.class);
        List<Long> edited = io.cscartxero.testsupport.OrderEdits.editable(store, "'P','C'").stream()
                .filter(id -> paidLinks.contains(Long.toString(id))).limit(PAID_EDITS).toList();
        assertThat(edited).as("paid orders to edit").hasSize(PAID_EDITS);
        Map<Long, java.math.BigDecimal> totals = new LinkedHashMap<>();
        Map<Long, String> firstPayment = new LinkedHashMap<>();
        for (long id : edited) {
            firstPayment.put(id, connector.queryForObject("SELECT xero_id FROM sync_link WHERE entity = 'PAYMENT' AND cscart_id = ?",
                    String.class, Long.toString(id)));
            totals.put(id, io.cscartxero.testsupport.OrderEdits.addOne(store, id, 1_900_000_000L));
        }
        long paymentsBefore = allPayments(harness).size();

        harness.sandbox.faults().hold(kill.method, kill.path, kill.nth, kill.executed);
        Path log = Files.createTempFile("proof-crash-paid-edit", ".log");
        Process child = launch(harness, log, "run", "orderExportJob");
        try {
            await(child, () -> harness.sandbox.faults().holding(), log);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL between two calls
            harness.sandbox.faults().clear();
            awaitQuiet(harness);
            String atKill = describe(harness, edited);
            // the kill landed where it says: what Xero holds of the edited orders at that moment
            List<io.cscartxero.sandbox.SandboxInvoice> atKillInvoices = harness.sandbox.invoices().stream()
                    .filter(i -> edited.stream().anyMatch(id -> i.invoiceNumber().equals("CS-" + id))).toList();
            long unpaid = atKillInvoices.stream().filter(i -> i.status().equals("AUTHORISED")).count();
            long updated = atKillInvoices.stream().filter(i -> i.total().compareTo(totals.get(Long.valueOf(i.invoiceNumber().substring(3)))) == 0).count();
            switch (kill) {
                case DURING_THE_DELETES -> assertThat(new long[] { unpaid, updated }).as(atKill).containsExactly(2, 0);
                case AFTER_THE_DELETES -> assertThat(new long[] { unpaid, updated }).as(atKill).containsExactly(PAID_EDITS, 0);
                case AFTER_THE_UPDATE -> assertThat(new long[] { unpaid, updated }).as(atKill).containsExactly(PAID_EDITS, PAID_EDITS);
                case AFTER_THE_REPAY -> assertThat(new long[] { unpaid, updated }).as(atKill).containsExactly(0, PAID_EDITS);
            }
            long executionId = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
            Leases.awaitAllStale(connector, Duration.ofSeconds(2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Serially.call(() -> harness.cli(new PrintStream(out, true, StandardCharsets.UTF_8), "restart", Long.toString(executionId)));
            assertThat(exit).as("restart: %s", out).isIn(JobLaunchService.EXIT_COMPLETED, JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);

            List<tools.jackson.databind.JsonNode> payments = allPayments(harness);
            for (long id : edited) {
                String number = "CS-" + id;
                List<io.cscartxero.sandbox.SandboxInvoice> invoices = harness.sandbox.invoices().stream()
                        .filter(i -> i.invoiceNumber().equals(number)).toList();
                assertThat(invoices).as("%s: one invoice", number).hasSize(1);
                io.cscartxero.sandbox.SandboxInvoice invoice = invoices.get(0);
                assertThat(invoice.total()).as("%s updated", number).isEqualByComparingTo(totals.get(id));
                assertThat(invoice.status()).as(number).isEqualTo("PAID");
                assertThat(invoice.amountDue()).as(number).isEqualByComparingTo("0.00");
                List<tools.jackson.databind.JsonNode> mine = payments.stream()
                        .filter(p -> p.path("Invoice").path("InvoiceNumber").asString().equals(number)).toList();
                List<tools.jackson.databind.JsonNode> live = mine.stream().filter(p -> p.path("Status").asString().equals("AUTHORISED")).toList();
                assertThat(live).as("%s: one live payment", number).hasSize(1);
                assertThat(mine).as("%s: the first payment deleted, one new one, nothing else", number).hasSize(2);
                assertThat(mine).filteredOn(p -> p.path("PaymentID").asString().equals(firstPayment.get(id)))
                        .singleElement().satisfies(p -> assertThat(p.path("Status").asString()).isEqualTo("DELETED"));
                assertThat(live.get(0).path("Amount").decimalValue()).isEqualByComparingTo(totals.get(id));
                assertThat(connector.queryForObject("SELECT xero_id FROM sync_link WHERE entity = 'PAYMENT' AND cscart_id = ?",
                        String.class, Long.toString(id))).as("%s: PAYMENT link", number).isEqualTo(live.get(0).path("PaymentID").asString());
            }
            assertThat(payments).as("payments: one new one per edited order, nothing orphaned").hasSize((int) paymentsBefore + PAID_EDITS);
            long paidInvoices = harness.sandbox.invoices().stream().filter(i -> i.status().equals("PAID")).count();
            assertThat(payments.stream().filter(p -> p.path("Status").asString().equals("AUTHORISED")).count())
                    .as("live payments = paid invoices").isEqualTo(paidInvoices);
            long writes = harness.sandbox.stats().writeCalls();
            Serially.call(() -> harness.cli(sink, "run", "orderExportJob"));
            Serially.call(() -> harness.cli(sink, "run", "paymentExportJob"));
            assertThat(harness.sandbox.stats().writeCalls()).as("a new run sends nothing").isEqualTo(writes);
            Files.deleteIfExists(log);
            return String.format("[proof] crash paid edit: %d paid orders edited, killed %s (at kill: %s); restart exit %d; "
                    + "each: 1 invoice updated, PAID, AmountDue 0.00, 1 live payment, its first payment DELETED", PAID_EDITS,
                    kill.where, atKill, exit);
        } finally {
            harness.sandbox.faults().clear();
            child.destroyForcibly();
        }
    }

    /**
     * Paid orders cancelled into a void status ({@code sync.void-on-status}), orderDeleteJob SIGKILLed after it removed
     * the payments (before the void) or after the void (its answer lost), then restarted: each invoice ends VOIDED with
     * its one payment DELETED, and the invoice and PAYMENT links gone.
     */
    @TestFactory
    Stream<DynamicTest> paidOrderVoidKilledBetweenDeleteAndVoidEndsVoidedWithoutPayment() {
        return Stream.of(false, true).map(afterVoid -> DynamicTest.dynamicTest("paid order voided, killed "
                + (afterVoid ? "after the void (its answer lost)" : "after the payments removed, before the void"), () -> {
            try (ConnectorHarness harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true)) {
                System.out.println(paidVoid(afterVoid, harness));
            }
        }));
    }

    private static String paidVoid(boolean afterVoid, ConnectorHarness harness) throws Exception {
        harness.set("sync.lock-stale-after", "2s").set("xero.payment-accounts.1", "090").set("xero.payment-accounts.2", "090")
                .set("xero.payment-accounts.3", "091").set("xero.payment-accounts.6", "090").set("sync.void-on-status", "I");
        io.cscartxero.testsupport.StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 20, 20, 50, 9_600L);
        Books.mapTaxes(harness);
        JdbcTemplate connector = Books.connector(harness);
        JdbcTemplate store = harness.cscartJdbc();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Serially.call(() -> harness.cli(sink, "run", "orderExportJob"))).isIn(0, 3);
        assertThat(Serially.call(() -> harness.cli(sink, "run", "paymentExportJob"))).isIn(0, 3);
        List<Long> cancelled = connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'PAYMENT' AND xero_id IS NOT NULL "
                + "ORDER BY cscart_id", String.class).stream().map(Long::valueOf).limit(PAID_EDITS).toList();
        assertThat(cancelled).hasSize(PAID_EDITS);
        io.cscartxero.testsupport.Refunds.cancel(store, ConnectorHarness.PREFIX, cancelled, "I", 1_900_000_000L);

        harness.sandbox.faults().hold("POST", "/Invoices", 1, afterVoid);
        Path log = Files.createTempFile("proof-crash-paid-void", ".log");
        Process child = launch(harness, log, "run", "orderDeleteJob", "statuses=I");
        try {
            await(child, () -> harness.sandbox.faults().holding(), log);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            harness.sandbox.faults().clear();
            awaitQuiet(harness);
            String atKill = describe(harness, cancelled);
            long executionId = connector.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
            Leases.awaitAllStale(connector, Duration.ofSeconds(2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Serially.call(() -> harness.cli(new PrintStream(out, true, StandardCharsets.UTF_8), "restart", Long.toString(executionId)));
            assertThat(exit).as("restart: %s", out).isEqualTo(JobLaunchService.EXIT_COMPLETED);
            List<tools.jackson.databind.JsonNode> payments = allPayments(harness);
            for (long id : cancelled) {
                String number = "CS-" + id;
                assertThat(harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals(number)))
                        .singleElement().satisfies(i -> assertThat(i.status()).as(number).isEqualTo("VOIDED"));
                assertThat(payments.stream().filter(p -> p.path("Invoice").path("InvoiceNumber").asString().equals(number)))
                        .as("%s: its one payment, deleted", number).singleElement()
                        .satisfies(p -> assertThat(p.path("Status").asString()).isEqualTo("DELETED"));
                assertThat(connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity IN ('INVOICE', 'PAYMENT') AND cscart_id = ?",
                        Long.class, Long.toString(id))).as("%s: links", number).isZero();
            }
            Files.deleteIfExists(log);
            return String.format("[proof] crash paid void: %d paid orders cancelled into I, killed %s (at kill: %s); restart exit %d; "
                    + "each: invoice VOIDED, its payment DELETED, links gone", PAID_EDITS,
                    afterVoid ? "after the void" : "before the void", atKill, exit);
        } finally {
            harness.sandbox.faults().clear();
            child.destroyForcibly();
        }
    }

    private static List<tools.jackson.databind.JsonNode> allPayments(ConnectorHarness harness) {
        List<tools.jackson.databind.JsonNode> all = new ArrayList<>();
        new io.cscartxero.testsupport.XeroUser(harness.sandbox).get("/Payments").path("Payments").forEach(all::add);
        return all;
    }

    /** The edited orders' invoices at the kill: status and live payments. */
    private static String describe(ConnectorHarness harness, List<Long> edited) {
        List<tools.jackson.databind.JsonNode> payments = allPayments(harness);
        StringBuilder b = new StringBuilder();
        for (long id : edited) {
            io.cscartxero.sandbox.SandboxInvoice invoice = harness.sandbox.invoices().stream()
                    .filter(i -> i.invoiceNumber().equals("CS-" + id)).findFirst().orElseThrow();
            long live = payments.stream().filter(p -> p.path("Invoice").path("InvoiceNumber").asString().equals("CS-" + id)
                    && p.path("Status").asString().equals("AUTHORISED")).count();
            b.append(b.isEmpty() ? "" : ", ").append(invoice.invoiceNumber()).append(' ').append(invoice.status())
                    .append(" due ").append(invoice.amountDue()).append(" live payments ").append(live);
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * The packaged jar (what operators run; failsafe runs this class after {@code package} and passes its path) in its
     * own JVM with the harness's configuration. Run from an IDE without that property, the classes on the classpath.
     */
    private static Process launch(ConnectorHarness harness, Path log, String... command) throws Exception {
        String jar = System.getProperty("connector.jar");
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-Dspring.backgroundpreinitializer.ignore=true"));
        args.addAll(jar != null ? List.of("-jar", jar)
                : List.of("-cp", System.getProperty("java.class.path"), CsCartXeroApplication.class.getName()));
        args.addAll(List.of(command));
        harness.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Until the sandbox has answered every call it received (a killed client's call may still be executing). */
    private static void awaitQuiet(ConnectorHarness harness) {
        long calls;
        do {
            calls = harness.sandbox.stats().totalCalls();
            FaultInjectionTest.sleep(150);
        } while (harness.sandbox.stats().totalCalls() != calls);
    }

    /** Chunks committed so far by the running step (0 before the step exists). */
    private static long commits(JdbcTemplate connector) {
        try {
            Long n = connector.queryForObject("SELECT COALESCE(MAX(COMMIT_COUNT), 0) FROM BATCH_STEP_EXECUTION", Long.class);
            return n == null ? 0 : n;
        } catch (RuntimeException tablesNotThereYet) {
            return 0;
        }
    }

    private static void await(Process child, java.util.function.BooleanSupplier condition, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child ended or hung before the kill point; log:\n" + Files.readString(log));
            }
            Thread.sleep(3);
        }
    }
}
