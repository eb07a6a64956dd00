package org.glassbox.inference.pkg;

import java.io.IOException;
import java.nio.file.Path;
import org.glassbox.core.ai.ModelDescriptor;

/**
 * A verified model package, ready for an engine: every hash matched, model.json is valid.
 * Close it when the engine has loaded the weights: a zipped package's extracted copy is deleted
 * then (a folder or .onnx file is left alone).
 *
 * @param source       what the user gave: a folder, a .zip or a bare .onnx file
 * @param manifest     the manifest (synthesised for a bare .onnx file)
 * @param manifestJson the exact model.json bytes the identity covers
 * @param identity     SHA-256 of SHA256SUMS: what caches and the registry key on
 * @param weightsFile  a readable weights file (inside the extracted copy for a zip)
 * @param synthesised  true for a bare .onnx file (manifest from flags and defaults)
 * @param extracted    temporary folder to delete on close, or null
 */
public record ModelPackage(Path source, ModelManifest manifest, byte[] manifestJson, String identity, Path weightsFile,
                           boolean synthesised, Path extracted) implements AutoCloseable {

    /** What engines and explanations see; its sha256 is {@link #identity()}. */
    public ModelDescriptor descriptor() {
        return manifest.descriptor(identity);
    }

    @Override
    public void close() throws IOException {
        if (extracted != null) {
            org.glassbox.core.io.FileTrees.deleteTree(extracted);
        }
    }
}
