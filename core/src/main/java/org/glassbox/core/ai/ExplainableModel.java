package org.glassbox.core.ai;

import java.util.List;

/**
 * A model that classifies and can be looked into: what {@code explain} works against. The
 * inference engines implement it for every format they load; {@code explain} never sees ND4J.
 */
public interface ExplainableModel extends Classifier, ActivationProbe {

    /**
     * Layers that hold trainable parameters, from the output towards the input (top first) — the
     * order of Adebayo et al.'s (2018) cascading model-parameter randomisation test. Empty when the
     * model cannot be randomised.
     */
    default List<String> parameterLayersTopDown() {
        return List.of();
    }

    /**
     * An independent copy of this model whose parameters in the first {@code count} layers of
     * {@link #parameterLayersTopDown()} are re-drawn at random (seeded: same seed, same weights),
     * all other weights unchanged. The copy must be closed by the caller; this model is untouched.
     *
     * @throws IllegalArgumentException when {@code count} is outside [0, parameterLayersTopDown().size()]
     */
    default ExplainableModel withRandomizedTopLayers(int count, long seed) {
        throw new UnsupportedOperationException(descriptor().id() + ": this model cannot randomise its parameters");
    }
}
