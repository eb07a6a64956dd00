package org.glassbox.app.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.core.privacy.PhiFinding;
import org.glassbox.core.privacy.PhiTextScanner;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.cache.ExplanationCache;

/**
 * A feedback bundle for a model's developers: one zip holding {@code flags.json}, {@code flags.csv},
 * {@code README.txt} (the format, {@link #README}) and, under {@code maps/}, each explanation map
 * cached for a flagged case and its model ({@code image.npy} + the cache's {@code explanation.json}).
 * Pseudonymous: cases are named by SOP Instance UID and the workspace's patient pseudonym, with
 * their subgroup attributes (sex, age band, site key, modality, view); never a file path, a patient
 * name or ID, or a study date. Notes are free text, so {@link #prepare} scans them first
 * ({@link PhiTextScanner}), and the header-string values of each flag's subgroup too, and
 * {@link #noteFindings()} lists what looks like PHI, for the user to decide before {@link #write}. Reads the catalog and cache: call off the FX thread.
 */
public final class FeedbackBundle {
    /** The {@code format} field of flags.json. */
    public static final String FORMAT = "glassbox-feedback-bundle/1";

    /**
     * Something in a flag's note that looks like PHI.
     *
     * @param flagId         the flag
     * @param sopInstanceUid its case
     * @param kind           what it looks like
     * @param reason         one line, never repeating the matched text
     */
    public record NoteFinding(long flagId, String sopInstanceUid, PhiFinding.Kind kind, String reason) {
        /** "flag 12: looks like a date". */
        public String describe() {
            return "flag " + flagId + ": " + reason;
        }
    }

    /**
     * A written bundle.
     *
     * @param file   where it was written
     * @param sha256 SHA-256 of the zip (the audit entry's {@code export:} object)
     * @param flags  flags in it
     * @param maps   explanation maps in it
     */
    public record Written(Path file, String sha256, int flags, int maps) {
    }

    private record Item(BiasFlag flag, WorklistRow row, RegisteredModel model, Prediction prediction, List<CachedExplanations.Entry> maps) {
    }

    private final Workspace workspace;
    private final List<Item> items;
    private final List<NoteFinding> findings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FeedbackBundle(Workspace workspace, List<Item> items, List<NoteFinding> findings, Clock clock) {
        this.workspace = workspace;
        this.items = items;
        this.findings = findings;
        this.clock = clock;
    }

