package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.core.catalog.AuditRecord;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FairnessRunTest {
    static final RegisteredModel MODEL = new RegisteredModel("demo", "1", "dl4j", "ab".repeat(32), "/nowhere", "{}", Instant.EPOCH);

    @TempDir
    Path ws;

    final SyntheticAuditCohort data = new SyntheticAuditCohort(120, 3);

    private List<AuditRecord> auditLog() {
        List<AuditRecord> out = new ArrayList<>();
        try (Catalog c = Catalog.open(ws.resolve("catalog.sqlite"))) {
            c.audit().forEach(out::add);
        }
        return out;
    }

    @Test
    void anEmptyWorkspaceSaysItHasNoImages() {
        assertThatThrownBy(() -> new FairnessRun(ws).load(MODEL)).isInstanceOf(CohortInputException.class).hasMessageContaining("has no images");
    }

    @Test
    void anAuditIsRecordedAndItsReportWrittenAndRecordedByHashNeverByPath() throws Exception {
        FairnessRun run = new FairnessRun(ws, m -> data.loaded());
        FairnessSettings settings = FairnessSettings.defaults(List.of(Grouping.of("sex"))).withLabels(List.of(SyntheticAuditCohort.LABEL))
                .withBootstrap(100, 1);
        FairnessRun.Outcome o = run.audit(MODEL, run.load(MODEL), settings, new CancelToken(), ProgressListener.NONE);
        assertThat(o.audit().label(SyntheticAuditCohort.LABEL).grouping("sex").subgroups()).extracting(s -> s.name()).containsExactly("F", "M");
        Path html = ws.resolve("out").resolve("report.html");
        Files.createDirectories(html.getParent());
        String sha = run.exportHtml(o, html);

        byte[] written = Files.readAllBytes(html);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(written))).isEqualTo(sha);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("Fairness audit").contains("demo:1");
        try (var listing = Files.list(html.getParent())) {
            assertThat(listing.toList()).containsExactly(html); // no temp file left beside it
        }
        List<AuditRecord> log = auditLog();
        assertThat(log).extracting(AuditRecord::action).containsExactly("FAIRNESS_AUDIT", "EXPORT");
        assertThat(log.get(0).objectsJson()).contains("model:" + MODEL.sha256());
        assertThat(log.get(0).parametersJson()).contains("\"by\":\"sex\"").contains("\"bootstrap\":100");
        assertThat(log.get(1).objectsJson()).contains("export:" + sha);
        assertThat(log.get(1).objectsJson() + log.get(1).parametersJson()).doesNotContain("report.html").doesNotContain(ws.toString());
    }

    @Test
    void anUnknownAttributeIsOneLineAndNothingIsRecorded() throws Exception {
        FairnessRun run = new FairnessRun(ws, m -> data.loaded());
        FairnessSettings settings = FairnessSettings.defaults(List.of(Grouping.of("ethnicity"))).withBootstrap(0, 1);
        assertThatThrownBy(() -> run.audit(MODEL, run.load(MODEL), settings, new CancelToken(), ProgressListener.NONE))
                .isInstanceOf(CohortInputException.class).hasMessageContaining("unknown attribute 'ethnicity'");
        assertThat(Files.exists(ws.resolve("catalog.sqlite")) ? auditLog() : List.of()).isEmpty();
    }

    @Test
    void aCancelledAuditStopsAndIsNotRecorded() throws Exception {
        FairnessRun run = new FairnessRun(ws, m -> data.loaded());
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        FairnessSettings settings = FairnessSettings.defaults(List.of(Grouping.of("sex"))).withBootstrap(500, 1);
        assertThatThrownBy(() -> run.audit(MODEL, run.load(MODEL), settings, cancel, ProgressListener.NONE))
                .isInstanceOf(CancellationException.class);
        assertThat(Files.exists(ws.resolve("catalog.sqlite")) ? auditLog() : List.of()).isEmpty();
    }
}
