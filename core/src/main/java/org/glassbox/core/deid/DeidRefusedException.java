package org.glassbox.core.deid;

import java.io.IOException;
import java.nio.file.Path;

/** The gate refuses to write a de-identified copy (e.g. BurnedInAnnotation = YES). */
public class DeidRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public DeidRefusedException(Path file, String reason) {
        super(file + ": " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
