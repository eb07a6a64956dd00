package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.ModelRepository;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.EnumTokens;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;

/**
 * Registers a model package in a workspace, as {@code glassbox models add} does: verify the package
 * (hashes, the workspace's signature policy), record it in the catalog (idempotent) and audit the
 * MODEL_REGISTRATION. Used by the CLI and by the workstation's first run. Does not start an engine.
 */
public final class ModelRegistration {
    private ModelRegistration() {
    }

    /**
     * What a registration did.
     *
     * @param model        the registered entry (as stored, or as it would be when unchanged)
     * @param outcome      added, unchanged or path updated
     * @param synthesised  true for a bare ONNX file whose manifest was made from flags and defaults
     * @param manifestJson the package's model.json bytes (UTF-8)
     */
    public record Result(RegisteredModel model, ModelRepository.Outcome outcome, boolean synthesised, byte[] manifestJson) {
    }

    /**
     * @param source package folder, .zip or bare .onnx (made absolute and normalised here)
     * @throws IOException naming the package and why it is refused (bad hash, signature, manifest…)
     */
    public static Result register(Workspace workspace, Path source, BareOnnxOptions onnx) throws IOException {
        Path abs = source.toAbsolutePath().normalize();
        try (ModelPackage p = new ModelPackageLoader(ModelResolver.signaturePolicy(workspace.root())).open(abs, onnx);
             Catalog catalog = Catalog.open(workspace.catalogFile())) {
            RegisteredModel model = new RegisteredModel(p.manifest().id(), p.manifest().version(),
                    EnumTokens.token(p.manifest().weights().format()), p.identity(), abs.toString(),
                    new String(p.manifestJson(), StandardCharsets.UTF_8), Instant.now());
            ModelRepository.Outcome outcome = catalog.models().register(model);
            AuditLog.record(workspace, AuditAction.MODEL_REGISTRATION, List.of(AuditObjects.model(model.sha256())), Map.of("id", model.id(),
                    "version", model.version(), "format", model.format(), "outcome", outcome.name().toLowerCase(Locale.ROOT),
                    "synthesised", p.synthesised()));
            RegisteredModel stored = catalog.models().find(model.id(), model.version()).orElse(model);
            return new Result(stored, outcome, p.synthesised(), p.manifestJson());
        }
    }
}
