package io.cscartxero.order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.cscartxero.infra.DataDirectory;
import io.cscartxero.sync.ReportFileNames;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Where dry-run reports may be written: only in the report directory ({@code sync.report-dir}, by default
 * {@code reports/} in the connector's data directory), as a new file (never appended to or overwritten), through no
 * symbolic link, 0600 in a 0700 directory. Reports hold buyers' names and e-mails. {@code report=} names a file in
 * that directory (relative) or an absolute path inside it; {@code ..}, a path outside it, a symbolic link and an
 * existing file are refused before the run starts (the job's parameter validator, which {@code run} calls before any
 * execution exists). A restart of the same execution continues its own file.
 */
final class DryRunReportFiles implements JobParametersValidator {

    private final Path directory;
    private final JobRepository jobRepository;

    DryRunReportFiles(Path directory, JobRepository jobRepository) {
        this.directory = directory.toAbsolutePath().normalize();
        this.jobRepository = jobRepository;
    }

    /** The report directory: the configured one, else {@code reports} in the connector's data directory. */
    static Path directory(String configured, DataDirectory data) {
        return configured == null || configured.isBlank() ? data.path().resolve("reports") : Path.of(configured.trim());
    }

    Path directory() {
        return directory;
    }

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        String report = parameters.getString("report");
        if (report == null) {
            return;
        }
        var dryRun = parameters.getParameter("dryRun");
        if (dryRun == null || !Boolean.TRUE.equals(dryRun.value())) {
            throw new InvalidJobParametersException("report=" + report + " is only for dry runs (dryRun=true)");
        }
        try {
            Path file = resolve(report);
            if (!restart(parameters) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("it exists; a report is always a new file (choose another name)");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidJobParametersException("report=" + report + " is refused: " + e.getMessage()
                    + ". Reports are written only in " + directory + " (sync.report-dir, SYNC_REPORT_DIR)");
        }
    }

    /** A file named by {@code report=}, inside the directory, reached through no symbolic link. */
    Path resolve(String report) {
        Path file = ReportFileNames.resolve(directory, report);
        if (!file.startsWith(directory) || file.equals(directory)) {
            throw new IllegalArgumentException("it is outside the report directory");
        }
        for (Path p = file; p != null && p.startsWith(directory) && !p.equals(directory); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IllegalArgumentException(directory.relativize(p) + " is a symbolic link");
            }
            if (p != file && Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(directory.relativize(p) + " is not a directory");
            }
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("it is a directory");
        }
        return file;
    }

    /** The file of a run: the one {@code report=} names, else {@code orderExportJob-<execution>.jsonl} (made unique). */
    Path fileFor(String report, long executionId) {
        if (report != null) {
            return resolve(report);
        }
        Path file = directory.resolve("orderExportJob-" + executionId + ".jsonl");
        for (int n = 2; Files.exists(file, LinkOption.NOFOLLOW_LINKS); n++) {
            file = directory.resolve("orderExportJob-" + executionId + "-" + n + ".jsonl");
        }
        return file;
    }

    /** The directories down to the file, created 0700 (the report directory itself included). */
    static void createDirectories(Path file) throws IOException {
        DataDirectory.createPrivateDirectories(file.getParent());
    }

    /** Whether these parameters belong to an instance that already ran (a restart continues its own report). */
    private boolean restart(JobParameters parameters) {
        JobInstance instance = jobRepository.getJobInstance(OrderExportJobConfiguration.JOB, parameters);
        return instance != null && jobRepository.getLastJobExecution(instance) != null;
    }
}
