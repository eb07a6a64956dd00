package org.glassbox.explain.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.api.Test;

class CamOnTinyConvNetTest {
    private static final int FILTERS = 5;
    private final TinyConvNet net = new TinyConvNet(2, 9, 7, FILTERS, 3, 2, 42);
    private final int fh = net.featureHeight();
    private final int fw = net.featureWidth();

    private Tensor image(long seed) {
        Random r = new Random(seed);
        float[] v = new float[2 * 9 * 7];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(new int[] {2, 9, 7}, v);
    }

    private Tensor reluActivations(Tensor image) {
        return net.activations(new Tensor(new int[] {1, 2, 9, 7}, image.data()), "relu");
    }

    /** Zhou et al.'s CAM: ReLU(Σ_k fc[t][k]·A_k), from the network's weights, not its gradients. */
    private float[] classActivationMap(Tensor relu, int target) {
        float[] cam = new float[fh * fw];
        for (int k = 0; k < FILTERS; k++) {
            for (int p = 0; p < cam.length; p++) {
                cam[p] += net.fcWeight(target, k) * relu.get(k * cam.length + p);
            }
        }
        for (int p = 0; p < cam.length; p++) {
            cam[p] = Math.max(0f, cam[p]);
        }
        return cam;
    }

    @Test
    void gradCamOnTheLastConvLayerIsTheClassActivationMapOverTheArea() {
        Tensor image = image(1);
        for (int target = 0; target < 3; target++) {
            Explanation e = new GradCam(net, CamOptions.defaults()).explain(image, target, ExplainSettings.defaults());
            float[] cam = classActivationMap(reluActivations(image), target);
            float[] expected = new float[cam.length];
            for (int p = 0; p < cam.length; p++) {
                expected[p] = cam[p] / (fh * fw);
            }
            assertThat(e.featureMap().height()).isEqualTo(fh);
            assertThat(e.featureMap().width()).isEqualTo(fw);
            assertThat(e.featureMap().values()).containsExactly(expected, within(1e-6f));
            assertThat(e.imageMap().values()).containsExactly(BilinearUpsampler.resize(e.featureMap().values(), fh, fw, 9, 7));
            assertThat(e.parameters()).containsEntry("layer", "relu");
            assertThat(e.targetLogit()).isEqualTo(net.logits(new Tensor(new int[] {1, 2, 9, 7}, image.data())).get(target));
            assertThat(e.targetScore()).isCloseTo((float) (1 / (1 + Math.exp(-e.targetLogit()))), within(1e-6f));
        }
    }

    @Test
    void hiResCamEqualsGradCamBelowAGlobalAveragePoolAndOnThePreActivation() {
        // On "relu" the gradient is fc[t][k]/area everywhere; on "conv" it is that where conv > 0 and
        // 0 elsewhere, so Σ_k G⊙A is the same map on both layers.
        Tensor image = image(2);
        float[] gradCam = new GradCam(net, CamOptions.defaults()).explain(image, 1, ExplainSettings.defaults()).featureMap().values();
        float[] onRelu = new HiResCam(net, new CamOptions("relu")).explain(image, 1, ExplainSettings.defaults()).featureMap().values();
        float[] onConv = new HiResCam(net, new CamOptions("conv")).explain(image, 1, ExplainSettings.defaults()).featureMap().values();
        assertThat(onRelu).containsExactly(gradCam, within(1e-6f));
        assertThat(onConv).containsExactly(gradCam, within(1e-6f));
        assertThat(new org.glassbox.explain.SaliencyMap(fh, fw, gradCam).sum()).isPositive();
    }

    @Test
    void gradCamPlusPlusWithAConstantGradientPerChannelHasAClosedForm() {
        // G_k = c_k = fc[t][k]/area everywhere: α_k = c²/(2c² + S_k·c³ + ε), w_k = area·α_k·ReLU(c_k).
        Tensor image = image(3);
        int target = 2;
        Tensor relu = reluActivations(image);
        int area = fh * fw;
        float[] expected = new float[area];
        for (int k = 0; k < FILTERS; k++) {
            double c = net.fcWeight(target, k) / (double) area;
            double s = 0;
            for (int p = 0; p < area; p++) {
                s += relu.get(k * area + p);
            }
            double alpha = c * c / (2 * c * c + s * c * c * c + 1e-6);
            double w = area * alpha * Math.max(c, 0);
            for (int p = 0; p < area; p++) {
                expected[p] += (float) (w * relu.get(k * area + p));
            }
        }
        for (int p = 0; p < area; p++) {
            expected[p] = Math.max(0f, expected[p]);
        }
        float[] got = new GradCamPlusPlus(net, CamOptions.defaults()).explain(image, target, ExplainSettings.defaults())
                .featureMap().values();
        assertThat(got).containsExactly(expected, within(1e-5f));
    }

