package org.glassbox.core.catalog;

/**
 * The catalog could not be read or written (SQLite error, failed migration, corrupt file). The
 * message is one line naming the catalog file or the operation; callers abort the operation — the
 * open transaction has already been rolled back.
 */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), cause);
    }
}
