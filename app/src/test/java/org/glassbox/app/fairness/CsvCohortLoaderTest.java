package org.glassbox.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.explain.fairness.AuditCohort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvCohortLoaderTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private LoadedCohort load(String scores) throws Exception {
        return new CsvCohortLoader().load(file("scores.csv", scores), null, List.of());
    }

    @Test
    void readsScoresTruthAndAttributesWithRfc4180Quoting() throws Exception {
        LoadedCohort c = load("\uFEFFid,score_effusion,truth_effusion,site,sex\n"
                + "a,0.9,1,\"North, \"\"main\"\"\",F\n"
                + "b,0.25,0,\"multi\nline\",M\n"
                + "c,1e-1,,South,\n");
        AuditCohort cohort = c.cohort();
        assertThat(cohort.caseIds()).containsExactly("a", "b");
        assertThat(cohort.labels()).containsExactly("effusion");
        assertThat(cohort.scores("effusion")).containsExactly(0.9, 0.25);
        assertThat(cohort.truth("effusion")).containsExactly(1, 0);
        assertThat(cohort.attribute("site")).containsExactly("North, \"main\"", "multi\nline");
        assertThat(c.exclusions()).containsEntry("no truth for any audited label", 1);
        assertThat(c.modelHashes()).isEmpty();
    }

    @Test
    void joinsATruthFileOnIdWithExtraAttributes() throws Exception {
        Path scores = file("s.csv", "id,score_x\nu1,0.2\nu2,0.7\nu3,0.5\n");
        Path truth = file("t.csv", "sop_instance_uid,x,race,insurance\nu1,0,A,public\nu2,1,B,private\nu9,1,C,none\n");
        LoadedCohort c = new CsvCohortLoader().load(scores, truth, List.of());
        assertThat(c.cohort().caseIds()).containsExactly("u1", "u2");
        assertThat(c.cohort().truth("x")).containsExactly(0, 1);
        assertThat(c.cohort().attribute("race")).containsExactly("A", "B");
        assertThat(c.cohort().attribute("insurance")).containsExactly("public", "private");
        assertThat(c.exclusions()).containsEntry("rows of t.csv matching no scored case (ignored)", 1)
                .containsEntry("no truth for any audited label", 1);
    }

    @Test
    void joinsATruthFileOnPatientId() throws Exception {
        Path scores = file("s.csv", "id,patient_id,score_x\ni1,p1,0.2\ni2,p1,0.4\ni3,p2,0.9\n");
        Path truth = file("t.csv", "patient_id,truth_x,ethnicity\np1,0,E1\np2,1,E2\n");
        AuditCohort c = new CsvCohortLoader().load(scores, truth, List.of()).cohort();
        assertThat(c.truth("x")).containsExactly(0, 0, 1);
        assertThat(c.attribute("ethnicity")).containsExactly("E1", "E1", "E2");
    }

    @Test
    void badValuesAreRefusedNamingLineAndColumn() {
        assertThatThrownBy(() -> load("id,score_x,truth_x\na,0.1,0\nb,abc,1\n"))
                .isInstanceOf(CohortInputException.class).hasMessageEndingWith("scores.csv line 3, column 'score_x': 'abc' is not a number");
        assertThatThrownBy(() -> load("id,score_x,truth_x\na,1.5,0\n")).hasMessageContaining("line 2, column 'score_x': score 1.5 is outside [0, 1]");
        assertThatThrownBy(() -> load("id,score_x,truth_x\na,NaN,0\n")).hasMessageContaining("'NaN' is not a number");
        assertThatThrownBy(() -> load("id,score_x,truth_x\na,,0\n")).hasMessageContaining("line 2, column 'score_x': missing score");
        assertThatThrownBy(() -> load("id,score_x,truth_x\na,0.5,2\n")).hasMessageContaining("line 2, column 'truth_x': truth '2' is not 0, 1 or blank");
        assertThatThrownBy(() -> load("id,score_x,truth_x\na,0.5,1\na,0.6,0\n")).hasMessageContaining("line 3, column 'id': id 'a' appears twice");
        assertThatThrownBy(() -> load("id,score_x,truth_x\na,0.5\n")).hasMessageContaining("line 2: expected 3 fields, found 2");
    }

    @Test
    void badStructureIsRefused() {
        assertThatThrownBy(() -> load("id,score_x\na,0.5\n")).hasMessageContaining("no truth for label 'x'");
        assertThatThrownBy(() -> load("case,score_x,truth_x\na,0.5,1\n")).hasMessageContaining("no 'id' column");
        assertThatThrownBy(() -> load("id,truth_x\na,1\n")).hasMessageContaining("no score_<label> column");
        assertThatThrownBy(() -> load("id,score_x,truth_y\na,0.5,1\n")).hasMessageContaining("'truth_y' has no score_y column");
        assertThatThrownBy(() -> load("id,score_x,truth_x,patient_name\na,0.5,1,Doe\n"))
                .hasMessageContaining("column 'patient_name' names a direct identifier");
        assertThatThrownBy(() -> load("id,score_x,truth_x,Score_X\na,0.5,1,0.2\n")).hasMessageContaining("column 'Score_X' appears twice");
        assertThatThrownBy(() -> load("id,score_x,truth_x,site\na,0.5,1,\"open\n")).hasMessageContaining("malformed CSV");
        assertThatThrownBy(() -> load("")).hasMessageContaining("empty file");
        assertThatThrownBy(() -> new CsvCohortLoader().load(file("s.csv", "id,score_x,truth_x\na,0.5,1\n"), null, List.of("y")))
                .hasMessageContaining("unknown label 'y'; labels with scores: x");
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        Path p = tmp.resolve("latin1.csv");
        Files.write(p, "id,score_x,truth_x,site\na,0.5,1,K\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new CsvCohortLoader().load(p, null, List.of())).hasMessageContaining("not UTF-8");
    }
}