    @Test
    void batchesGiveTheSameMapsAsOneImageAtATimeAndReportProgress() {
        List<Tensor> images = List.of(image(4), image(5), image(6));
        List<Double> progress = new ArrayList<>();
        ExplainSettings batched = new ExplainSettings(2, 0, new CancelToken(), (f, m) -> progress.add(f));
        GradCamPlusPlus cam = new GradCamPlusPlus(net, CamOptions.defaults());
        List<Explanation> all = cam.explainAll(images, 0, batched);
        assertThat(all).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Explanation single = cam.explain(images.get(i), 0, ExplainSettings.defaults());
            assertThat(all.get(i).featureMap()).isEqualTo(single.featureMap());
            assertThat(all.get(i).imageMap()).isEqualTo(single.imageMap());
        }
        assertThat(progress).containsExactly(2.0 / 3, 1.0);
    }

    @Test
    void usesTheFastLayerGradientPath() {
        CountingModel model = new CountingModel(net);
        new HiResCam(model, CamOptions.defaults()).explain(image(7), 0, ExplainSettings.defaults());
        assertThat(model.layerGradientCalls).isEqualTo(1);
        assertThat(model.gradientCalls).isZero();
    }

    @Test
    void cancelledBeforeTheFirstBatchThrows() {
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        ExplainSettings s = new ExplainSettings(1, 0, cancel, ProgressListener.NONE);
        assertThatThrownBy(() -> new GradCam(net, CamOptions.defaults()).explain(image(8), 0, s))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void refusesAnUnknownLayerListingValidOnes() {
        assertThatThrownBy(() -> new GradCam(net, new CamOptions("layer9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown layer 'layer9'").hasMessageContaining("relu").hasMessageContaining("conv");
    }

    @Test
    void refusesALayerWithoutSpatialExtent() {
        GradCam cam = new GradCam(net, new CamOptions("fc"));
        assertThatThrownBy(() -> cam.explain(image(9), 0, ExplainSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fc'").hasMessageContaining("spatial extent");
    }

    @Test
    void refusesATargetOutOfRange() {
        GradCam cam = new GradCam(net, CamOptions.defaults());
        assertThatThrownBy(() -> cam.explain(image(10), 3, ExplainSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 3 is outside [0, 3)");
        assertThatThrownBy(() -> cam.explain(image(10), -1, ExplainSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target -1");
    }

    @Test
    void refusesAnImageOfTheWrongShape() {
        GradCam cam = new GradCam(net, CamOptions.defaults());
        assertThatThrownBy(() -> cam.explain(new Tensor(new int[] {2, 9, 8}, new float[144]), 0, ExplainSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 9, 8]");
    }

    @Test
    void optionsComeFromTheCliMapAndUnknownKeysAreRefused() {
        assertThat(CamOptions.fromMap(Map.of())).isEqualTo(CamOptions.defaults());
        assertThat(CamOptions.fromMap(Map.of("layer", "conv")).layer()).isEqualTo("conv");
        assertThatThrownBy(() -> CamOptions.fromMap(Map.of("steps", "64")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option 'steps'");
        assertThatThrownBy(() -> CamOptions.fromMap(Map.of("layer", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer");
    }

    @Test
    void theFactoryBuildsEachCamMethod() {
        Explainer g = Explainers.create(ExplanationMethod.GRADCAM, net, Map.of("layer", "conv"));
        assertThat(g).isInstanceOf(GradCam.class);
        assertThat(((CamExplainer) g).layer()).isEqualTo("conv");
        assertThat(Explainers.create(ExplanationMethod.GRADCAM_PLUS_PLUS, net, Map.of())).isInstanceOf(GradCamPlusPlus.class);
        assertThat(Explainers.create(ExplanationMethod.HIRESCAM, net, Map.of()).method()).isEqualTo(ExplanationMethod.HIRESCAM);
    }

    /** Delegates to a model and counts which gradient path the explainer takes. */
    private static final class CountingModel implements org.glassbox.core.ai.ExplainableModel {
        private final TinyConvNet inner;
        int gradientCalls;
        int layerGradientCalls;

        CountingModel(TinyConvNet inner) {
            this.inner = inner;
        }

        @Override
        public org.glassbox.core.ai.ModelDescriptor descriptor() {
            return inner.descriptor();
        }

        @Override
        public Tensor logits(Tensor batch) {
            return inner.logits(batch);
        }

        @Override
        public List<String> layerNames() {
            return inner.layerNames();
        }

        @Override
        public String defaultTargetLayer() {
            return inner.defaultTargetLayer();
        }

        @Override
        public Tensor activations(Tensor batch, String layer) {
            return inner.activations(batch, layer);
        }

        @Override
        public LayerGradient gradient(Tensor batch, String layer, int target) {
            gradientCalls++;
            return inner.gradient(batch, layer, target);
        }

        @Override
        public LayerGradient layerGradient(Tensor batch, String layer, int target) {
            layerGradientCalls++;
            return inner.gradient(batch, layer, target);
        }

        @Override
        public void close() {
        }
    }
}
