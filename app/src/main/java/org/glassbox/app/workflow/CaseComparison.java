package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.PresentationParametersReader;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.viewer.render.MapFootprint;

/**
 * Two models on one catalogued image: the image as stored (first frame, with its presentation
 * pipeline), both models' scores per label, and each model's explanation map for one target label
 * with one method (via {@link CaseExplanations}: look, then explain; cached and audited). No JavaFX;
 * call on the workstation's compute thread (the models are not safe for concurrent calls).
 */
public final class CaseComparison {
    private final Path workspaceRoot;
    private final CaseExplanations explanations;

    public CaseComparison(Path workspaceRoot) throws IOException {
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        this.explanations = new CaseExplanations(workspaceRoot);
    }

    /**
     * What to compare.
     *
     * @param a      model A
     * @param b      model B
     * @param method explanation method used for both
     * @param target label to explain in both, or null for the label with the largest |score A − score B|
     */
    public record Request(RegisteredModel a, RegisteredModel b, ExplanationMethod method, String target) {
        public Request {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * Both models' scores for one label.
     *
     * @param label the label name
     * @param a     model A's score in [0, 1]; NaN when A has no such output
     * @param b     model B's score; NaN when B has no such output
     */
    public record LabelScores(String label, double a, double b) {
        /** |a − b|; NaN unless both models score the label. */
        public double difference() {
            return Math.abs(a - b);
        }
    }

    /**
     * @param sopInstanceUid the image
     * @param frame          its first frame, stored values
     * @param pipeline       its modality/VOI/inversion (from the header)
     * @param nameA          "id version" of A
     * @param nameB          "id version" of B
     * @param scores         per label: A's labels in order, then B's other labels
     * @param target         the label both maps explain
     * @param mapA           A's map (at A's input resolution)
     * @param mapB           B's map (at B's input resolution)
     * @param footprintA     where A's map lies on the frame (the part A's preprocessing keeps)
     * @param footprintB     where B's map lies on the frame
     */
    public record Result(String sopInstanceUid, FramePixels frame, GreyscalePipeline pipeline, String nameA, String nameB,
                         List<LabelScores> scores, String target, Explanation mapA, Explanation mapB, MapFootprint footprintA,
                         MapFootprint footprintB) {
        public Result {
            scores = List.copyOf(scores);
            Objects.requireNonNull(footprintA, "footprintA");
            Objects.requireNonNull(footprintB, "footprintB");
        }
    }

    /**
     * @throws IOException              the image is not in the catalog or cannot be read; a model cannot be loaded
     * @throws IllegalArgumentException no label that both models score, or a chosen target one of them lacks
     * @throws CancellationException    when {@code cancel} is set between steps
     */
    public Result run(ModelSessions sessions, String sopInstanceUid, Request request, CancelToken cancel, ProgressListener progress)
            throws IOException {
        progress.update(0, "Reading the image…");
        Path file = fileOf(sopInstanceUid);
        FramePixels frame;
        PresentationParameters p;
        try {
            DicomFile dicom = Dicom.reader().open(file);
            frame = dicom.frame(0);
            p = PresentationParametersReader.read(dicom);
        } catch (DicomReadException e) {
            throw new IOException(e.getMessage(), e);
        }
        GreyscalePipeline pipeline = new GreyscalePipeline(p.modality(), p.voiChoices().isEmpty() ? null : p.voiChoices().get(0).transform(),
                p.inverted());
        check(cancel);
        progress.update(0.05, "Loading " + request.a().id() + " and " + request.b().id() + "…");
        ModelSession a = sessions.open(request.a());
        ModelSession b = sessions.open(request.b());
        check(cancel);
        progress.update(0.15, "Scoring with both models…");
        CaseExplanations.ModelView viewA = explanations.look(a, file);
        CaseExplanations.ModelView viewB = explanations.look(b, file);
        List<LabelScores> scores = scores(a.labels(), viewA.scores(), b.labels(), viewB.scores());
        String target = request.target() != null ? request.target() : largestDifference(scores);
        if (target == null) {
            throw new IllegalArgumentException(a.displayName() + " and " + b.displayName() + " share no label (" + a.labels() + " vs " + b.labels() + ")");
        }
        int ta = a.labels().indexOf(target);
        int tb = b.labels().indexOf(target);
        if (ta < 0 || tb < 0) {
            throw new IllegalArgumentException("label '" + target + "' is not an output of " + (ta < 0 ? a.displayName() : b.displayName()));
        }
        check(cancel);
        progress.update(0.25, request.method().cliName() + " of " + a.displayName() + " on " + target + "…");
        Explanation ea = explanations.explain(a, sopInstanceUid, viewA, CaseExplanations.Request.of(request.method(), ta), cancel,
                (f, m) -> progress.update(0.25 + 0.35 * Math.max(0, f), m)).explanation();
        check(cancel);
        progress.update(0.6, request.method().cliName() + " of " + b.displayName() + " on " + target + "…");
        Explanation eb = explanations.explain(b, sopInstanceUid, viewB, CaseExplanations.Request.of(request.method(), tb), cancel,
                (f, m) -> progress.update(0.6 + 0.35 * Math.max(0, f), m)).explanation();
        progress.update(1, "Done");
        return new Result(sopInstanceUid, frame, pipeline, a.displayName(), b.displayName(), scores, target, ea, eb,
                MapFootprint.ofModelInput(a.preprocessor().spec(), frame.rows(), frame.columns()),
                MapFootprint.ofModelInput(b.preprocessor().spec(), frame.rows(), frame.columns()));
    }

    /** Per label name: A's labels in order, then B's others; NaN where a model lacks the label. */
    public static List<LabelScores> scores(List<String> labelsA, float[] scoresA, List<String> labelsB, float[] scoresB) {
        LinkedHashSet<String> all = new LinkedHashSet<>(labelsA);
        all.addAll(labelsB);
        List<LabelScores> out = new ArrayList<>();
        for (String label : all) {
            int ia = labelsA.indexOf(label);
            int ib = labelsB.indexOf(label);
            out.add(new LabelScores(label, ia < 0 ? Double.NaN : scoresA[ia], ib < 0 ? Double.NaN : scoresB[ib]));
        }
        return out;
    }

    /** The label both models score whose scores differ most (first such on ties); null when they share none. */
    public static String largestDifference(List<LabelScores> scores) {
        String best = null;
        double largest = -1;
        for (LabelScores s : scores) {
            double d = s.difference();
            if (!Double.isNaN(d) && d > largest) {
                largest = d;
                best = s.label();
            }
        }
        return best;
    }

    private Path fileOf(String sopInstanceUid) throws IOException {
        try (Catalog catalog = Catalog.open(workspaceRoot.resolve("catalog.sqlite"))) {
            return catalog.instances().find(sopInstanceUid).map(CataloguedInstance::file)
                    .orElseThrow(() -> new IOException("image " + sopInstanceUid + " is not in the workspace catalog"));
        }
    }

    private static void check(CancelToken cancel) {
        if (cancel.isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
