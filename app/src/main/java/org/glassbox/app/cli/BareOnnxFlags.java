package org.glassbox.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.EnumTokens;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Flags that describe a bare .onnx file passed where a package is expected (ignored for packages,
 * whose model.json says all this). What is not given is defaulted and shown in --json output.
 */
public final class BareOnnxFlags {
    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "Bare .onnx: output labels in order (default output_0…).")
    List<String> labels;

    @Option(names = "--input-shape", paramLabel = "C,H,W", description = "Bare .onnx: input shape (default: the graph input's, when static).")
    String inputShape;

    @Option(names = "--output", paramLabel = "KIND", description = "Bare .onnx: sigmoid, softmax or identity (default identity).")
    String output;

    @Option(names = "--model-id", paramLabel = "ID", description = "Bare .onnx: model id (default: the file name).")
    String id;

    @Option(names = "--model-version", paramLabel = "V", description = "Bare .onnx: model version (default 0-unpackaged).")
    String version;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** @throws CommandLine.ParameterException (exit 2) on a malformed flag */
    public BareOnnxOptions options() {
        List<Integer> shape = null;
        if (inputShape != null) {
            shape = new ArrayList<>();
            for (String part : inputShape.split(",")) {
                try {
                    shape.add(Integer.parseInt(part.strip()));
                } catch (NumberFormatException e) {
                    shape = null;
                    break;
                }
            }
            if (shape == null || shape.size() != 3) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--input-shape must be C,H,W (three integers), got '" + inputShape + "'");
            }
        }
        OutputKind kind = null;
        if (output != null) {
            kind = EnumTokens.parse(OutputKind.class, output);
            if (kind == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--output must be " + EnumTokens.choices(OutputKind.class)
                        + ", got '" + output + "'");
            }
        }
        List<String> names = labels == null ? null : Arrays.stream(labels.toArray(String[]::new)).map(String::strip).toList();
        return new BareOnnxOptions(id, version, names, shape, kind);
    }
}
