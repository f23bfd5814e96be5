package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;


import org.springframework.stereotype.Component;

/** Runs every {@link FirstRunCheck} bean in order; one failing check never hides the others. */
@Component
public class FirstRunChecks {

    private final List<FirstRunCheck> checks;
    private final CheckContext.Sources sources;

    /** {@code checks} arrive sorted by their {@code @Order}. */
    public FirstRunChecks(List<FirstRunCheck> checks, CheckContext.Sources sources) {
        this.checks = checks;
        this.sources = sources;
    }

    public List<CheckLine> run(boolean exportsOnly) {
        CheckContext context = new CheckContext(sources, exportsOnly);
        List<CheckLine> lines = new ArrayList<>();
        for (FirstRunCheck check : checks) {
            try {
                lines.addAll(check.check(context));
            } catch (RuntimeException e) {
                lines.add(CheckLine.fail(check.subject(), "could not be checked: " + CheckContext.rootMessage(e),
                        "fix the cause and run check again"));
            }
        }
        return lines;
    }
}
