package org.glassbox.inference.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassbox.inference.pkg.EnumTokens;
import org.glassbox.inference.pkg.ModelPackage;

/**
 * Chooses the {@link ModelEngine} for a weights format and loads a verified package with it.
 * Engines are found with {@link ServiceLoader} (listed in
 * {@code META-INF/services/org.glassbox.inference.engine.ModelEngine}), so this class depends on
 * no engine; a listed engine that cannot be instantiated is skipped and named in the error a
 * caller gets when it asks for that format.
 */
public final class Engines {
    private final Map<ModelFormat, ModelEngine> byFormat;
    private final List<String> unavailable;

    /** @throws IllegalArgumentException when two engines claim one format */
    public Engines(List<ModelEngine> engines) {
        this(engines, List.of());
    }

    private Engines(List<ModelEngine> engines, List<String> unavailable) {
        Map<ModelFormat, ModelEngine> map = new EnumMap<>(ModelFormat.class);
        for (ModelEngine e : engines) {
            ModelEngine previous = map.putIfAbsent(e.format(), e);
            if (previous != null) {
                throw new IllegalArgumentException("two engines for format " + EnumTokens.token(e.format()) + ": "
                        + previous.getClass().getName() + " and " + e.getClass().getName());
            }
        }
        this.byFormat = Collections.unmodifiableMap(map);
        this.unavailable = List.copyOf(unavailable);
    }

    /** The engines on the class path. */
    public static Engines discover() {
        return discover(Engines.class.getClassLoader());
    }

    static Engines discover(ClassLoader loader) {
        // Before any engine loads ND4J: its native build is chosen once, at first use.
        NativeBackend.preferOneDnn();
        List<ModelEngine> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Iterator<ModelEngine> it = ServiceLoader.load(ModelEngine.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                // A listed engine missing from this build (or failing to start): skip it, remember why.
                broken.add(e.getMessage());
            }
        }
        return new Engines(found, broken);
    }

    /** Formats some engine handles. */
    public Set<ModelFormat> formats() {
        return byFormat.keySet();
    }

    /** Engines listed as services that could not be loaded, with the reason. */
    public List<String> unavailable() {
        return unavailable;
    }

    /** @throws NoEngineException naming the format and the formats that are handled */
    public ModelEngine engineFor(ModelFormat format) throws NoEngineException {
        ModelEngine engine = byFormat.get(format);
        if (engine == null) {
            String handled = byFormat.isEmpty() ? "none" : byFormat.keySet().stream().map(EnumTokens::token).collect(Collectors.joining(", "));
            throw new NoEngineException("no engine loads " + EnumTokens.token(format) + " models in this build (engines available for: "
                    + handled + ")" + (unavailable.isEmpty() ? "" : "; engines that failed to load: " + String.join("; ", unavailable)));
        }
        return engine;
    }

    /** Loads a verified package with the engine for its weights format. */
    public LoadedModel load(ModelPackage pkg) throws IOException {
        ModelEngine engine;
        try {
            engine = engineFor(pkg.manifest().weights().format());
        } catch (NoEngineException e) {
            throw new NoEngineException(pkg.source() + ": " + e.getMessage());
        }
        return engine.load(pkg.weightsFile(), pkg.descriptor(), pkg.manifest().targetLayer());
    }

    /** No engine handles a model's format. */
    public static final class NoEngineException extends IOException {
        private static final long serialVersionUID = 1L;

        public NoEngineException(String message) {
            super(message);
        }
    }
}
