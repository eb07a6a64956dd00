package org.glassbox.inference.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.ResizeFilter;
import org.glassbox.inference.pkg.ManifestJson;
import org.glassbox.inference.pkg.ModelManifest;
import org.junit.jupiter.api.Test;

class PreprocessingSpecsTest {

    /** The example in docs/model-package.md, step by step. */
    @Test
    void mapsTheDocumentedExample() throws Exception {
        String doc = Files.readString(Path.of("../docs/model-package.md"));
        int start = doc.indexOf("```json\n") + 8;
        String json = doc.substring(start, doc.indexOf("```", start));
        ModelManifest m = new ManifestJson().read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "example");
        ModelInputSpec spec = PreprocessingSpecs.of(m);
        assertThat(spec.windowing()).isEqualTo(ModelInputSpec.Windowing.explicit(2048, 4096));
        assertThat(spec.scaleMin()).isEqualTo(0);
        assertThat(spec.scaleMax()).isEqualTo(1);
        assertThat(spec.resize()).isEqualTo(new ModelInputSpec.Resize(256, ResizeFilter.BILINEAR, true));
        assertThat(spec.cropSize()).isEqualTo(224);
        assertThat(spec.channels()).isEqualTo(3);
        assertThat(spec.normalisation().mean()).containsExactly(0.485, 0.456, 0.406);
        assertThat(spec.normalisation().std()).containsExactly(0.229, 0.224, 0.225);
    }

    @Test
    void torchXRayVisionStyleScalingAndDefaults() {
        ModelManifest.Preprocessing p = new ModelManifest.Preprocessing(
                new ModelManifest.Windowing(ModelManifest.WindowMode.MINMAX, null, null), new ModelManifest.Scaling(-1024.0, 1024.0),
                new ModelManifest.Resize(224, ModelManifest.Interpolation.AREA, null), null, false, null);
        ModelManifest m = new ModelManifest(1, "x", "1", ModelManifest.Task.MULTI_LABEL_CLASSIFICATION, List.of("a"), List.of(1, 224, 224),
                ModelManifest.Channels.GREY, org.glassbox.core.ai.ModelDescriptor.OutputKind.SIGMOID, null, p, null, "l", "u", "t", null, null);
        ModelInputSpec spec = PreprocessingSpecs.of(m);
        assertThat(spec.windowing().mode()).isEqualTo(ModelInputSpec.WindowMode.MINMAX);
        assertThat(spec.scaleMin()).isEqualTo(-1024);
        assertThat(spec.resize()).isEqualTo(new ModelInputSpec.Resize(224, ResizeFilter.AREA, false));
        assertThat(spec.cropSize()).isZero();
        assertThat(spec.channels()).isEqualTo(1);
        assertThat(spec.normalisation()).isNull();
    }
}
