package org.glassbox.inference.engine;

import java.io.IOException;
import java.nio.file.Path;
import org.glassbox.core.ai.ModelDescriptor;

/**
 * Loads weights of one format into a {@link LoadedModel}. The package layer (manifest, hashes,
 * preprocessing) sits above; an engine only turns verified weights into something that runs.
 */
public interface ModelEngine {

    ModelFormat format();

    /**
     * @param weights    the weights file, already hash-checked by the package layer
     * @param descriptor labels, input shape and output kind from the manifest
     * @param targetLayer default layer for explanations (may be null)
     * @throws IOException with a clear message naming the file and what is wrong (unknown op,
     *                     corrupt weights, shape mismatch); never a native crash
     */
    LoadedModel load(Path weights, ModelDescriptor descriptor, String targetLayer) throws IOException;
}
