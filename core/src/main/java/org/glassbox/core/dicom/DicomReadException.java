package org.glassbox.core.dicom;

import java.nio.file.Path;

/**
 * A file could not be read as DICOM. The message is one line naming the file and the reason, fit to
 * print as is; batches catch it per file and carry on.
 */
public class DicomReadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String reason;

    public DicomReadException(Path file, String reason) {
        this(file, reason, null);
    }

    public DicomReadException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** The reason alone, without the file name. */
    public String reason() {
        return reason;
    }
}
