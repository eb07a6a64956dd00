package org.glassbox.app.ui.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.ui.Jobs;
import org.glassbox.app.workflow.CaseSet;
import org.glassbox.app.workflow.FairnessRun;
import org.glassbox.app.workflow.SyntheticAuditCohort;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.LabelAudit;
import org.glassbox.explain.fairness.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's state, headless: work runs synchronously, on a synthetic cohort, with the real auditor. */
class FairnessViewModelTest {
    static final RegisteredModel SCORED = new RegisteredModel("demo", "1", "dl4j", "a".repeat(64), "/p1", "{}", Instant.EPOCH);
    static final RegisteredModel UNSCORED = new RegisteredModel("demo", "2", "dl4j", "b".repeat(64), "/p2", "{}", Instant.EPOCH);

    @TempDir
    Path ws;

    final SyntheticAuditCohort data = new SyntheticAuditCohort(200, 11);
    final List<String> listedJobs = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    final List<String> shownWhy = new ArrayList<>();
    final List<Collection<String>> shownUids = new ArrayList<>();

    /** Runs the work at once on this thread, as Jobs would later on the FX thread. */
    final FairnessViewModel.Background now = new FairnessViewModel.Background() {
        @Override
        public <T> void run(String title, boolean listed, Jobs.Work<T> work, Consumer<T> onSuccess, Runnable onEnd) {
            if (listed) {
                listedJobs.add(title);
            }
            try {
                onSuccess.accept(work.run(ProgressListener.NONE, new CancelToken()));
            } catch (Exception e) {
                failures.add(e);
            } finally {
                onEnd.run();
            }
        }
    };

    private FairnessViewModel vm(ObservableList<RegisteredModel> models, RegisteredModel preferred) {
        FairnessRun run = new FairnessRun(ws, m -> {
            if (m.equals(UNSCORED)) {
                // what the catalog loader says for a model without scores
                return new FairnessRun(ws).load(m);
            }
            return data.loaded();
        });
        return new FairnessViewModel(models, new SimpleObjectProperty<>(preferred), run, now, (why, uids) -> {
            shownWhy.add(why);
            shownUids.add(uids);
        });
    }

    private FairnessViewModel ran(String groupings) {
        FairnessViewModel vm = vm(FXCollections.observableArrayList(SCORED), null);
        vm.groupingsProperty().set(groupings);
        vm.resamplesProperty().set(200);
        vm.runAudit();
        assertThat(failures).isEmpty();
        return vm;
    }

    private List<String> expected(java.util.function.Predicate<SyntheticAuditCohort.Case> p) {
        return data.cases().stream().filter(c -> !Double.isNaN(c.score())).filter(p).map(SyntheticAuditCohort.Case::uid).toList();
    }

    @Test
    void theChosenModelsCohortLoadsAndOffersItsLabelsAndAttributes() {
        FairnessViewModel vm = vm(FXCollections.observableArrayList(UNSCORED, SCORED), SCORED);
        assertThat(vm.modelProperty().get()).isEqualTo(SCORED);
        assertThat(vm.labels()).containsExactly(SyntheticAuditCohort.LABEL);
        assertThat(vm.labelProperty().get()).isEqualTo(SyntheticAuditCohort.LABEL);
        assertThat(vm.attributes()).containsExactly("sex", "site");
        assertThat(vm.canRunProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).startsWith("200 scored cases");
        assertThat(listedJobs).isEmpty(); // loading is a quick read, not a listed job
    }

    @Test
    void withoutScoresTheDashboardSaysWhyAndOffersNoRun() {
        FairnessViewModel vm = vm(FXCollections.observableArrayList(UNSCORED, SCORED), UNSCORED);
        assertThat(vm.cohortProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).contains("has no images");
        assertThat(vm.canRunProperty().get()).isFalse();
        assertThat(vm.labels()).isEmpty();
        vm.runAudit();
        assertThat(listedJobs).isEmpty();
        assertThat(vm.rows()).isEmpty();

        vm.modelProperty().set(SCORED);
        assertThat(vm.canRunProperty().get()).isTrue();
        vm.groupingsProperty().set("sex");
        vm.runAudit();
        assertThat(vm.rows()).isNotEmpty();
        vm.modelProperty().set(UNSCORED);
        assertThat(vm.rows()).as("results of another model are not left on show").isEmpty();
        assertThat(vm.outcomeProperty().get()).isNull();
    }

    @Test
    void noModelsSaysSo() {
        FairnessViewModel vm = vm(FXCollections.observableArrayList(), null);
        assertThat(vm.messageProperty().get()).contains("No models registered");
        assertThat(vm.canRunProperty().get()).isFalse();
    }

    @Test
    void aModelRegisteredLaterIsChosenAndLoaded() {
        ObservableList<RegisteredModel> models = FXCollections.observableArrayList();
        FairnessViewModel vm = vm(models, null);
        models.setAll(SCORED);
        assertThat(vm.modelProperty().get()).isEqualTo(SCORED);
        assertThat(vm.cohortProperty().get()).isNotNull();
    }

