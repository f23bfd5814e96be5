package io.cscartxero.ops;

import java.util.Map;

/**
 * What an operator may pass to a job: parameter names with their types (the type is part of a JobInstance's
 * identity in Spring Batch, so the CLI always passes it), plus a line for the job table.
 */
public record JobSpec(String jobName, String direction, Map<String, Class<?>> parameters) {
}
