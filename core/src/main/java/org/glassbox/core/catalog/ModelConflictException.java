package org.glassbox.core.catalog;

/** A model cannot be registered: its id and version (or its hash) are taken by a different package. */
public class ModelConflictException extends CatalogException {
    private static final long serialVersionUID = 1L;

    public ModelConflictException(String message) {
        super(message);
    }
}
