package org.glassbox.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.ai.ModelDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnginesTest {
    @TempDir
    Path tmp;

    /** An engine that loads nothing; public with a no-arg constructor so ServiceLoader can make it. */
    public static final class FakeKerasEngine implements ModelEngine {
        @Override
        public ModelFormat format() {
            return ModelFormat.KERAS;
        }

        @Override
        public LoadedModel load(Path weights, ModelDescriptor descriptor, String targetLayer) throws IOException {
            throw new IOException("fake engine loads nothing: " + weights.getFileName());
        }
    }

    @Test
    void dispatchesByFormatAndNamesMissingFormats() throws Exception {
        Engines engines = new Engines(List.of(new FakeKerasEngine()));
        assertThat(engines.engineFor(ModelFormat.KERAS)).isInstanceOf(FakeKerasEngine.class);
        assertThatThrownBy(() -> engines.engineFor(ModelFormat.ONNX)).isInstanceOf(Engines.NoEngineException.class)
                .hasMessage("no engine loads onnx models in this build (engines available for: keras)");
    }

    @Test
    void twoEnginesForOneFormatAreRefused() {
        assertThatThrownBy(() -> new Engines(List.of(new FakeKerasEngine(), new FakeKerasEngine())))
                .hasMessageContaining("two engines for format keras");
    }

    @Test
    void serviceLoaderFindsListedEnginesAndSkipsMissingOnes() throws Exception {
        Path services = tmp.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ModelEngine.class.getName()),
                "# test\n" + FakeKerasEngine.class.getName() + "\norg.glassbox.inference.absent.NoSuchEngine\n", StandardCharsets.UTF_8);
        // The module's own listing (with the real KerasEngine) is hidden: only the test's listing is read.
        ClassLoader withoutModuleServices = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
                return name.startsWith("META-INF/services/") ? java.util.Collections.emptyEnumeration() : super.getResources(name);
            }
        };
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, withoutModuleServices)) {
            Engines engines = Engines.discover(loader);
            assertThat(engines.formats()).contains(ModelFormat.KERAS);
            assertThat(engines.unavailable()).anyMatch(s -> s.contains("org.glassbox.inference.absent.NoSuchEngine"));
            if (!engines.formats().contains(ModelFormat.DL4J)) {
                assertThatThrownBy(() -> engines.engineFor(ModelFormat.DL4J)).hasMessageContaining("NoSuchEngine");
            }
        }
    }

    @Test
    void discoverOnTheModuleClassPathNeverThrows() {
        Engines engines = Engines.discover();
        for (ModelFormat f : ModelFormat.values()) {
            if (!engines.formats().contains(f)) {
                assertThatThrownBy(() -> engines.engineFor(f)).isInstanceOf(Engines.NoEngineException.class)
                        .hasMessageContaining("no engine loads " + f.name().toLowerCase());
            }
        }
    }
}
