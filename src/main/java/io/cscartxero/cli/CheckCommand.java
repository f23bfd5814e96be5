package io.cscartxero.cli;

import java.io.PrintStream;
import java.util.List;

import io.cscartxero.check.CheckLine;
import io.cscartxero.check.FirstRunChecks;
import io.cscartxero.ops.JobLaunchService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code check}: everything a first run needs, one line each with ✓ or ✗ and the fix; reads only (no Xero write,
 * no CS-Cart change). Exit 0 when a run would succeed, 2 otherwise. The lines come from the
 * {@link io.cscartxero.check.FirstRunCheck} beans.
 */
@Command(name = "check", description = "Check everything a first run needs (CS-Cart database, grants, store settings, "
        + "connector database, Xero connection, currency, accounts, taxes, order statuses), read-only. Exit 0 when a run would succeed, 2 otherwise.")
final class CheckCommand implements Cli.AppCommand {

    @Option(names = "--exports-only", description = "the imports are not used: their write grants are not needed")
    boolean exportsOnly;

    @Override
    public int call(ConfigurableApplicationContext app, PrintStream out) {
        List<CheckLine> lines = app.getBean(FirstRunChecks.class).run(exportsOnly);
        lines.forEach(line -> out.println(line.render()));
        long failed = lines.stream().filter(line -> !line.ok()).count();
        out.println(failed == 0 ? "All " + lines.size() + " checks passed: a run would succeed."
                : failed + " of " + lines.size() + " checks failed: fix the ✗ lines and run check again.");
        return failed == 0 ? JobLaunchService.EXIT_COMPLETED : JobLaunchService.EXIT_USAGE;
    }
}
