package org.glassbox.explain.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BilinearUpsamplerTest {

    @Test
    void doublesA2x2MapAsTorchInterpolateDoes() {
        // torch.nn.functional.interpolate([[1,2],[3,4]], size=(4,4), mode='bilinear', align_corners=False)
        float[] out = BilinearUpsampler.resize(new float[] {1, 2, 3, 4}, 2, 2, 4, 4);
        assertThat(out).containsExactly(new float[] {
                1f, 1.25f, 1.75f, 2f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2.5f, 2.75f, 3.25f, 3.5f,
                3f, 3.25f, 3.75f, 4f}, within(1e-6f));
    }

    @Test
    void matchesTorchAtNonIntegerRatios() {
        // /usr/bin/python3: x = torch.arange(6.).reshape(1,1,2,3)**1.5;
        // F.interpolate(x, size=(5,7), mode='bilinear', align_corners=False).flatten().tolist()
        float[] in = new float[6];
        for (int i = 0; i < 6; i++) {
            in[i] = (float) Math.pow(i, 1.5);
        }
        float[] torch = {0.0f, 0.1428571492433548f, 0.5714285969734192f, 1.0f, 1.7836116552352905f, 2.567223310470581f,
                2.8284270763397217f, 0.5196152925491333f, 0.688241720199585f, 1.1941208839416504f, 1.7000000476837158f,
                2.541550874710083f, 3.38310170173645f, 3.663618326187134f, 2.598076105117798f, 2.869779586791992f,
                3.684889793395996f, 4.5f, 5.573307514190674f, 6.6466145515441895f, 7.004383563995361f, 4.676537036895752f,
                5.0513176918029785f, 6.1756591796875f, 7.300000190734863f, 8.605063438415527f, 9.910127639770508f,
                10.345149040222168f, 5.196152210235596f, 5.5967020988464355f, 6.798350811004639f, 8.0f, 9.36300277709961f,
                10.726005554199219f, 11.180339813232422f};
        assertThat(BilinearUpsampler.resize(in, 2, 3, 5, 7)).containsExactly(torch, within(1e-5f));
    }

    @Test
    void sameSizeIsTheIdentity() {
        float[] in = {3, -1, 7, 2, 0, 5};
        assertThat(BilinearUpsampler.resize(in, 2, 3, 2, 3)).containsExactly(in);
    }

    @Test
    void refusesAMismatchedLength() {
        assertThatThrownBy(() -> BilinearUpsampler.resize(new float[5], 2, 3, 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 values as 2×3");
    }
}
