package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.glassbox.app.cli.GlassBoxCli;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.privacy.PhiFinding;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.cache.CacheKey;
import org.glassbox.explain.cache.ExplanationCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feedback bundle from a small imported cohort: content, pseudonymity, the PHI warning, the audit entry. */
class FeedbackBundleTest {
    private static final String MODEL_SHA = "ab".repeat(32);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Workspace ws;
    List<String> sops;
    List<String> headerValues = new ArrayList<>();

    @BeforeEach
    void cohort() throws Exception {
        Path cohort = dir.resolve("cohort");
        Path root = dir.resolve("ws");
        assertThat(cli("generate", "--out", cohort.toString(), "--studies", "3", "--seed", "7", "--size", "64")).isEqualTo(0);
        assertThat(cli("import", cohort.toString(), "--workspace", root.toString())).isEqualTo(0);
        ws = Workspace.open(root);
        try (Stream<Path> files = Files.list(cohort.resolve("dicom"))) {
            for (Path f : files.toList()) {
                DicomDataset d = Dicom.reader().openHeader(f).dataset();
                headerValues.add(d.string(DicomTags.PatientName));
                headerValues.add(d.string(DicomTags.PatientID));
            }
        }
        try (Catalog catalog = Catalog.open(ws.catalogFile())) {
            sops = catalog.instances().all().stream().map(i -> i.sopInstanceUid()).sorted().toList();
            catalog.models().register(new RegisteredModel("demo-x", "1.0", "dl4j", MODEL_SHA, dir.resolve("models/demo-x").toString(),
                    "{\"labels\":[\"nodule\",\"effusion\"]}", Instant.EPOCH));
            catalog.predictions().store(List.of(new Prediction(MODEL_SHA, sops.get(0), catalog.instances().contentHash(sops.get(0)).orElseThrow(),
                    List.of("nodule", "effusion"), new float[] {1.5f, -2f}, new float[] {0.8175745f, 0.11920292f}, null, null, Instant.EPOCH)));
        }
        ExplanationCache.of(ws).put(new CacheKey(MODEL_SHA, sops.get(0), ExplanationMethod.GRADCAM, Map.of("layer", "conv3"), 0),
                new Explanation(ExplanationMethod.GRADCAM, 0, Map.of("layer", "conv3"), new SaliencyMap(2, 2, new float[] {0, 0.25f, 0.5f, 1}),
                        null, 1.5f, 0.8175745f, 1, 1000));
    }