    @Test
    void aRunFillsTheTableAndChartsAsAListedJob() {
        FairnessViewModel vm = ran("sex, sex*site");
        assertThat(listedJobs).singleElement().asString().contains("Fairness audit").contains("demo 1");
        assertThat(vm.busyProperty().get()).isFalse();
        LabelAudit l = vm.outcomeProperty().get().audit().label(SyntheticAuditCohort.LABEL);
        assertThat(vm.rows().get(0).grouping()).isNull();
        assertThat(vm.rows().get(0).result().n()).isEqualTo(199);
        assertThat(vm.rows()).hasSize(1 + 2 + l.grouping("sex × site").subgroups().size());
        assertThat(vm.rows()).filteredOn(r -> r.grouping() != null && r.grouping().name().equals("sex")).extracting(SubgroupRow::subgroup)
                .containsExactly("F", "M");
        SubgroupRow reference = vm.rows().stream().filter(r -> r.groupingName().equals("sex") && r.reference()).findFirst().orElseThrow();
        SubgroupRow other = vm.rows().stream().filter(r -> r.groupingName().equals("sex") && !r.reference()).findFirst().orElseThrow();
        assertThat(reference.disparities()).isEmpty();
        assertThat(other.disparity(Metric.AUC)).isNotNull();
        assertThat(other.disparity(Metric.AUC).reference()).isEqualTo(reference.subgroup());
        assertThat(vm.chartGroupings()).containsExactly("sex", "sex × site");
        assertThat(vm.chartGroupingProperty().get()).isEqualTo("sex");
        assertThat(vm.chartRows()).extracting(SubgroupRow::groupingName).containsExactly("all", "sex", "sex");
        vm.chartGroupingProperty().set("sex × site");
        assertThat(vm.chartRows()).hasSize(1 + l.grouping("sex × site").subgroups().size());
        assertThat(vm.messageProperty().get()).contains("threshold").contains("flagged");
    }

    @Test
    void womensWeakerSeparationIsFlaggedOnTheirAucRow() {
        FairnessViewModel vm = ran("sex");
        SubgroupRow f = vm.rows().stream().filter(r -> r.subgroup().equals("F")).findFirst().orElseThrow();
        // the generator separates women's scores far less (0.8 vs 2.5 logits): a flagged AUC gap
        assertThat(f.metric(Metric.AUC).value()).isLessThan(vm.rows().stream().filter(r -> r.subgroup().equals("M")).findFirst().orElseThrow()
                .metric(Metric.AUC).value());
        assertThat(f.flagged(Metric.AUC)).isTrue();
        assertThat(EstimateText.tooltip(f.metric(Metric.AUC), f.disparity(Metric.AUC))).contains("flagged").contains("Holm p").contains("vs M");
    }

    @Test
    void aCellLeadsToItsSubgroupsCasesInTheWorklist() {
        FairnessViewModel vm = ran("sex, sex*site");
        double threshold = vm.outcomeProperty().get().audit().label(SyntheticAuditCohort.LABEL).threshold();
        SubgroupRow f = vm.rows().stream().filter(r -> r.groupingName().equals("sex") && r.subgroup().equals("F")).findFirst().orElseThrow();

        vm.showCases(f, CaseSet.forMetric(Metric.FNR));
        List<String> fn = expected(c -> "F".equals(c.sex()) && c.positive() && c.score() < threshold);
        assertThat(fn).isNotEmpty();
        assertThat(shownUids.get(0)).containsExactlyElementsOf(fn);
        assertThat(shownWhy.get(0)).isEqualTo(SyntheticAuditCohort.LABEL + " · sex=F · false negatives (" + fn.size() + ")");

        assertThat(vm.cases(f, CaseSet.ALL).sopInstanceUids()).containsExactlyElementsOf(expected(c -> "F".equals(c.sex())));
        assertThat(vm.cases(f, CaseSet.forMetric(Metric.TPR)).sopInstanceUids())
                .containsExactlyElementsOf(expected(c -> "F".equals(c.sex()) && c.positive()));
        assertThat(vm.cases(f, CaseSet.forMetric(Metric.TNR)).sopInstanceUids())
                .containsExactlyElementsOf(expected(c -> "F".equals(c.sex()) && !c.positive()));

        SubgroupRow mb = vm.rows().stream().filter(r -> r.subgroup().equals("M" + Grouping.CROSS + "B")).findFirst().orElseThrow();
        FairnessViewModel.CaseSelection s = vm.cases(mb, CaseSet.forMetric(Metric.FPR));
        assertThat(s.sopInstanceUids()).containsExactlyElementsOf(expected(c -> "M".equals(c.sex()) && c.site().equals("B") && !c.positive()
                && c.score() >= threshold));
        assertThat(s.why()).contains("sex × site=M × B").contains("false positives");

        vm.showCases(vm.rows().get(0), CaseSet.ALL);
        assertThat(shownUids.get(1)).hasSize(199);
        assertThat(shownWhy.get(1)).contains("all cases");
    }

