package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;

/**
 * The workspace's registered models, loaded on first use and kept until closed. Loading goes through
 * {@link ModelResolver} (hashes, signature policy, "changed since registered"), so a tampered package
 * is refused here as on the command line. The first load of any model starts ND4J (seconds): call
 * {@link #open} only off the FX thread.
 */
public final class ModelSessions implements AutoCloseable {
    private final Path workspaceRoot;
    private final Map<String, ModelSession> loaded = new LinkedHashMap<>();

    public ModelSessions(Path workspaceRoot) {
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
    }

    /** The registered models, in registry order (reads the catalog; cheap, no engine). */
    public List<RegisteredModel> registered() {
        try (Catalog catalog = Catalog.open(workspaceRoot.resolve("catalog.sqlite"))) {
            return catalog.models().all();
        }
    }

    /**
     * The model loaded (verified and in an engine), loading it on first use.
     *
     * @throws IOException naming the model and why it cannot be loaded (missing, changed, unsigned…)
     */
    public synchronized ModelSession open(RegisteredModel model) throws IOException {
        ModelSession session = loaded.get(model.sha256());
        if (session != null) {
            return session;
        }
        ModelManifest manifest;
        LoadedModel engineModel;
        try (ModelPackage pkg = new ModelResolver().open(model.id() + ":" + model.version(), BareOnnxOptions.DEFAULTS,
                workspaceRoot.resolve("catalog.sqlite"))) {
            manifest = pkg.manifest();
            engineModel = Engines.discover().load(pkg);
        } catch (IOException | RuntimeException e) {
            throw new IOException("model " + model.id() + " " + model.version() + " cannot be loaded: " + e.getMessage(), e);
        }
        session = new ModelSession(model, manifest, engineModel);
        loaded.put(model.sha256(), session);
        return session;
    }

    /** True when the model is already loaded (no engine start needed). */
    public synchronized boolean isLoaded(RegisteredModel model) {
        return loaded.containsKey(model.sha256());
    }

    @Override
    public synchronized void close() {
        for (ModelSession s : loaded.values()) {
            try {
                s.model().close();
            } catch (Exception ignored) {
                // closing native memory at shutdown; nothing left to report to
            }
        }
        loaded.clear();
    }
}
