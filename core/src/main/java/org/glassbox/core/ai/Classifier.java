package org.glassbox.core.ai;

/**
 * A model as the rest of GlassBox sees it: a batch of preprocessed images in, one row of outputs
 * per image out. Implementations live in the inference module; {@code explain} and the fairness
 * code only ever see this interface. Implementations are not required to be thread-safe.
 */
public interface Classifier extends AutoCloseable {

    ModelDescriptor descriptor();

    /**
     * Raw outputs (logits) of the model.
     *
     * @param batch N × inputShape, float32, already preprocessed
     * @return N × outputs
     * @throws IllegalArgumentException when the batch's shape does not match {@code inputShape}
     */
    Tensor logits(Tensor batch);

    /** Scores in [0, 1]: the logits through the descriptor's output kind. N × outputs. */
    default float[][] scores(Tensor batch) {
        return scores(logits(batch), descriptor().outputKind());
    }

    /**
     * Logits (N × outputs) through an output kind: sigmoid per output, softmax per row (max-shifted,
     * so large logits do not overflow), or identity.
     */
    static float[][] scores(Tensor logits, ModelDescriptor.OutputKind kind) {
        Tensor z = logits;
        int n = z.dim(0);
        int k = z.dim(1);
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z.get(i * k + j));
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double v = z.get(i * k + j);
                out[i][j] = switch (kind) {
                    case SIGMOID -> (float) (1 / (1 + Math.exp(-v)));
                    case SOFTMAX -> (float) Math.exp(v - max);
                    case IDENTITY -> (float) v;
                };
                sum += out[i][j];
            }
            if (kind == ModelDescriptor.OutputKind.SOFTMAX) {
                for (int j = 0; j < k; j++) {
                    out[i][j] /= (float) sum;
                }
            }
        }
        return out;
    }

    @Override
    void close();
}
