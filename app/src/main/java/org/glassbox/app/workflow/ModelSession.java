package org.glassbox.app.workflow;

import java.util.List;
import java.util.Objects;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.preprocess.DicomPreprocessor;
import org.glassbox.inference.preprocess.PreprocessingSpecs;

/**
 * A registered model loaded into an engine, ready to score and explain. Owned by
 * {@link ModelSessions}, which closes it; a LoadedModel is not safe for concurrent calls, so the
 * workstation runs all model work on its one compute thread.
 *
 * @param registered the registry entry it was loaded from
 * @param manifest   its model.json
 * @param model      the loaded engine model
 */
public record ModelSession(RegisteredModel registered, ModelManifest manifest, LoadedModel model) {
    public ModelSession {
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(model, "model");
    }

    /** Package identity (SHA-256 of its SHA256SUMS), on which cached scores and maps key. */
    public String sha256() {
        return registered.sha256();
    }

    /** Output labels, in output order. */
    public List<String> labels() {
        return manifest.labels();
    }

    /** "id version", for titles and status lines. */
    public String displayName() {
        return registered.id() + " " + registered.version();
    }

    /** The model's own preprocessing (the same path "what the model saw" shows). */
    public DicomPreprocessor preprocessor() {
        return new DicomPreprocessor(Dicom.reader(), PreprocessingSpecs.of(manifest), manifest.inputShape());
    }
}
