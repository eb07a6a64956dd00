package org.glassbox.inference.pkg;

import java.io.IOException;

/**
 * A model package (or bare ONNX file) was refused: a hash does not match, a file is missing or not
 * listed, model.json is malformed, a zip entry is unsafe. The message is one line naming the
 * package or file and the reason.
 */
public class ModelPackageException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelPackageException(String message) {
        super(message);
    }

    public ModelPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