    @Test
    void anEmptyCellSaysSoInsteadOfShowingAnEmptyWorklist() {
        FairnessViewModel vm = ran("sex");
        vm.thresholdProperty().set("1.0"); // nothing decided positive except scores of exactly 1
        vm.runAudit();
        SubgroupRow f = vm.rows().stream().filter(r -> r.subgroup().equals("F")).findFirst().orElseThrow();
        vm.showCases(f, CaseSet.FALSE_POSITIVES);
        assertThat(shownUids).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("No cases: ");
        assertThat(EstimateText.value(f.metric(Metric.PPV))).isEqualTo(EstimateText.UNDEFINED);
        assertThat(EstimateText.tooltip(f.metric(Metric.PPV), null)).startsWith("undefined: ");
    }

    @Test
    void badControlValuesAreOneLineAndRunNothing() {
        FairnessViewModel vm = vm(FXCollections.observableArrayList(SCORED), null);
        vm.groupingsProperty().set("sex, *site");
        vm.runAudit();
        assertThat(vm.messageProperty().get()).startsWith("Cannot run: groupings: ");
        vm.groupingsProperty().set("sex");
        vm.thresholdProperty().set("high");
        vm.runAudit();
        assertThat(vm.messageProperty().get()).startsWith("Cannot run: threshold rule: ").contains("'high'");
        assertThat(listedJobs).isEmpty();

        vm.thresholdProperty().set("youden");
        vm.groupingsProperty().set("sex, ethnicity");
        vm.runAudit();
        assertThat(vm.messageProperty().get()).startsWith("Cannot run: unknown attribute 'ethnicity'");
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.canRunProperty().get()).isTrue();
    }

    @Test
    void settingsFollowTheControls() {
        FairnessViewModel vm = vm(FXCollections.observableArrayList(SCORED), null);
        vm.groupingsProperty().set("sex, sex*site, sex");
        vm.thresholdProperty().set("sens:0.9");
        vm.resamplesProperty().set(300);
        var s = vm.settings();
        assertThat(s.groupings()).containsExactly(Grouping.of("sex"), Grouping.of("sex", "site"));
        assertThat(s.threshold().describe()).isEqualTo("sens:0.9");
        assertThat(s.bootstrapResamples()).isEqualTo(300);
        assertThat(s.labels()).containsExactly(SyntheticAuditCohort.LABEL);
    }

    @Test
    void addingAGroupingAppendsItOnce() {
        FairnessViewModel vm = vm(FXCollections.observableArrayList(SCORED), null);
        vm.groupingsProperty().set("sex");
        vm.addGrouping("site");
        vm.addGrouping("sex*site");
        vm.addGrouping("sex × site");
        vm.addGrouping("sex");
        assertThat(vm.groupingsProperty().get()).isEqualTo("sex, site, sex*site");
        vm.groupingsProperty().set("");
        vm.addGrouping("site");
        assertThat(vm.groupingsProperty().get()).isEqualTo("site");
    }

    @Test
    void aCatalogChangeKeepsTheAuditOnShowButAModelChangeClearsIt() {
        FairnessViewModel vm = ran("sex");
        var shown = vm.outcomeProperty().get();
        int rows = vm.rows().size();
        vm.catalogChanged(); // e.g. a flag set in another view
        assertThat(vm.outcomeProperty().get()).isSameAs(shown);
        assertThat(vm.rows()).hasSize(rows);
        assertThat(vm.messageProperty().get()).contains("flagged");
        assertThat(vm.canRunProperty().get()).isTrue();
    }

    @Test
    void anAuditFinishingAfterTheModelChangedIsNotShown() {
        // a background that holds the audit until released, as the compute thread would
        List<Runnable> held = new ArrayList<>();
        FairnessViewModel.Background later = new FairnessViewModel.Background() {
            @Override
            public <T> void run(String title, boolean listed, Jobs.Work<T> work, Consumer<T> onSuccess, Runnable onEnd) {
                Runnable r = () -> {
                    try {
                        onSuccess.accept(work.run(ProgressListener.NONE, new CancelToken()));
                    } catch (Exception e) {
                        failures.add(e);
                    } finally {
                        onEnd.run();
                    }
                };
                if (listed) {
                    held.add(r);
                } else {
                    r.run();
                }
            }
        };
        FairnessViewModel vm = new FairnessViewModel(FXCollections.observableArrayList(SCORED, UNSCORED), new SimpleObjectProperty<>(SCORED),
                new FairnessRun(ws, m -> m.equals(SCORED) ? data.loaded() : new FairnessRun(ws).load(m)), later, (why, uids) -> { });
        vm.groupingsProperty().set("sex");
        vm.runAudit();
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(vm.canRunProperty().get()).isFalse();
        vm.modelProperty().set(UNSCORED);
        held.forEach(Runnable::run);
        assertThat(failures).isEmpty();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.outcomeProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).contains("has no images");
    }

    @Test
    void theReportIsExportedAfterARun() throws Exception {
        FairnessViewModel vm = ran("sex");
        Path html = ws.resolve("exports").resolve("r.html");
        Files.createDirectories(html.getParent());
        vm.exportHtml(html);
        assertThat(failures).isEmpty();
        assertThat(Files.readString(html)).contains("Fairness audit").contains("sex");
        assertThat(vm.messageProperty().get()).isEqualTo("Report written: r.html");
    }
}
