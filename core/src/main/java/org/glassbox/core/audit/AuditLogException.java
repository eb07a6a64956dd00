package org.glassbox.core.audit;

/** The audit log cannot be read or appended to; the message names the file and the reason. */
public class AuditLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditLogException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditLogException(String message) {
        super(message);
    }
}
