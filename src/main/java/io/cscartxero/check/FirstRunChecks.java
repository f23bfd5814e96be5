package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;

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
        List<CheckLine> lines = new ArrayList<>();
        runByCheck(exportsOnly).forEach(part -> lines.addAll(part.lines()));
        return lines;
    }

    /**
     * One check's lines, with the check's {@code @Order} (a {@link FirstRunCheck} constant such as
     * {@link FirstRunCheck#TAX_PLAN}), for a report grouped by check (the console's setup page).
     */
    public record Part(int order, String subject, List<CheckLine> lines) {
    }

    /** As {@link #run}, the lines of each check kept apart. */
    public List<Part> runByCheck(boolean exportsOnly) {
        CheckContext context = new CheckContext(sources, exportsOnly);
        List<Part> parts = new ArrayList<>();
        for (FirstRunCheck check : checks) {
            int order = OrderUtils.getOrder(AopUtils.getTargetClass(check), Ordered.LOWEST_PRECEDENCE);
            List<CheckLine> lines;
            try {
                lines = new ArrayList<>(check.check(context));
            } catch (RuntimeException e) {
                lines = List.of(CheckLine.fail(check.subject(), "could not be checked: " + CheckContext.rootMessage(e),
                        "fix the cause and run check again"));
            }
            parts.add(new Part(order, check.subject(), lines));
        }
        return parts;
    }
}
