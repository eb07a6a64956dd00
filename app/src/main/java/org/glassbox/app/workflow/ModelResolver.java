package org.glassbox.app.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.EnumTokens;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;
import org.glassbox.inference.pkg.SignaturePolicy;
import org.glassbox.inference.pkg.TrustedKeys;
import org.glassbox.core.workspace.WorkspaceSettings;

/**
 * Turns {@code --model M} into a verified package: M is a package folder, a .zip or a bare .onnx
 * file; otherwise a registered model {@code id} or {@code id:version} in the workspace catalog
 * (an id alone must name one registered version).
 */
public final class ModelResolver {

    /** A model M that names nothing. */
    public static final class UnknownModelException extends IOException {
        private static final long serialVersionUID = 1L;

        UnknownModelException(String message) {
            super(message);
        }
    }

    /**
     * @param catalogFile the workspace catalog, read only when M is not a path (and only if it exists)
     * @throws UnknownModelException when M is neither a path nor a registered model
     * @throws IOException           when the package is refused (hashes, model.json), naming why
     */
    public ModelPackage open(String m, BareOnnxOptions onnx, Path catalogFile) throws IOException {
        // Every load honours the workspace's signature policy (trusted keys, requireSignature).
        ModelPackageLoader loader = new ModelPackageLoader(signaturePolicy(catalogFile.getParent()));
        Path path = Path.of(m);
        if (Files.exists(path)) {
            return loader.open(path.toAbsolutePath().normalize(), onnx);
        }
        RegisteredModel registered = registered(m, catalogFile);
        Path source = Path.of(registered.path());
        if (!Files.exists(source)) {
            throw new IOException("model " + registered.id() + " " + registered.version() + " is registered at " + source + ", which no longer exists");
        }
        ModelPackage pkg = loader.open(source, ModelPackageLoader.kindOf(source) == ModelPackageLoader.Kind.ONNX ? bareOptions(registered) : onnx);
        if (!pkg.identity().equals(registered.sha256())) {
            String found = pkg.identity();
            pkg.close();
            throw new IOException("model " + registered.id() + " " + registered.version() + " at " + source + " has changed since it was registered"
                    + " (sha256 " + found + ", registered " + registered.sha256() + ")");
        }
        return pkg;
    }

    /** The workspace's trusted keys and requireSignature setting (no workspace folder: signatures optional, none trusted). */
    public static SignaturePolicy signaturePolicy(Path workspaceRoot) throws IOException {
        if (workspaceRoot == null || !Files.isDirectory(workspaceRoot)) {
            return SignaturePolicy.NONE;
        }
        WorkspaceSettings settings = WorkspaceSettings.load(workspaceRoot.resolve(WorkspaceSettings.FILE));
        return new SignaturePolicy(TrustedKeys.load(workspaceRoot.resolve("trusted-keys")), settings.requireSignature());
    }

    private static RegisteredModel registered(String m, Path catalogFile) throws UnknownModelException {
        String unknown = "unknown model '" + m + "': not a package folder, .zip or .onnx file, nor a model registered in "
                + catalogFile.getParent() + " (see: glassbox models list)";
        if (!Files.exists(catalogFile)) {
            throw new UnknownModelException(unknown);
        }
        int colon = m.lastIndexOf(':');
        String id = colon < 0 ? m : m.substring(0, colon);
        String version = colon < 0 ? null : m.substring(colon + 1);
        try (Catalog catalog = Catalog.open(catalogFile)) {
            if (version != null) {
                Optional<RegisteredModel> found = catalog.models().find(id, version);
                if (found.isPresent()) {
                    return found.get();
                }
                throw new UnknownModelException(unknown);
            }
            List<RegisteredModel> versions = catalog.models().all().stream().filter(r -> r.id().equals(id)).toList();
            if (versions.size() == 1) {
                return versions.get(0);
            }
            if (versions.isEmpty()) {
                throw new UnknownModelException(unknown);
            }
            List<String> names = new ArrayList<>();
            versions.forEach(v -> names.add(v.id() + ":" + v.version()));
            throw new UnknownModelException("model '" + m + "' has " + versions.size() + " registered versions: give one of " + String.join(", ", names));
        }
    }

    /** The flags a registered bare .onnx file was added with, recovered from its synthesised manifest. */
    private static BareOnnxOptions bareOptions(RegisteredModel r) throws IOException {
        JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.manifestJson());
        List<String> labels = new ArrayList<>();
        m.path("labels").forEach(n -> labels.add(n.asText()));
        List<Integer> shape = new ArrayList<>();
        m.path("inputShape").forEach(n -> shape.add(n.asInt()));
        OutputKind kind = EnumTokens.parse(OutputKind.class, m.path("output").asText());
        return new BareOnnxOptions(r.id(), r.version(), labels, shape.size() == 3 ? shape : null, kind);
    }
}
