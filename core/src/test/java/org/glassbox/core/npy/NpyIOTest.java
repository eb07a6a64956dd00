package org.glassbox.core.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyIOTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryDtype() throws IOException {
        List<NpyArray> arrays = List.of(
                NpyArray.ofFloat32(new float[] {0f, -1.5f, Float.NaN, 3.25e-7f, Float.MAX_VALUE, -0f}, 2, 3),
                NpyArray.ofUint8(new byte[] {0, 1, (byte) 255, (byte) 128}, 4),
                NpyArray.ofInt16(new short[] {Short.MIN_VALUE, -1, 0, 1, Short.MAX_VALUE, 7, 8, 9}, 2, 2, 2),
                NpyArray.ofUint16(new short[] {0, (short) 65535, (short) 40000, 4095}, 2, 2),
                NpyArray.ofFloat32(new float[] {42f}));
        for (NpyArray a : arrays) {
            Path f = dir.resolve(a.dtype() + "-" + a.shape().length + ".npy");
            NpyIO.write(a, f);
            NpyArray back = NpyIO.read(f);
            assertThat(back).isEqualTo(a);
            assertThat(back.shape()).containsExactly(a.shape());
            assertThat((Files.size(f) - a.size() * a.dtype().itemSize()) % 64).isZero();
        }
    }

    @Test
    void headerIsPaddedToSixtyFourBytesAndEndsWithNewline() {
        byte[] bytes = NpyIO.toBytes(NpyArray.ofUint8(new byte[6], 2, 3));
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(bytes[10 + headerLength - 1]).isEqualTo((byte) '\n');
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }");
    }

    @Test
    void typedAccessorsDecodeValues() {
        NpyArray u16 = NpyArray.ofUint16(new short[] {(short) 65535, 2}, 2);
        assertThat(u16.toDoubleArray()).containsExactly(65535.0, 2.0);
        NpyArray u8 = NpyArray.ofUint8(new byte[] {(byte) 200}, 1);
        assertThat(u8.toDoubleArray()).containsExactly(200.0);
        assertThatThrownBy(u8::toFloatArray).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        org.glassbox.core.testing.ExternalTools.requirePython("python3-numpy", "numpy");
        NpyIO.write(NpyArray.ofFloat32(new float[] {1.5f, -2f, 0.125f, 1e6f, -3e-3f, 7f}, 2, 3), dir.resolve("f.npy"));
        NpyIO.write(NpyArray.ofUint8(new byte[] {0, 1, (byte) 255}, 3), dir.resolve("u8.npy"));
        NpyIO.write(NpyArray.ofInt16(new short[] {-32768, 32767, -2, 5}, 2, 2), dir.resolve("i16.npy"));
        NpyIO.write(NpyArray.ofUint16(new short[] {(short) 65535, 4095}, 1, 2), dir.resolve("u16.npy"));
        String out = python(
                "import numpy as np, sys\n"
                + "d = sys.argv[1]\n"
                + "for n in ['f', 'u8', 'i16', 'u16']:\n"
                + "    a = np.load(d + '/' + n + '.npy', allow_pickle=False)\n"
                + "    print(n, a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'], a.ravel().tolist())\n");
        assertThat(out.lines().toList()).containsExactly(
                "f <f4 (2, 3) True [1.5, -2.0, 0.125, 1000000.0, -0.003000000026077032, 7.0]",
                "u8 |u1 (3,) True [0, 1, 255]",
                "i16 <i2 (2, 2) True [-32768, 32767, -2, 5]",
                "u16 <u2 (1, 2) True [65535, 4095]");
    }

    @Test
    void weReadWhatNumpyWrites() throws Exception {
        org.glassbox.core.testing.ExternalTools.requirePython("python3-numpy", "numpy");
        python("import numpy as np, sys\n"
                + "d = sys.argv[1]\n"
                + "np.save(d + '/f.npy', np.arange(12, dtype='<f4').reshape(3, 4) / 8)\n"
                + "np.save(d + '/u8.npy', np.array([[3, 250]], dtype=np.uint8))\n"
                + "np.save(d + '/i16.npy', np.array([-300, 300], dtype='<i2'))\n"
                + "np.save(d + '/u16.npy', np.array([60000], dtype='<u2'))\n"
                + "np.save(d + '/big.npy', np.array([1, 2], dtype='>i2'))\n"
                + "np.save(d + '/fortran.npy', np.asfortranarray(np.ones((2, 3), dtype='<f4')))\n");
        NpyArray f = NpyIO.read(dir.resolve("f.npy"));
        assertThat(f.shape()).containsExactly(3, 4);
        float[] expected = new float[12];
        for (int i = 0; i < 12; i++) {
            expected[i] = i / 8f;
        }
        assertThat(f.toFloatArray()).containsExactly(expected);
        assertThat(NpyIO.read(dir.resolve("u8.npy")).toDoubleArray()).containsExactly(3, 250);
        assertThat(NpyIO.read(dir.resolve("i16.npy")).toDoubleArray()).containsExactly(-300, 300);
        assertThat(NpyIO.read(dir.resolve("u16.npy")).toDoubleArray()).containsExactly(60000);
        assertThatThrownBy(() -> NpyIO.read(dir.resolve("big.npy")))
                .isInstanceOf(IOException.class).hasMessageContaining("big.npy").hasMessageContaining(">i2");
        assertThatThrownBy(() -> NpyIO.read(dir.resolve("fortran.npy")))
                .isInstanceOf(IOException.class).hasMessageContaining("Fortran");
    }

    @Test
    void refusesMalformedFilesWithOneClearMessage() throws IOException {
        byte[] good = NpyIO.toBytes(NpyArray.ofFloat32(new float[16], 4, 4));
        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(good, good.length - 3));
        assertThatThrownBy(() -> NpyIO.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated.npy").hasMessageContaining("needs 64 data bytes");

        Path notNpy = dir.resolve("text.npy");
        Files.writeString(notNpy, "hello, world");
        assertThatThrownBy(() -> NpyIO.read(notNpy)).isInstanceOf(IOException.class).hasMessageContaining("magic");

        byte[] hugeShape = NpyIO.toBytes(NpyArray.ofUint8(new byte[1], 1));
        String patched = new String(hugeShape, StandardCharsets.ISO_8859_1).replace("(1,)", "(9,)");
        Path liar = dir.resolve("liar.npy");
        Files.write(liar, patched.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> NpyIO.read(liar)).isInstanceOf(IOException.class)
                .hasMessageContaining("liar.npy").hasMessageContaining("needs 9 data bytes, file has 1");

        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> NpyIO.read(empty)).isInstanceOf(IOException.class).hasMessageContaining("empty.npy");
        assertThatThrownBy(() -> NpyIO.read(dir.resolve("absent.npy"))).isInstanceOf(IOException.class).hasMessageContaining("absent.npy");
    }

    @Test
    void writeLeavesNoTemporaryFiles() throws IOException {
        NpyIO.write(NpyArray.ofUint8(new byte[4], 2, 2), dir.resolve("m.npy"));
        NpyIO.write(NpyArray.ofUint8(new byte[] {1, 1, 1, 1}, 2, 2), dir.resolve("m.npy"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("m.npy");
        }
        assertThat(NpyIO.read(dir.resolve("m.npy")).toByteArray()).containsExactly(1, 1, 1, 1);
    }

    static boolean hasNumpy() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String python(String script) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", script, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
