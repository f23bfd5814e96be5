package io.cscartxero.sync;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A report file named by the operator ({@code report=} of orderExportJob, {@code reconcile --csv}): read the same way
 * wherever reports are written. Whether the file may be in a sub-directory, exist or be reached through a link is the
 * writer's rule.
 */
public final class ReportFileNames {

    private ReportFileNames() {
    }

    /**
     * {@code name} relative to {@code directory} (or absolute), normalised; refused (IllegalArgumentException, the
     * reason as its message) when it is not a file name or has a {@code ..} part.
     */
    public static Path resolve(Path directory, String name) {
        Path given;
        try {
            given = Path.of(name.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file name (" + e.getReason() + ")");
        }
        if (name.isBlank() || given.getFileName() == null) {
            throw new IllegalArgumentException("no file name");
        }
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("'..' is not allowed");
            }
        }
        return (given.isAbsolute() ? given : directory.resolve(given)).normalize();
    }
}
