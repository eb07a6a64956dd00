package org.glassbox.inference.pkg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.ModelManifest.Channels;
import org.glassbox.inference.pkg.ModelManifest.Interpolation;
import org.glassbox.inference.pkg.ModelManifest.Preprocessing;
import org.glassbox.inference.pkg.ModelManifest.Resize;
import org.glassbox.inference.pkg.ModelManifest.ResizeMode;
import org.glassbox.inference.pkg.ModelManifest.Scaling;
import org.glassbox.inference.pkg.ModelManifest.Task;
import org.glassbox.inference.pkg.ModelManifest.WindowMode;
import org.glassbox.inference.pkg.ModelManifest.Windowing;

/** Valid manifests for tests. */
final class TestManifests {
    private TestManifests() {
    }

    /** A TorchXRayVision-style manifest: grey 1×32×32, [-1024, 1024] scaling, two labels, ONNX weights. */
    static ModelManifest valid() {
        return valid("test-model", "1.0.0", "weights.onnx");
    }

    static ModelManifest valid(String id, String version, String weightsFile) {
        Map<String, ModelManifest.Metric> metrics = new LinkedHashMap<>();
        metrics.put("auroc/effusion", new ModelManifest.Metric(0.91, "held-out synthetic cohort, 200 studies, seed 11"));
        metrics.put("auroc/nodule", new ModelManifest.Metric(0.84, "held-out synthetic cohort, 200 studies, seed 11"));
        return new ModelManifest(1, id, version, Task.MULTI_LABEL_CLASSIFICATION, List.of("effusion", "nodule"), List.of(1, 32, 32),
                Channels.GREY, OutputKind.SIGMOID, new ModelManifest.Weights(ModelFormat.ONNX, weightsFile),
                new Preprocessing(new Windowing(WindowMode.DICOM_VOI, null, null), new Scaling(-1024.0, 1024.0),
                        new Resize(32, Interpolation.BILINEAR, ResizeMode.EXACT), null, false, null),
                new ModelManifest.Explain("features.conv2"), "Apache-2.0", "Research on synthetic data; not for clinical use.",
                "Synthetic cohort, 1,000 studies, 3 sites, seed 7.", metrics,
                new ModelManifest.Training("./glassbox train --variant v1", Map.of("data", 7L, "init", 13L)));
    }
}
