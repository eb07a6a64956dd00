package org.glassbox.core.catalog;

/** A truth CSV is malformed; the message names the file, the line and what is wrong. */
public class TruthCsvException extends Exception {
    private static final long serialVersionUID = 1L;

    public TruthCsvException(String message) {
        super(message);
    }
}
