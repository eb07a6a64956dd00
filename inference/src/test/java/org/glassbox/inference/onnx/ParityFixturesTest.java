package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.glassbox.core.ai.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generator script produced what parity.json says it did: files with the recorded hashes,
 * reference tensors of the right shapes, and the ONNX name of ResNet-18's layer4 output. Needs no
 * engine, so it guards the fixtures on their own.
 */
@Tag("heavy")
class ParityFixturesTest {

    @Test
    void fixturesMatchTheirManifest() throws Exception {
        ParityFixtures fx = ParityFixtures.ensure();
        assertThat(fx.meta().path("versions").path("torch").asText()).startsWith("1.");
        Iterator<Map.Entry<String, JsonNode>> files = fx.meta().path("files").fields();
        int count = 0;
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> f = files.next();
            Path p = fx.dir().resolve(f.getKey());
            assertThat(Files.size(p)).as(f.getKey()).isEqualTo(f.getValue().path("bytes").asLong());
            assertThat(sha256(p)).as(f.getKey()).isEqualTo(f.getValue().path("sha256").asText());
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(ParityFixtures.MODELS.size() * 2 + 1);

        for (String name : ParityFixtures.MODELS) {
            Tensor x = fx.input(name);
            Tensor logits = fx.logits(name);
            assertThat(x.shape()).as(name).containsExactly(2, 3, 224, 224);
            assertThat(logits.shape()).as(name).containsExactly(2, 1000);
            assertThat(fx.descriptor(name).inputShape()).containsExactly(3, 224, 224);
            // Not the degenerate all-equal logits torchvision's zero-initialised ViT head would give.
            float[] z = logits.data();
            assertThat(z[0]).as(name).isNotEqualTo(z[1]);
        }
        JsonNode g = fx.gradient();
        assertThat(g.path("layer4_onnx_tensor").asText()).isEqualTo("/layer4/layer4.1/relu_1/Relu_output_0");
        assertThat(fx.tensor(g.path("activations").asText()).shape()).containsExactly(2, 512, 7, 7);
        assertThat(fx.tensor(g.path("gradient").asText()).shape()).containsExactly(2, 512, 7, 7);
        assertThat(fx.tensor(g.path("input_gradient").asText()).shape()).containsExactly(2, 3, 224, 224);
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
