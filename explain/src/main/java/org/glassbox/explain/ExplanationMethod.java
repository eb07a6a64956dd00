package org.glassbox.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The explanation methods GlassBox offers, with the names the CLI and the cache use. */
public enum ExplanationMethod {
    GRADCAM("gradcam", Family.CAM),
    GRADCAM_PLUS_PLUS("gradcam++", Family.CAM),
    HIRESCAM("hirescam", Family.CAM),
    INTEGRATED_GRADIENTS("ig", Family.GRADIENT),
    EXPECTED_GRADIENTS("eg", Family.GRADIENT),
    KERNEL_SHAP("kernelshap", Family.PERTURBATION),
    PARTITION_SHAP("partitionshap", Family.PERTURBATION),
    OCCLUSION("occlusion", Family.PERTURBATION);

    /** How a method gets at the model: a layer's activations and gradients, input gradients, or outputs only. */
    public enum Family { CAM, GRADIENT, PERTURBATION }

    private final String cliName;
    private final Family family;

    ExplanationMethod(String cliName, Family family) {
        this.cliName = cliName;
        this.family = family;
    }

    public String cliName() {
        return cliName;
    }

    public Family family() {
        return family;
    }

    /** @throws IllegalArgumentException naming the known methods when {@code name} is none of them */
    public static ExplanationMethod fromCliName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ExplanationMethod m : values()) {
            if (m.cliName.equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown explanation method '" + name + "'; known: "
                + Arrays.stream(values()).map(ExplanationMethod::cliName).collect(Collectors.joining(", ")));
    }
}
