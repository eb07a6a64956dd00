package org.glassbox.app.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.inference.pkg.BareOnnxOptions;

/**
 * The demo models v1 and v2 that ship in the resources jar
 * ({@code /org/glassbox/resources/models/demo-vN/}): copied into {@code <workspace>/models/demo-vN/}
 * (a temporary folder renamed into place, so a half-copied package never appears) and registered
 * as {@code models add} would. Re-running is cheap: a package already in place and registered from
 * there is left alone (no new audit entry).
 */
public final class DemoModels {
    /** Package folder names, oldest first. */
    public static final List<String> NAMES = List.of("demo-v1", "demo-v2");
    static final List<String> FILES = List.of("model.json", "SHA256SUMS", "weights.zip", "MODEL_CARD.md");
    private static final String RESOURCE_ROOT = "/org/glassbox/resources/models/";

    private DemoModels() {
    }

    /** Copies (if needed) and registers (if needed) both demo models; returns them, v1 first. */
    public static List<RegisteredModel> install(Workspace workspace) throws IOException {
        List<RegisteredModel> out = new ArrayList<>();
        for (String name : NAMES) {
            Path dir = copy(workspace, name);
            Optional<RegisteredModel> existing = registeredFrom(workspace, dir);
            out.add(existing.isPresent() ? existing.get() : ModelRegistration.register(workspace, dir, BareOnnxOptions.DEFAULTS).model());
        }
        return out;
    }

    /** The package folder of {@code name} in the workspace, copied from the classpath when absent. */
    static Path copy(Workspace workspace, String name) throws IOException {
        Path models = Files.createDirectories(workspace.root().resolve("models"));
        Path target = models.resolve(name);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path tmp = Files.createTempDirectory(models, "." + name + ".tmp-");
        try {
            for (String file : FILES) {
                try (InputStream in = DemoModels.class.getResourceAsStream(RESOURCE_ROOT + name + "/" + file)) {
                    if (in == null) {
                        throw new IOException("demo model " + name + ": " + file + " is missing from the resources jar");
                    }
                    Files.copy(in, tmp.resolve(file));
                }
            }
            moveIntoPlace(tmp, target);
        } finally {
            deleteTree(tmp);
        }
        return target;
    }

    /**
     * Renames the copied package {@code tmp} to {@code target}. When another process (a second
     * first run) put a package there first, the rename fails (on Linux with "Directory not empty",
     * a plain FileSystemException): theirs is kept if it is a whole package, as it was renamed into
     * place whole too; the caller then registers it as usual.
     */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            for (String file : FILES) {
                if (!Files.isRegularFile(target.resolve(file))) {
                    throw new IOException("demo model folder " + target + " exists without " + file + ": remove it and start again", e);
                }
            }
        }
    }

    private static Optional<RegisteredModel> registeredFrom(Workspace workspace, Path dir) {
        String path = dir.toAbsolutePath().normalize().toString();
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            return catalog.models().all().stream().filter(m -> path.equals(m.path())).findFirst();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