    private static int cli(String... args) {
        return GlassBoxCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    private List<BiasFlag> raise(String note0) {
        FlagService service = new FlagService(ws);
        return List.of(
                service.raise(new BiasFlag(0, sops.get(0), MODEL_SHA, "nodule", BiasFlag.Category.SHORTCUT, BiasFlag.Severity.HIGH, "sex=F",
                        note0, "R-07", Instant.parse("2026-01-01T10:00:00Z"))),
                service.raise(new BiasFlag(0, sops.get(1), null, null, BiasFlag.Category.ACQUISITION_ARTEFACT, BiasFlag.Severity.LOW, null,
                        "collimation, \"quoted\", comma", "R-08", Instant.parse("2026-01-01T11:00:00Z"))));
    }

    private static Map<String, byte[]> unzip(Path zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void bundleHoldsFlagsScoresModelAndTheCachedMapAndNothingIdentifying() throws Exception {
        List<BiasFlag> flags = raise("marker in the corner drives the score");
        FeedbackBundle bundle = FeedbackBundle.prepare(ws, flags, CLOCK);
        assertThat(bundle.noteFindings()).isEmpty();
        Path zip = dir.resolve("out/feedback.zip");
        FeedbackBundle.Written w = bundle.write(zip);
        assertThat(w.flags()).isEqualTo(2);
        assertThat(w.maps()).isEqualTo(1);
        try (Stream<Path> s = Files.list(zip.getParent())) {
            assertThat(s.toList()).containsExactly(zip); // no temporary file left beside it
        }

        Map<String, byte[]> files = unzip(zip);
        String mapDir = "maps/" + sops.get(0) + "/" + MODEL_SHA.substring(0, 12) + "/gradcam-target0-";
        assertThat(files.keySet()).hasSize(5).contains("flags.json", "flags.csv", "README.txt")
                .anyMatch(n -> n.startsWith(mapDir) && n.endsWith("/image.npy"))
                .anyMatch(n -> n.startsWith(mapDir) && n.endsWith("/explanation.json"));

        JsonNode j = new ObjectMapper().readTree(files.get("flags.json"));
        assertThat(j.get("format").asText()).isEqualTo(FeedbackBundle.FORMAT);
        assertThat(j.get("flagCount").asInt()).isEqualTo(2);
        JsonNode f0 = j.get("flags").get(0);
        assertThat(f0.get("sopInstanceUid").asText()).isEqualTo(sops.get(0));
        assertThat(f0.get("patientPseudonym").asText()).isNotBlank();
        assertThat(f0.get("subgroupAttributes").has("sex")).isTrue();
        assertThat(f0.get("subgroupAttributes").get("age_band").asText()).matches("\\d+-\\d+|\\d+\\+|<\\d+");
        assertThat(f0.get("category").asText()).isEqualTo("SHORTCUT");
        assertThat(f0.get("severity").asText()).isEqualTo("HIGH");
        assertThat(f0.get("label").asText()).isEqualTo("nodule");
        assertThat(f0.get("reviewer").asText()).isEqualTo("R-07");
        assertThat(f0.get("model").get("id").asText()).isEqualTo("demo-x");
        assertThat(f0.get("model").get("sha256").asText()).isEqualTo(MODEL_SHA);
        assertThat(f0.get("scores").get("nodule").get("score").floatValue()).isEqualTo(0.8175745f);
        assertThat(f0.get("scores").get("effusion").get("logit").floatValue()).isEqualTo(-2f);
        assertThat(f0.get("explanations")).hasSize(1);
        JsonNode map = f0.get("explanations").get(0);
        assertThat(map.get("method").asText()).isEqualTo("gradcam");
        assertThat(map.get("parameters").get("layer").asText()).isEqualTo("conv3");
        assertThat(files.get(map.get("map").asText())).isEqualTo(Files.readAllBytes(
                ExplanationCache.of(ws).entryDir(new CacheKey(MODEL_SHA, sops.get(0), ExplanationMethod.GRADCAM, Map.of("layer", "conv3"), 0))
                        .resolve("image.npy")));
        JsonNode f1 = j.get("flags").get(1);
        assertThat(f1.get("model").isNull()).isTrue();
        assertThat(f1.get("scores").isNull()).isTrue();
        assertThat(f1.get("explanations")).isEmpty();
        assertThat(f1.get("explanationsNote").asText()).isEqualTo("the flag names no model");

        List<String> csv = List.of(new String(files.get("flags.csv"), StandardCharsets.UTF_8).split("\n"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("flag_id,sop_instance_uid,patient_pseudonym,sex,age_band,site");
        assertThat(csv.get(1)).contains(",SHORTCUT,HIGH,nodule,sex=F,", "nodule=0.8175745;effusion=0.11920292", "/image.npy");
        assertThat(csv.get(2)).contains("\"collimation, \"\"quoted\"\", comma\"");

        // Pseudonymous: no path of this machine, no patient name or ID from the headers, in any file.
        assertThat(headerValues).allMatch(v -> v != null && !v.isBlank());
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            assertThat(text).as(e.getKey()).doesNotContain(dir.toString()).doesNotContain("/tmp/").doesNotContain("models/demo-x");
            for (String v : headerValues) {
                assertThat(text).as(e.getKey() + " vs header value").doesNotContain(v);
            }
        }

        // Audited as an export of exactly this file.
        try (Catalog catalog = Catalog.open(ws.catalogFile())) {
            var last = catalog.audit().last().orElseThrow();
            assertThat(last.action()).isEqualTo(AuditAction.EXPORT.name());
            assertThat(last.objectsJson()).contains("export:" + w.sha256()).contains("flag:" + flags.get(0).id()).contains("model:" + MODEL_SHA)
                    .doesNotContain(dir.toString());
        }
    }

    @Test
    void mapsMadeWithAFileOptionCarryNoPathIntoTheBundle() throws Exception {
        // As the CLI caches IG with --option baseline=image --option baseline-image=/tmp/.../x.npy: the key holds the
        // file's content hash, the explanation's own parameters its path; EG with a reference set likewise.
        Path baselineFile = dir.resolve("jdoe-baseline/x.npy");
        Path referenceFile = dir.resolve("jdoe-refs/refs.npy");
        ExplanationCache cache = ExplanationCache.of(ws);
        CacheKey ig = new CacheKey(MODEL_SHA, sops.get(0), ExplanationMethod.INTEGRATED_GRADIENTS,
                Map.of("baseline", "image", "baseline-image", "sha256:" + "cd".repeat(32), "seed", "0"), 0);
        cache.put(ig, new Explanation(ExplanationMethod.INTEGRATED_GRADIENTS, 0, Map.of("baseline", "image(" + baselineFile + ")", "steps", "32"),
                new SaliencyMap(2, 2, new float[] {1, 0, 0, 0}), null, 1.5f, 0.8175745f, 33, 1000));
        CacheKey eg = new CacheKey(MODEL_SHA, sops.get(0), ExplanationMethod.EXPECTED_GRADIENTS,
                Map.of("reference", "sha256:" + "ef".repeat(32), "seed", "0"), 0);
        cache.put(eg, new Explanation(ExplanationMethod.EXPECTED_GRADIENTS, 0, Map.of("reference", referenceFile.toString(), "samples", "8"),
                new SaliencyMap(2, 2, new float[] {0, 1, 0, 0}), null, 1.5f, 0.8175745f, 9, 1000));
        assertThat(Files.readString(cache.entryDir(ig).resolve("explanation.json"))).contains(baselineFile.toString()); // the leak being fixed

        Path zip = dir.resolve("out/feedback.zip");
        FeedbackBundle.Written w = FeedbackBundle.prepare(ws, raise("marker"), CLOCK).write(zip);
        assertThat(w.maps()).isEqualTo(3);
        Map<String, byte[]> files = unzip(zip);
        assertThat(files).hasSize(3 + 2 * 3);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            assertThat(text).as(e.getKey()).doesNotContain(dir.toString()).doesNotContain("/tmp").doesNotContain("jdoe")
                    .doesNotContain("x.npy").doesNotContain("refs.npy");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode explanations = json.readTree(files.get("flags.json")).get("flags").get(0).get("explanations");
        assertThat(explanations).hasSize(3);
        for (JsonNode m : explanations) {
            JsonNode sidecar = json.readTree(files.get(m.get("sidecar").asText()));
            // The cleaned sidecar still ties the map to its key and content.
            assertThat(sidecar.at("/key/modelSha256").asText()).isEqualTo(MODEL_SHA);
            assertThat(sidecar.at("/key/method").asText()).isEqualTo(m.get("method").asText());
            assertThat(sidecar.get("imageSha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(files.get(m.get("map").asText()))));
            assertThat(sidecar.has("targetScore")).isTrue();
            if (m.get("method").asText().equals("ig")) {
                assertThat(sidecar.at("/parameters/baseline").asText()).isEqualTo("image(file)");
                assertThat(sidecar.at("/parameters/steps").asText()).isEqualTo("32");
                assertThat(sidecar.at("/key/parameters/baseline-image").asText()).isEqualTo("sha256:" + "cd".repeat(32));
                assertThat(m.get("parameters").get("baseline-image").asText()).isEqualTo("sha256:" + "cd".repeat(32));
            } else if (m.get("method").asText().equals("eg")) {
                assertThat(sidecar.at("/parameters/reference").asText()).isEqualTo("file");
            }
        }
    }

    @Test
    void pathFreeReplacesPathsOnlyAndKeepsLayerNames() {
        assertThat(FeedbackBundle.pathFree("baseline", "image(/home/j doe/x.npy)")).isEqualTo("image(file)");
        assertThat(FeedbackBundle.pathFree("baseline", "mean(C:\\scans\\mean.npy)")).isEqualTo("mean(file)");
        assertThat(FeedbackBundle.pathFree("reference", "refs.npy")).isEqualTo("file");
        assertThat(FeedbackBundle.pathFree("reference", "~/refs")).isEqualTo("file");
        assertThat(FeedbackBundle.pathFree("baseline", "blur(sigma=8.0)")).isEqualTo("blur(sigma=8.0)");
        assertThat(FeedbackBundle.pathFree("baseline", "mean(per-channel)")).isEqualTo("mean(per-channel)");
        assertThat(FeedbackBundle.pathFree("baseline-image", "sha256:" + "cd".repeat(32))).isEqualTo("sha256:" + "cd".repeat(32));
        assertThat(FeedbackBundle.pathFree("layer", "/layer4/layer4.1/Relu_output_0")).isEqualTo("/layer4/layer4.1/Relu_output_0");
    }

    @Test
    void aFlagWithAFreeTextSubgroupIsRefusedAndNotAudited() throws Exception {
        FlagService service = new FlagService(ws);
        long auditBefore;
        try (Catalog catalog = Catalog.open(ws.catalogFile())) {
            auditBefore = catalog.audit().last().orElseThrow().seq();
        }
        assertThatThrownBy(() -> service.raise(new BiasFlag(0, sops.get(0), MODEL_SHA, null, BiasFlag.Category.OTHER, BiasFlag.Severity.LOW,
                "patient=" + headerValues.get(0), "", "R-07", Instant.parse("2026-01-01T10:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subgroup attribute is one of")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(headerValues.get(0)));
        try (Catalog catalog = Catalog.open(ws.catalogFile())) {
            assertThat(catalog.flags().all()).isEmpty();
            assertThat(catalog.audit().last().orElseThrow().seq()).isEqualTo(auditBefore);
        }
    }

    @Test
    void subgroupsArePhiScannedTooButCodesAreNotMistakenForDates() throws Exception {
        FlagService service = new FlagService(ws);
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        // A well-formed subgroup whose manufacturer value holds a date; a site key that happens to read as one (not scanned).
        BiasFlag header = service.raise(new BiasFlag(0, sops.get(0), null, null, BiasFlag.Category.OTHER, BiasFlag.Severity.LOW,
                "manufacturer=Acme 2021-03-04*site=20210304*age_band=60-79", "", "R-07", t));
        BiasFlag codes = service.raise(new BiasFlag(0, sops.get(1), null, null, BiasFlag.Category.OTHER, BiasFlag.Severity.LOW,
                "sex=F*age_band=60-79*site=20210304", "", "R-07", t));
        // A flag stored before subgroups were checked: scanned whole.
        BiasFlag legacy;
        try (Catalog catalog = Catalog.open(ws.catalogFile())) {
            legacy = catalog.flags().add(new BiasFlag(0, sops.get(2), null, null, BiasFlag.Category.OTHER, BiasFlag.Severity.LOW,
                    "seen 03/04/2021", "", "R-07", t));
        }
        FeedbackBundle bundle = FeedbackBundle.prepare(ws, List.of(header, codes, legacy), CLOCK);
        assertThat(bundle.noteFindings()).extracting(FeedbackBundle.NoteFinding::flagId, FeedbackBundle.NoteFinding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(header.id(), PhiFinding.Kind.DATE),
                        org.assertj.core.groups.Tuple.tuple(legacy.id(), PhiFinding.Kind.DATE));
        assertThat(bundle.noteFindings().get(0).describe()).isEqualTo("flag " + header.id() + ": subgroup looks like a date");
    }

    @Test
    void notesWithADateOrAPhoneNumberRaiseFindingsBeforeAnythingIsWritten() throws Exception {
        List<BiasFlag> flags = raise("seen on 03/04/2021, call 555-123-4567");
        FeedbackBundle bundle = FeedbackBundle.prepare(ws, flags, CLOCK);
        assertThat(bundle.noteFindings()).extracting(FeedbackBundle.NoteFinding::kind).containsExactly(PhiFinding.Kind.DATE, PhiFinding.Kind.PHONE);
        assertThat(bundle.noteFindings()).allMatch(f -> f.flagId() == flags.get(0).id());
        assertThat(bundle.noteFindings().get(0).describe()).isEqualTo("flag " + flags.get(0).id() + ": looks like a date")
                .doesNotContain("2021");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
