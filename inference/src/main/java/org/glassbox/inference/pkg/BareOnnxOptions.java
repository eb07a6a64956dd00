package org.glassbox.inference.pkg;

import java.util.List;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;

/**
 * What the user said about a bare .onnx file (CLI flags); null means "use the default", which
 * {@link BareOnnxManifests} documents and the synthesised manifest shows.
 *
 * @param id         default: the file name without ".onnx" (characters outside [A-Za-z0-9._-] become '-')
 * @param version    default: "0-unpackaged"
 * @param labels     default: output_0 … output_{K-1} when the graph's output size K is static
 * @param inputShape [C, H, W]; default: the graph input's shape when static
 * @param output     default: identity (scores shown as the model gives them)
 */
public record BareOnnxOptions(String id, String version, List<String> labels, List<Integer> inputShape, OutputKind output) {
    public static final BareOnnxOptions DEFAULTS = new BareOnnxOptions(null, null, null, null, null);

    public BareOnnxOptions {
        labels = labels == null ? null : List.copyOf(labels);
        inputShape = inputShape == null ? null : List.copyOf(inputShape);
    }
}
