package org.glassbox.inference.pkg;

/** Fixed names inside a model package. */
public final class ModelPackageLayout {
    /** The manifest. */
    public static final String MANIFEST = "model.json";
    /** sha256sum-format hashes of every other file. */
    public static final String SUMS = "SHA256SUMS";

    private ModelPackageLayout() {
    }
}
