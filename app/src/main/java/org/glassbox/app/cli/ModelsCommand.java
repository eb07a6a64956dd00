package org.glassbox.app.cli;

import org.glassbox.app.workflow.ModelRegistration;
import org.glassbox.app.workflow.ModelResolver;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.ModelRepository;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.inference.pkg.EnumTokens;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;
import org.glassbox.inference.pkg.PackageVerification;
import org.glassbox.inference.pkg.SignatureCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox models add|list|verify}: the workspace's model registry. A model is a package
 * folder, a zipped package or a bare .onnx file (described by flags; see {@link BareOnnxFlags}).
 */
@Command(name = "models", description = "Register, list, verify and sign model packages.",
        subcommands = {ModelsCommand.Add.class, ModelsCommand.ListModels.class, ModelsCommand.Verify.class, ModelSigningCommands.Sign.class,
            ModelSigningCommands.Keygen.class})
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return GlassBoxCli.EXIT_USAGE;
    }

    /** The manifest bytes as a JSON tree (for --json output). */
    static JsonNode manifestTree(ModelPackage pkg) throws IOException {
        return Json.mapper().readTree(pkg.manifestJson());
    }

    /** {@code models add PKG [--workspace DIR] [--json]}: verify, then register (idempotent). */
    @Command(name = "add", description = "Verify a model package (folder, .zip or bare .onnx) and register it in the workspace catalog.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "PKG", description = "Package folder, .zip, or bare .onnx file.")
        Path pkg;

        @Mixin
        WorkspaceOption workspace;

        @Option(names = "--json", description = "Print the registered model as JSON.")
        boolean json;

        @Mixin
        BareOnnxFlags onnx;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Workspace ws = Workspace.open(workspace.root());
            ModelRegistration.Result r = ModelRegistration.register(ws, pkg, onnx.options());
            RegisteredModel model = r.model();
            if (json) {
                Map<String, Object> doc = entry(model);
                doc.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                doc.put("synthesised", r.synthesised());
                doc.put("manifest", Json.mapper().readTree(r.manifestJson()));
                Json.print(out, doc);
            } else {
                String what = switch (r.outcome()) {
                    case ADDED -> "added";
                    case UNCHANGED -> "already registered";
                    case PATH_UPDATED -> "already registered (path updated)";
                };
                out.println(what + ": " + model.id() + " " + model.version() + " (" + model.format() + ", sha256 " + model.sha256() + ")"
                        + (r.synthesised() ? " — bare ONNX, manifest synthesised from flags and defaults (see --json)" : ""));
            }
            return GlassBoxCli.EXIT_OK;
        }
    }

    /** {@code models list [--workspace DIR] [--json]}. */
    @Command(name = "list", description = "List the models registered in the workspace.")
    static final class ListModels implements Callable<Integer> {
        @Mixin
        WorkspaceOption workspace;

        @Option(names = "--json", description = "Print a JSON array of {id, version, format, sha256, path}.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Workspace ws = Workspace.open(workspace.root());
            List<RegisteredModel> models;
            try (Catalog catalog = Catalog.open(ws.catalogFile())) {
                models = catalog.models().all();
            }
            if (json) {
                List<Map<String, Object>> doc = new ArrayList<>();
                models.forEach(m -> doc.add(entry(m)));
                Json.print(out, doc);
            } else if (models.isEmpty()) {
                out.println("no models registered in " + ws.root() + " (add one with: glassbox models add PKG)");
            } else {
                for (RegisteredModel m : models) {
                    out.println(m.id() + "  " + m.version() + "  " + m.format() + "  " + m.sha256().substring(0, 12) + "  " + m.path());
                }
            }
            return GlassBoxCli.EXIT_OK;
        }
    }

    /**
     * {@code models verify PKG [--workspace DIR] [--json]}: exit 0 when every hash matches, model.json is
     * valid and the signature is acceptable under the workspace's policy, else 1.
     */
    @Command(name = "verify", description = {"Check a package's hashes, model.json and signature; exit 0 when sound, 1 otherwise.",
        "Signature: valid (trusted key), invalid, absent, or untrusted-key; trusted keys are <workspace>/trusted-keys/*.pub,",
        "and models.requireSignature=true in <workspace>/settings.properties refuses absent and untrusted ones."})
    static final class Verify implements Callable<Integer> {
        static final int MAX_PROBLEM_LINES = 20;

        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "PKG", description = "Package folder, .zip, or bare .onnx file.")
        Path pkg;

        @Option(names = "--json", description = "Print the verification (files, hashes, problems) as JSON.")
        boolean json;

        @Mixin
        BareOnnxFlags onnx;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ModelPackageLoader loader = new ModelPackageLoader(ModelResolver.signaturePolicy(workspace.root()));
            PackageVerification v = loader.verify(pkg, onnx.options());
            SignatureCheck sig = v.signature();
            String sigStatus = sig == null ? "not-checked" : sig.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
            List<String> problems = v.problems();
            for (int i = 0; i < Math.min(MAX_PROBLEM_LINES, problems.size()); i++) {
                err.println("glassbox models verify: " + problems.get(i));
            }
            if (problems.size() > MAX_PROBLEM_LINES) {
                err.println("glassbox models verify: … and " + (problems.size() - MAX_PROBLEM_LINES) + " more (see --json)");
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("source", v.source());
                doc.put("ok", v.ok());
                doc.put("sha256", v.identity());
                List<Map<String, Object>> files = new ArrayList<>();
                for (PackageVerification.FileCheck f : v.files()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("file", f.file());
                    m.put("status", f.status().name().toLowerCase(Locale.ROOT));
                    m.put("expected", f.expected());
                    m.put("actual", f.actual());
                    files.add(m);
                }
                doc.put("files", files);
                doc.put("problems", problems);
                Map<String, Object> signature = new LinkedHashMap<>();
                signature.put("status", sigStatus);
                signature.put("keyId", sig == null ? null : sig.keyId());
                signature.put("message", sig == null ? "no signature check (no readable SHA256SUMS, or a bare .onnx file)" : sig.message());
                doc.put("signature", signature);
                if (v.ok() && ModelPackageLoader.kindOf(pkg) == ModelPackageLoader.Kind.ONNX) {
                    try (ModelPackage p = loader.open(pkg, onnx.options())) {
                        doc.put("synthesised", true);
                        doc.put("manifest", manifestTree(p));
                    }
                }
                Json.print(out, doc);
            } else if (v.ok()) {
                out.println("OK: " + v.source() + " (sha256 " + v.identity() + ")");
                out.println("signature: " + sigStatus + (sig == null ? "" : " (" + sig.message() + ")"));
            }
            Audits.recordIfWorkspace(workspace.root(), AuditAction.MODEL_VERIFICATION,
                    v.identity() == null ? List.of() : List.of(AuditObjects.model(v.identity())),
                    Map.of("ok", v.ok(), "signature", sigStatus, "problems", problems.size()));
            return v.ok() ? GlassBoxCli.EXIT_OK : GlassBoxCli.EXIT_FAILED;
        }
    }

    /** The documented list entry: exactly {id, version, format, sha256, path}, in this order. */
    static Map<String, Object> entry(RegisteredModel m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", m.id());
        e.put("version", m.version());
        e.put("format", m.format());
        e.put("sha256", m.sha256());
        e.put("path", m.path());
        return e;
    }
}
