package org.glassbox.app.explain.attribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;

/** The shipped demo packages, loaded from the resources module's source folder, and test inputs for them. */
final class DemoModels {
    private DemoModels() {
    }

    /** Loads {@code demo-v1} or {@code demo-v2}; {@code moduleDir} is the app module folder (or the repository root). */
    static LoadedModel load(String name) throws IOException {
        Path here = Path.of("").toAbsolutePath();
        String relative = "resources/src/main/resources/org/glassbox/resources/models/" + name;
        Path dir = Files.isDirectory(here.resolve(relative)) ? here.resolve(relative) : here.getParent().resolve(relative);
        try (ModelPackage pkg = new ModelPackageLoader().open(dir)) {
            return Engines.discover().load(pkg);
        }
    }

    /**
     * A chest-radiograph-like 1 × n × n image in [0, 1]: two darker lung fields in a brighter body,
     * a bright ring (the demo cohort's shortcut marker shape) and mild noise.
     */
    static Tensor radiographLike(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double u = (x - n / 2.0) / n;
                double w = (y - n / 2.0) / n;
                double lungs = Math.exp(-(Math.pow(Math.abs(u) - 0.2, 2) / 0.012 + w * w / 0.08));
                double ring = Math.abs(Math.hypot(x - 0.8 * n, y - 0.2 * n) - 0.05 * n) < 1.2 ? 0.5 : 0;
                v[y * n + x] = (float) Math.min(1, Math.max(0, 0.75 - 0.5 * lungs + ring + 0.03 * r.nextGaussian()));
            }
        }
        return new Tensor(new int[] {1, n, n}, v);
    }
}
