package org.glassbox.inference.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.ModelManifest.Normalisation;
import org.glassbox.inference.pkg.ModelManifest.Preprocessing;
import org.glassbox.inference.pkg.ModelManifest.Resize;
import org.glassbox.inference.pkg.ModelManifest.WindowMode;
import org.glassbox.inference.pkg.ModelManifest.Windowing;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    private final ManifestJson json = new ManifestJson();

    /** The example in docs/model-package.md, verbatim. */
    static final String EXAMPLE = """
            {
              "schemaVersion": 1,
              "id": "glassbox-demo-cxr",
              "version": "1.0.0",
              "task": "multi-label-classification",
              "labels": ["effusion", "nodule", "cardiomegaly"],
              "inputShape": [3, 224, 224],
              "channels": "grey",
              "output": "sigmoid",
              "weights": {"format": "onnx", "file": "model.onnx"},
              "preprocessing": {
                "windowing": {"mode": "explicit", "centre": 2048, "width": 4096},
                "scaling": {"min": 0, "max": 1},
                "resize": {"size": 256, "interpolation": "bilinear", "mode": "shorter-side"},
                "centreCrop": {"size": 224},
                "replicateChannels": true,
                "normalisation": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}
              },
              "explain": {"targetLayer": "features.denseblock4"},
              "licence": "Apache-2.0",
              "intendedUse": "Research and teaching on synthetic radiographs. Not a medical device; not for clinical use.",
              "trainingData": "GlassBox synthetic chest radiographs: 2,000 studies from 3 simulated sites, seed 7.",
              "metrics": {
                "auroc/effusion": {"value": 0.93, "cohort": "held-out synthetic cohort, 500 studies, seed 11"}
              },
              "training": {"command": "./glassbox train --variant v2 --seed 7", "seeds": {"data": 7, "init": 13}}
            }
            """;

    @Test
    void readsTheDocumentedExample() throws Exception {
        ModelManifest m = json.read(EXAMPLE.getBytes(StandardCharsets.UTF_8), "model.json");
        assertThat(m.id()).isEqualTo("glassbox-demo-cxr");
        assertThat(m.task()).isEqualTo(ModelManifest.Task.MULTI_LABEL_CLASSIFICATION);
        assertThat(m.output()).isEqualTo(OutputKind.SIGMOID);
        assertThat(m.weights().format()).isEqualTo(ModelFormat.ONNX);
        assertThat(m.preprocessing().windowing().mode()).isEqualTo(WindowMode.EXPLICIT);
        assertThat(m.preprocessing().resize().effectiveMode()).isEqualTo(ModelManifest.ResizeMode.SHORTER_SIDE);
        assertThat(m.preprocessing().normalisation().std()).containsExactly(0.229, 0.224, 0.225);
        assertThat(m.metrics().get("auroc/effusion").value()).isEqualTo(0.93);
        assertThat(m.training().seeds()).containsEntry("init", 13L);
        assertThat(m.descriptor("abc").inputShape()).containsExactly(3, 224, 224);
        assertThat(m.targetLayer()).isEqualTo("features.denseblock4");
    }

    @Test
    void writesLowerCaseTokensAndRoundTrips() throws Exception {
        ModelManifest m = TestManifests.valid();
        byte[] bytes = json.write(m);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"dicom-voi\"", "\"multi-label-classification\"", "\"sigmoid\"", "\"onnx\"").doesNotContain("\r");
        assertThat(json.read(bytes, "model.json")).isEqualTo(m);
        assertThat(json.write(json.read(bytes, "model.json"))).isEqualTo(bytes);
    }

    @Test
    void embeddingLayerIsOptionalAndRoundTrips() throws Exception {
        String with = EXAMPLE.replace("\"explain\": {\"targetLayer\": \"features.denseblock4\"}",
                "\"explain\": {\"targetLayer\": \"features.denseblock4\", \"embeddingLayer\": \"pool\"}");
        ModelManifest m = json.read(with.getBytes(StandardCharsets.UTF_8), "model.json");
        assertThat(m.embeddingLayer()).isEqualTo("pool");
        assertThat(m.targetLayer()).isEqualTo("features.denseblock4");
        assertThat(json.read(json.write(m), "model.json")).isEqualTo(m);
        assertThat(json.read(EXAMPLE.getBytes(StandardCharsets.UTF_8), "model.json").embeddingLayer()).isNull();
        assertThat(new String(json.write(TestManifests.valid()), StandardCharsets.UTF_8)).doesNotContain("embeddingLayer");
        String blank = with.replace("\"pool\"", "\" \"");
        assertThatThrownBy(() -> json.read(blank.getBytes(StandardCharsets.UTF_8), "model.json"))
                .hasMessageContaining("explain.embeddingLayer is required (non-blank text)");
    }

    @Test
    void unknownFieldIsNamedWithItsPath() {
        String bad = EXAMPLE.replace("\"centreCrop\"", "\"centerCrop\"");
        assertThatThrownBy(() -> json.read(bad.getBytes(StandardCharsets.UTF_8), "pkg/model.json"))
                .isInstanceOf(ModelPackageException.class).hasMessage("pkg/model.json: unknown field 'preprocessing.centerCrop'");
    }

    @Test
    void wrongTypeIsNamedWithItsPath() {
        String bad = EXAMPLE.replace("\"size\": 256", "\"size\": \"big\"");
        assertThatThrownBy(() -> json.read(bad.getBytes(StandardCharsets.UTF_8), "model.json"))
                .hasMessage("model.json: preprocessing.resize.size: expected an integer");
    }

    @Test
    void unknownEnumTokenListsTheChoices() {
        String bad = EXAMPLE.replace("\"explicit\"", "\"voi\"");
        assertThatThrownBy(() -> json.read(bad.getBytes(StandardCharsets.UTF_8), "model.json"))
                .hasMessage("model.json: preprocessing.windowing.mode: 'voi' is not one of dicom-voi, minmax or explicit");
    }

    @Test
    void labelIndexAppearsInThePath() {
        String bad = EXAMPLE.replace("\"nodule\",", "{},");
        assertThatThrownBy(() -> json.read(bad.getBytes(StandardCharsets.UTF_8), "model.json"))
                .hasMessageStartingWith("model.json: labels[1]: expected a string");
    }

    @Test
    void notJsonGivesLineAndColumn() {
        assertThatThrownBy(() -> json.read("{\n  \"id\": ,\n}".getBytes(StandardCharsets.UTF_8), "model.json"))
                .hasMessageStartingWith("model.json: not valid JSON at line 2, column");
    }

    @Test
    void resizeSizeMustBePositive() {
        String bad = EXAMPLE.replace("\"size\": 256", "\"size\": 0");
        assertThatThrownBy(() -> json.read(bad.getBytes(StandardCharsets.UTF_8), "model.json"))
                .hasMessage("model.json: preprocessing.resize.size must be > 0 and ≤ 8192");
    }

    @Test
    void validatorListsEveryProblemInFieldOrder() {
        ModelManifest v = TestManifests.valid();
        Preprocessing pre = new Preprocessing(new Windowing(WindowMode.EXPLICIT, 40.0, 0.5), v.preprocessing().scaling(),
                new Resize(32, null, null), null, false, new Normalisation(List.of(0.5, 0.5), List.of(0.0, 1.0)));
        ModelManifest bad = new ModelManifest(1, "bad id", v.version(), v.task(), List.of("a", "a"), v.inputShape(), v.channels(),
                v.output(), v.weights(), pre, v.explain(), " ", v.intendedUse(), v.trainingData(), null, null);
        assertThat(ManifestValidator.problems(bad)).containsExactly(
                "id 'bad id' must match " + ManifestValidator.ID.pattern(),
                "labels[1] 'a' is a duplicate",
                "preprocessing.windowing.width must be a number ≥ 1 (PS3.3 C.11.2.1.2)",
                "preprocessing.resize.interpolation is required",
                "preprocessing.normalisation.mean and std must have one value per input channel (1)",
                "preprocessing.normalisation.std[0] must be > 0",
                "licence is required (non-blank text)");
    }

    @Test
    void channelsMustAgreeWithInputShape() {
        ModelManifest v = TestManifests.valid();
        ModelManifest threeChannels = new ModelManifest(1, v.id(), v.version(), v.task(), v.labels(), List.of(3, 32, 32), v.channels(),
                v.output(), v.weights(), v.preprocessing(), v.explain(), v.licence(), v.intendedUse(), v.trainingData(), null, null);
        assertThat(ManifestValidator.problems(threeChannels)).containsExactly("inputShape[0] is 3 but channels grey gives 1");
    }

    @Test
    void preprocessingOutputMustMatchInputShape() {
        ModelManifest v = TestManifests.valid();
        Preprocessing pre = new Preprocessing(v.preprocessing().windowing(), v.preprocessing().scaling(),
                new Resize(64, ModelManifest.Interpolation.AREA, null), new ModelManifest.CentreCrop(48), false, null);
        ModelManifest m = new ModelManifest(1, v.id(), v.version(), v.task(), v.labels(), v.inputShape(), v.channels(), v.output(),
                v.weights(), pre, null, v.licence(), v.intendedUse(), v.trainingData(), null, null);
        assertThat(ManifestValidator.problems(m)).containsExactly("preprocessing produces 48×48 but inputShape is 32×32");
    }

    @Test
    void missingRequiredPartsAreNamed() {
        assertThatThrownBy(() -> json.read("{\"schemaVersion\": 1}".getBytes(StandardCharsets.UTF_8), "model.json"))
                .hasMessageContaining("id is required").hasMessageContaining("weights is required ({format, file})")
                .hasMessageContaining("preprocessing is required");
    }
}
