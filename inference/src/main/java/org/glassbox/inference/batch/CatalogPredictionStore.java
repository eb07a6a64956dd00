package org.glassbox.inference.batch;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.Prediction;

/** The workspace catalog's prediction cache; one transaction per batch. Use from one thread (the model's). */
public final class CatalogPredictionStore implements PredictionStore {
    private final Catalog catalog;

    public CatalogPredictionStore(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Map<String, Prediction> find(String modelSha256, Collection<String> sopInstanceUids) {
        return catalog.predictions().find(modelSha256, sopInstanceUids);
    }

    @Override
    public void store(List<Prediction> predictions) {
        catalog.inTransaction(() -> {
            catalog.predictions().store(predictions);
            return null;
        });
    }
}
