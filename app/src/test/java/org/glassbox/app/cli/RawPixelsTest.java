package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;

class RawPixelsTest {

    private static byte[] write(FramePixels f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RawPixels.writeLittleEndian(f, out);
        return out.toByteArray();
    }

    @Test
    void widthsAndSignsByHand() throws Exception {
        FramePixels f8 = new FramePixels(new PixelDescription(1, 2, 1, 1, 8, 8, 7, false, "MONOCHROME2"), 0, new int[] {1, 255});
        assertThat(write(f8)).containsExactly(1, 0xFF);
        FramePixels f16 = new FramePixels(new PixelDescription(1, 2, 1, 1, 16, 12, 11, true, "MONOCHROME2"), 0, new int[] {0x0102, -2});
        assertThat(write(f16)).containsExactly(0x02, 0x01, 0xFE, 0xFF);
        FramePixels f32 = new FramePixels(new PixelDescription(1, 1, 1, 1, 32, 32, 31, true, "MONOCHROME2"), 0, new int[] {0x01020304});
        assertThat(write(f32)).containsExactly(4, 3, 2, 1);
    }

    @Test
    void framesLargerThanTheBufferAreWrittenWhole() throws Exception {
        // 300 x 300 16-bit = 180,000 bytes: two full 64 KiB flushes and a partial one.
        int n = 300 * 300;
        int[] samples = new int[n];
        for (int i = 0; i < n; i++) {
            samples[i] = (i * 7919) & 0xFFFF;
        }
        FramePixels f = new FramePixels(new PixelDescription(300, 300, 1, 1, 16, 16, 15, false, "MONOCHROME2"), 0, samples);
        byte[] bytes = write(f);
        assertThat(bytes.length).isEqualTo(2 * n);
        for (int i = 0; i < n; i++) {
            assertThat((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8).as("sample %d", i).isEqualTo(samples[i]);
        }
    }
}
