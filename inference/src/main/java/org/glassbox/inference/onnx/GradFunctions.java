package org.glassbox.inference.onnx;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * {@code SameDiff.createGradFunction} without its console noise: ND4J 1.0.0-M2.1 prints
 * "Added differentiated op NAME" with {@code System.out.println} for every op it differentiates,
 * which would corrupt a command's stdout (e.g. {@code --json}). While it runs, System.out drops
 * those lines and passes everything else on. The swap is serialised by one lock, and the CLI's own
 * writers wrap the original stream, so they are not affected.
 */
final class GradFunctions {
    private static final Object LOCK = new Object();
    private static final String NOISE = "Added differentiated op ";

    private GradFunctions() {
    }

    static void create(SameDiff sd, String... variablesNeedingGradients) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(new LineFilter(original), true, Charset.defaultCharset()));
            try {
                sd.createGradFunction(variablesNeedingGradients);
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    /** Buffers a line, drops it when it is ND4J's noise, otherwise writes it through. */
    private static final class LineFilter extends java.io.OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public void flush() {
            flushLine();
            target.flush();
        }

        private void flushLine() {
            String text = line.toString(Charset.defaultCharset());
            if (!text.isEmpty() && !text.startsWith(NOISE)) {
                target.print(text);
            }
            line.reset();
        }
    }
}