    /** Gathers what the bundle will hold for {@code flags} and scans their notes; writes nothing. */
    public static FeedbackBundle prepare(Workspace workspace, List<BiasFlag> flags, Clock clock) throws IOException {
        Objects.requireNonNull(workspace, "workspace");
        if (flags.isEmpty()) {
            throw new IllegalArgumentException("no flags to export");
        }
        PhiTextScanner scanner = PhiTextScanner.forWorkspace(workspace);
        List<NoteFinding> findings = new ArrayList<>();
        for (BiasFlag f : flags) {
            for (PhiFinding p : scanner.scan(f.note())) {
                findings.add(new NoteFinding(f.id(), f.sopInstanceUid(), p.kind(), p.reason()));
            }
            for (PhiFinding p : scanSubgroup(scanner, f.subgroup())) {
                findings.add(new NoteFinding(f.id(), f.sopInstanceUid(), p.kind(), "subgroup " + p.reason()));
            }
        }
        // One walk of the cache for all flags (not one per flag: flags × entries sidecar reads).
        CachedExplanations.Index cached = flags.stream().anyMatch(f -> f.modelSha256() != null)
                ? new CachedExplanations(ExplanationCache.of(workspace)).index() : null;
        List<Item> items = new ArrayList<>();
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            Map<String, WorklistRow> rows = new HashMap<>();
            WorklistQuery.load(catalog).forEach(r -> rows.put(r.sopInstanceUid(), r));
            Map<String, RegisteredModel> models = new HashMap<>();
            catalog.models().all().forEach(m -> models.put(m.sha256(), m));
            for (BiasFlag f : flags) {
                Prediction p = null;
                List<CachedExplanations.Entry> maps = List.of();
                if (f.modelSha256() != null) {
                    p = catalog.predictions().find(f.modelSha256(), List.of(f.sopInstanceUid())).get(f.sopInstanceUid());
                    maps = cached.find(f.modelSha256(), f.sopInstanceUid());
                }
                items.add(new Item(f, rows.get(f.sopInstanceUid()), f.modelSha256() == null ? null : models.get(f.modelSha256()), p, maps));
            }
        }
        return new FeedbackBundle(workspace, List.copyOf(items), List.copyOf(findings), clock);
    }

    /**
     * What in a flag's subgroup looks like PHI. A well-formed subgroup ({@link FlagSubgroup}) is scanned
     * term by term, only its header-string values (a code such as {@code age_band=60-79} or a hex site
     * key would read as a phone number or a date); a malformed one — raised before subgroups were
     * checked — is scanned whole.
     */
    private static List<PhiFinding> scanSubgroup(PhiTextScanner scanner, String subgroup) {
        if (subgroup == null || subgroup.isBlank()) {
            return List.of();
        }
        if (FlagSubgroup.problem(subgroup) != null) {
            return scanner.scan(subgroup);
        }
        List<PhiFinding> found = new ArrayList<>();
        FlagSubgroup.parse(subgroup).forEach((name, value) -> {
            if (FlagSubgroup.FREE_TEXT.contains(name)) {
                found.addAll(scanner.scan(value));
            }
        });
        return found;
    }

    /** What in the notes and subgroups looks like PHI, in flag order; empty when nothing does. */
    public List<NoteFinding> noteFindings() {
        return findings;
    }

    public int flagCount() {
        return items.size();
    }

    /**
     * Writes the zip to {@code target} atomically (temporary sibling + rename; nothing is left on
     * failure) and records an {@link AuditAction#EXPORT} entry naming its SHA-256.
     */
    public Written write(Path target) throws IOException {
        Map<String, Path> mapFiles = new LinkedHashMap<>(); // zip name → cache file (image.npy), each once
        Map<String, byte[]> sidecars = new LinkedHashMap<>(); // zip name → cleaned explanation.json, each once
        ArrayNode flagsJson = json.createArrayNode();
        StringWriter csv = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            out.printRecord(CSV_HEADER);
            for (Item item : items) {
                List<String> mapNames = new ArrayList<>();
                ObjectNode j = flagJson(item, mapFiles, sidecars, mapNames);
                flagsJson.add(j);
                out.printRecord(csvRecord(item, mapNames));
            }
        }
        int mapCount = mapFiles.size();
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("createdAt", clock.instant().toString());
        root.put("flagCount", items.size());
        root.put("mapCount", mapCount);
        root.set("flags", flagsJson);
        byte[] flagsBytes = json.writeValueAsBytes(root);
        byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);

        AtomicFiles.write(target, tmp -> {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                put(zip, "flags.json", flagsBytes);
                put(zip, "flags.csv", csvBytes);
                put(zip, "README.txt", README.getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, Path> e : mapFiles.entrySet()) {
                    put(zip, e.getKey(), Files.readAllBytes(e.getValue()));
                    String sidecar = e.getKey().substring(0, e.getKey().length() - "image.npy".length()) + "explanation.json";
                    put(zip, sidecar, sidecars.get(sidecar));
                }
            }
        });
        String sha = sha256(target);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", "feedback-bundle");
        parameters.put("format", FORMAT);
        parameters.put("flags", items.size());
        parameters.put("maps", mapCount);
        parameters.put("noteWarnings", findings.size());
        List<String> objects = new ArrayList<>();
        objects.add(AuditObjects.exportFile(sha));
        Set<String> models = new LinkedHashSet<>();
        items.forEach(i -> {
            objects.add(AuditObjects.flag(Long.toString(i.flag().id())));
            if (i.flag().modelSha256() != null) {
                models.add(AuditObjects.model(i.flag().modelSha256()));
            }
        });
        objects.addAll(models);
        AuditLog.record(workspace, AuditAction.EXPORT, objects, parameters);
        return new Written(target, sha, items.size(), mapCount);
    }

    private static final List<String> CSV_HEADER = List.of("flag_id", "sop_instance_uid", "patient_pseudonym", "sex", "age_band", "site",
            "modality", "view", "category", "severity", "label", "subgroup", "note", "reviewer", "created_at", "model_id", "model_version",
            "model_sha256", "scores", "explanation_maps");

    private ObjectNode flagJson(Item item, Map<String, Path> mapFiles, Map<String, byte[]> sidecars, List<String> mapNames) throws IOException {
        BiasFlag f = item.flag();
        ObjectNode j = json.createObjectNode();
        j.put("id", f.id());
        j.put("sopInstanceUid", f.sopInstanceUid());
        ObjectNode attributes = json.createObjectNode();
        if (item.row() == null) {
            j.putNull("patientPseudonym");
            j.put("caseNote", "the instance is no longer in the workspace catalog");
        } else {
            j.put("patientPseudonym", item.row().patientPseudonym());
            attributes(item.row()).forEach(attributes::put);
        }
        j.set("subgroupAttributes", attributes);
        j.put("category", f.category().name());
        j.put("categoryDescription", f.category().description());
        j.put("severity", f.severity().name());
        j.put("label", f.label());
        j.put("subgroup", f.subgroup());
        j.put("note", f.note());
        j.put("reviewer", f.reviewer());
        j.put("createdAt", f.createdAt().toString());
        if (f.modelSha256() == null) {
            j.putNull("model");
        } else {
            ObjectNode m = j.putObject("model");
            m.put("id", item.model() == null ? null : item.model().id());
            m.put("version", item.model() == null ? null : item.model().version());
            m.put("sha256", f.modelSha256());
            if (item.model() == null) {
                m.put("note", "the model is no longer registered in the workspace");
            }
        }
        if (item.prediction() == null) {
            j.putNull("scores");
            j.put("scoresNote", f.modelSha256() == null ? "the flag names no model" : "the model has no scores for this case in the workspace");
        } else {
            ObjectNode s = j.putObject("scores");
            Prediction p = item.prediction();
            for (int i = 0; i < p.labels().size(); i++) {
                ObjectNode one = s.putObject(p.labels().get(i));
                one.put("score", p.scores()[i]);
                one.put("logit", p.logits()[i]);
            }
        }
        ArrayNode maps = j.putArray("explanations");
        for (CachedExplanations.Entry e : item.maps()) {
            String dir = "maps/" + f.sopInstanceUid() + "/" + f.modelSha256().substring(0, 12) + "/" + e.key().method().cliName() + "-target"
                    + e.key().target() + "-" + e.key().digest().substring(0, 12) + "/";
            mapFiles.put(dir + "image.npy", e.image());
            if (!sidecars.containsKey(dir + "explanation.json")) {
                sidecars.put(dir + "explanation.json", cleanSidecar(e.sidecar()));
            }
            mapNames.add(dir + "image.npy");
            ObjectNode m = maps.addObject();
            m.put("method", e.key().method().cliName());
            m.put("target", e.key().target());
            ObjectNode parameters = m.putObject("parameters");
            e.key().parameters().forEach((k, v) -> parameters.put(k, pathFree(k, v)));
            m.put("map", dir + "image.npy");
            m.put("sidecar", dir + "explanation.json");
        }
        if (item.maps().isEmpty()) {
            j.put("explanationsNote", f.modelSha256() == null ? "the flag names no model"
                    : "no explanation map is cached for this case and model");
        }
        return j;
    }

    /**
     * The bundle's copy of a cache sidecar: format, key (model hash, instance, method, target and the
     * key parameters, where a file-valued option is already its content hash), the explanation's own
     * parameters, target logit and score, model evaluations and the map's SHA-256 — each parameter
     * through {@link #pathFree}. Not the raw file: a map computed by the CLI with a file option
     * (baseline-image, mean-image, reference) holds that file's path in its own parameters, e.g.
     * {@code "baseline": "image(/home/…/x.npy)"}, and a path can name a patient.
     */
    private byte[] cleanSidecar(Path sidecar) throws IOException {
        JsonNode raw = json.readTree(Files.readAllBytes(sidecar));
        ObjectNode out = json.createObjectNode();
        out.set("format", raw.path("format"));
        JsonNode k = raw.path("key");
        ObjectNode key = out.putObject("key");
        for (String field : List.of("modelSha256", "sopInstanceUid", "method", "target")) {
            key.set(field, k.path(field));
        }
        key.set("parameters", pathFree(k.path("parameters")));
        out.set("parameters", pathFree(raw.path("parameters")));
        for (String field : List.of("targetLogit", "targetScore", "modelEvaluations", "imageSha256")) {
            out.set(field, raw.path(field));
        }
        return json.writeValueAsBytes(out);
    }

    private ObjectNode pathFree(JsonNode parameters) {
        ObjectNode out = json.createObjectNode();
        parameters.fields().forEachRemaining(e -> out.put(e.getKey(), pathFree(e.getKey(), e.getValue().asText())));
        return out;
    }

    /** A path-looking part of a parameter value: a separator, a home folder or a .npy/.npz file name. */
    private static final Pattern PATH_LIKE = Pattern.compile("[/\\\\]|^~|(?i)\\.np[yz]\\b");
    /** A {@code Baseline.describe()}-style value, "kind(detail)". */
    private static final Pattern KIND_AND_DETAIL = Pattern.compile("([A-Za-z][\\w-]*)\\((.*)\\)");

    /**
     * {@code value} with any file path replaced by {@code "file"} — {@code "image(/x/y.npy)"} becomes
     * {@code "image(file)"}, {@code "/x/refs.npy"} becomes {@code "file"}; the file's content hash,
     * where the CLI recorded one, is in the key parameters ({@code baseline-image}, {@code mean-image},
     * {@code reference}: {@code "sha256:…"}). A {@code layer} names a model layer, never a file, and is
     * kept (ONNX layer names contain '/').
     */
    static String pathFree(String name, String value) {
        if (value == null || name.equals("layer") || !PATH_LIKE.matcher(value).find()) {
            return value;
        }
        Matcher m = KIND_AND_DETAIL.matcher(value);
        return m.matches() ? m.group(1) + "(file)" : "file";
    }

    private static List<String> csvRecord(Item item, List<String> mapNames) {
        BiasFlag f = item.flag();
        Map<String, String> a = item.row() == null ? Map.of() : attributes(item.row());
        StringBuilder scores = new StringBuilder();
        if (item.prediction() != null) {
            Prediction p = item.prediction();
            for (int i = 0; i < p.labels().size(); i++) {
                scores.append(i == 0 ? "" : ";").append(p.labels().get(i)).append('=').append(p.scores()[i]);
            }
        }
        List<String> r = new ArrayList<>();
        r.add(Long.toString(f.id()));
        r.add(f.sopInstanceUid());
        r.add(item.row() == null ? "" : item.row().patientPseudonym());
        for (String k : List.of("sex", "age_band", "site", "modality", "view")) {
            r.add(a.getOrDefault(k, ""));
        }
        r.add(f.category().name());
        r.add(f.severity().name());
        r.add(nz(f.label()));
        r.add(nz(f.subgroup()));
        r.add(f.note());
        r.add(f.reviewer());
        r.add(f.createdAt().toString());
        r.add(item.model() == null ? "" : item.model().id());
        r.add(item.model() == null ? "" : item.model().version());
        r.add(nz(f.modelSha256()));
        r.add(scores.toString());
        r.add(String.join(";", mapNames));
        return r;
    }

    /** The case's subgroup attributes as the fairness audit names them (unknown values left out). */
    static Map<String, String> attributes(WorklistRow row) {
        Map<String, String> a = new LinkedHashMap<>();
        putIf(a, "sex", row.sex());
        putIf(a, "age_band", AgeBands.DEFAULT.band(row.ageYears()));
        putIf(a, "site", row.site());
        putIf(a, "modality", row.modality());
        putIf(a, "view", row.viewPosition());
        return a;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** README.txt of every bundle. */
    public static final String README = """
            GlassBox feedback bundle (format glassbox-feedback-bundle/1)
            =============================================================
            Bias flags raised by reviewers in a GlassBox workspace, for the developers of the flagged
            models. Everything is pseudonymous: cases are named by their DICOM SOP Instance UID and the
            workspace's keyed patient pseudonym; no file path, patient name or ID, or study date is
            included. Notes are free text written by reviewers; GlassBox scanned them for text that looks
            like PHI (dates, phone numbers, e-mail addresses, long numbers, names seen in imported headers)
            and the exporting user confirmed the export; the same goes for the header-string values
            (manufacturer, model, view, modality) of each flag's subgroup.

            flags.json
              format, createdAt (ISO-8601 UTC), flagCount, mapCount, flags: one object per flag:
              id                  the flag's number in the workspace
              sopInstanceUid      the flagged image
              patientPseudonym    keyed pseudonym of the patient (null when the image left the catalog)
              subgroupAttributes  sex (F/M/O), age_band (0-17, 18-39, 40-59, 60-79, 80+), site (first 8 hex
                                  digits of the keyed site hash), modality, view; unknown values are absent
              category            UNDER_DIAGNOSIS, OVER_DIAGNOSIS, SHORTCUT, ACQUISITION_ARTEFACT,
                                  CALIBRATION or OTHER; categoryDescription says it in words
              severity            LOW, MEDIUM or HIGH
              label               the finding concerned (a model label), or null for the case as a whole
              subgroup            the subgroup the reviewer suspects is affected, e.g. "sex=F", or null
              note                the reviewer's note (may be empty)
              reviewer            the reviewer's pseudonym
              createdAt           when the flag was raised (ISO-8601 UTC)
              model               id, version and sha256 (package identity: SHA-256 of its SHA256SUMS)
                                  of the flagged model, or null when the flag names none
              scores              per label of the model: score (after the model's output function) and
                                  logit, as computed in the workspace; null with scoresNote when absent
              explanations        each explanation map cached for this case and model: method, target
                                  (output index), parameters, map (path in this zip of a float32 H x W
                                  .npy at model-input resolution) and sidecar (from the cache's
                                  explanation.json: key, parameters, target logit and score, model
                                  evaluations, SHA-256 of the map); empty with explanationsNote when
                                  none was cached. A file given as an option (baseline-image,
                                  mean-image, reference) appears as "sha256:<content hash>" in the key
                                  parameters, and a file path elsewhere as "file", never the path

            flags.csv
              The same flags, one row each (RFC 4180, UTF-8): flag_id, sop_instance_uid,
              patient_pseudonym, sex, age_band, site, modality, view, category, severity, label, subgroup,
              note, reviewer, created_at, model_id, model_version, model_sha256, scores
              ("label=score;..."), explanation_maps (paths in this zip, ';'-separated).

            maps/<SOP Instance UID>/<first 12 hex digits of the model sha256>/<method>-target<k>-<digest>/
              image.npy, explanation.json   as described under explanations.
            """;
}
