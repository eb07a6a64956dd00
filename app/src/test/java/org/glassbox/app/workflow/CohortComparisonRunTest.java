package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.fairness.CsvCohortLoader;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.compare.ModelComparer;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.ThresholdRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortComparisonRunTest {
    @TempDir
    Path tmp;

    /** {@code n} seeded cases c0…; the first {@code skip} are left out. */
    private LoadedCohort cohort(String name, long seed, int n, int skip, double noise) throws Exception {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("id,score_effusion,truth_effusion,sex\n");
        for (int i = 0; i < n; i++) {
            int t = i % 5 < 2 ? 1 : 0;
            double s = 1 / (1 + Math.exp(-((t == 1 ? 1.2 : -1.2) + r.nextGaussian() * noise)));
            if (i >= skip) {
                b.append(String.format(Locale.ROOT, "c%d,%.6f,%d,%s%n", i, s, t, i % 2 == 0 ? "F" : "M"));
            }
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, b, StandardCharsets.UTF_8);
        return new CsvCohortLoader().load(p, null, List.of());
    }

    @Test
    void compareIsTheModelComparerOnTheLoadedCohorts() throws Exception {
        LoadedCohort a = cohort("a.csv", 1, 200, 0, 1.5);
        LoadedCohort b = cohort("b.csv", 2, 200, 20, 0.7);
        FairnessSettings s = FairnessSettings.defaults(List.of(Grouping.parse("sex")));
        ModelComparison c = new CohortComparisonRun().compare(a, b, s);
        assertThat(c).isEqualTo(new ModelComparer().compare(a.cohort(), b.cohort(), s));
        assertThat(c.paired()).isEqualTo(180);
        assertThat(c.onlyInA()).isEqualTo(20);
    }

    @Test
    void aMissingGroupingAttributeIsACohortInputError() throws Exception {
        LoadedCohort a = cohort("a.csv", 1, 50, 0, 1);
        assertThatThrownBy(() -> new CohortComparisonRun().compare(a, a, FairnessSettings.defaults(List.of(Grouping.parse("site")))))
                .isInstanceOf(CohortInputException.class).hasMessageContaining("site");
    }

    @Test
    void pairedAuditsDescribeTheSameCasesForBothModels() throws Exception {
        LoadedCohort a = cohort("a.csv", 1, 200, 0, 1.5);
        LoadedCohort b = cohort("b.csv", 2, 200, 20, 0.7);
        FairnessSettings s = FairnessSettings.defaults(List.of(Grouping.parse("sex"))).withBootstrap(50, 3);
        CohortComparisonRun run = new CohortComparisonRun();
        CohortComparisonRun.PairedAudits gaps = run.pairedAudits(a, b, run.compare(a, b, s), s);
        var ga = gaps.a().label("effusion").groupings().get(0);
        var gb = gaps.b().label("effusion").groupings().get(0);
        assertThat(ga.subgroups()).hasSize(2);
        for (int k = 0; k < 2; k++) {
            assertThat(ga.subgroups().get(k).name()).isEqualTo(gb.subgroups().get(k).name());
            assertThat(ga.subgroups().get(k).n()).isEqualTo(gb.subgroups().get(k).n());
        }
        assertThat(ga.subgroups().stream().mapToInt(x -> x.n()).sum()).isEqualTo(180); // A's 20 unpaired cases left out
    }

    @Test
    void registeredModelsNeedScoresInTheWorkspaceAndMustDiffer() throws IOException {
        Workspace ws = Workspace.open(tmp.resolve("ws"));
        Catalog.open(ws.catalogFile()).close();
        RegisteredModel v1 = new RegisteredModel("demo", "1", "dl4j", "a".repeat(64), "/m", "{}", Instant.EPOCH);
        RegisteredModel v2 = new RegisteredModel("demo", "2", "dl4j", "b".repeat(64), "/m", "{}", Instant.EPOCH);
        CohortComparisonRun run = new CohortComparisonRun();
        assertThatThrownBy(() -> run.compareRegistered(ws.root(), v1, v1, null, new ThresholdRule.Youden()))
                .isInstanceOf(CohortInputException.class).hasMessageContaining("same package");
        assertThatThrownBy(() -> run.compareRegistered(ws.root(), v1, v2, null, new ThresholdRule.Youden()))
                .isInstanceOf(CohortInputException.class).hasMessageContaining("has no images");
        assertThatThrownBy(() -> CohortComparisonRun.fromCatalog(tmp.resolve("nowhere"), "a".repeat(64), "demo:1", null, List.of(), AgeBands.DEFAULT))
                .isInstanceOf(CohortInputException.class).hasMessageContaining("no workspace at");
    }
}
