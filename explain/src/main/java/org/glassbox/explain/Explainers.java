package org.glassbox.explain;

import java.util.Map;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.explain.attribution.ExpectedGradients;
import org.glassbox.explain.attribution.IntegratedGradients;
import org.glassbox.explain.attribution.KernelShap;
import org.glassbox.explain.attribution.Occlusion;
import org.glassbox.explain.attribution.PartitionShap;
import org.glassbox.explain.cam.CamOptions;
import org.glassbox.explain.cam.GradCam;
import org.glassbox.explain.cam.GradCamPlusPlus;
import org.glassbox.explain.cam.HiResCam;

/** Creates the explainer for a method from CLI-style options (e.g. {@code layer}, {@code steps}). */
public final class Explainers {
    private Explainers() {
    }

    /**
     * @param options method parameters by name; unknown names or bad values are refused
     * @throws IllegalArgumentException naming the bad option
     */
    public static Explainer create(ExplanationMethod method, ExplainableModel model, Map<String, String> options) {
        return switch (method) {
            case GRADCAM -> new GradCam(model, CamOptions.fromMap(options));
            case GRADCAM_PLUS_PLUS -> new GradCamPlusPlus(model, CamOptions.fromMap(options));
            case HIRESCAM -> new HiResCam(model, CamOptions.fromMap(options));
            case INTEGRATED_GRADIENTS -> new IntegratedGradients(model, IntegratedGradients.Options.fromMap(options));
            case EXPECTED_GRADIENTS -> new ExpectedGradients(model, ExpectedGradients.Options.fromMap(options));
            case KERNEL_SHAP -> new KernelShap(model, KernelShap.options(options));
            case PARTITION_SHAP -> new PartitionShap(model, PartitionShap.options(options));
            case OCCLUSION -> new Occlusion(model, Occlusion.Options.fromMap(options));
        };
    }
}
