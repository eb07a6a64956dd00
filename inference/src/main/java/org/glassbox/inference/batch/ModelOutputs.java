package org.glassbox.inference.batch;

import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;

/**
 * One model call on a batch: logits, scores, and the embedding when a layer is named.
 *
 * @param logits     N × outputs
 * @param scores     N × outputs
 * @param embeddings N × dims, or null
 */
public record ModelOutputs(float[][] logits, float[][] scores, float[][] embeddings) {

    /**
     * @param embeddingLayer null for none; a rank-4 activation N×C×H×W is averaged over H×W, any
     *                       other is flattened per sample
     */
    public static ModelOutputs of(LoadedModel model, Tensor batch, String embeddingLayer) {
        Tensor z = model.logits(batch);
        int n = z.dim(0);
        int k = z.dim(1);
        float[][] logits = new float[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                logits[i][j] = z.get(i * k + j);
            }
        }
        float[][] scores = Classifier.scores(z, model.descriptor().outputKind());
        float[][] emb = embeddingLayer == null ? null : embeddings(model.activations(batch, embeddingLayer));
        return new ModelOutputs(logits, scores, emb);
    }

    static float[][] embeddings(Tensor a) {
        int n = a.dim(0);
        int per = a.size() / n;
        if (a.rank() == 4) {
            int c = a.dim(1);
            int hw = a.dim(2) * a.dim(3);
            float[][] out = new float[n][c];
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    int base = i * per + ch * hw;
                    for (int p = 0; p < hw; p++) {
                        sum += a.get(base + p);
                    }
                    out[i][ch] = (float) (sum / hw);
                }
            }
            return out;
        }
        float[][] out = new float[n][per];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < per; p++) {
                out[i][p] = a.get(i * per + p);
            }
        }
        return out;
    }
}
