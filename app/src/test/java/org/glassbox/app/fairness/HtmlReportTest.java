package org.glassbox.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.glassbox.explain.compare.ModelComparer;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessAuditor;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    static final String HOSTILE = "<script>alert('x')</script>";
    static final String AMP = "a\"b&c\u0001";

    @TempDir
    Path tmp;

    /**
     * 400 cases over three sites (one named like a script, one with quote, ampersand and a control
     * character); site 2's scores are noisier. The truth is the same for every seed (its own stream);
     * the seed draws the score noise.
     */
    static AuditCohort cohort(long seed, double noise) {
        Random truths = new Random(99);
        Random r = new Random(seed);
        AuditCohort.Builder b = AuditCohort.builder();
        String[] sites = {"North", HOSTILE, AMP};
        for (int i = 0; i < 400; i++) {
            int site = i % 3;
            byte truth = (byte) (truths.nextDouble() < 0.3 ? 1 : 0);
            double s = 1 / (1 + Math.exp(-((truth == 1 ? 1.5 : -1.5) + r.nextGaussian() * (site == 2 ? 2.5 : noise))));
            b.add("case-" + i, Map.of("finding", s), Map.of("finding", truth), Map.of("site", sites[site], "sex", i % 2 == 0 ? "F" : "M"));
        }
        return b.build();
    }

    static FairnessAudit audit(AuditCohort c) {
        return new FairnessAuditor().audit(c, FairnessSettings.defaults(List.of(Grouping.of("site"), Grouping.parse("sex*site")))
                .withBootstrap(100, 7).withMinPositives(40));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void auditReportIsWellFormedSelfContainedAndEscapesHostileNames() throws Exception {
        AuditCohort c = cohort(1, 1.0);
        FairnessAudit audit = audit(c);
        LoadedCohort loaded = new LoadedCohort(c, "test <source>", List.of("ab" + "0".repeat(62)), Map.of("no truth", 3));
        String html = HtmlReport.audit(audit, loaded, Map.of("demo:1", "ab" + "0".repeat(62)), AgeBands.DEFAULT);

        Document doc = parse(html);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/1999/xhtml");
        NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        // Per grouping: one forest plot per forest metric, a ROC chart and a reliability chart.
        assertThat(svgs.getLength()).isEqualTo(2 * (HtmlReport.FOREST.size() + 2));
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").contains("a&quot;b&amp;c\uFFFD");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=").doesNotContain("url(").doesNotContain("@import");
        assertThat(doc.getDocumentElement().getTextContent()).contains("test <source>").contains(HOSTILE);

        // The numbers of the report: every subgroup's n, AUC and its CI, and the chosen threshold.
        String text = doc.getDocumentElement().getTextContent();
        var site = audit.labels().get(0).grouping("site");
        for (SubgroupResult s : site.subgroups()) {
            var auc = s.metric(Metric.AUC);
            assertThat(text).contains(Markup.num(auc.value()) + " [" + Markup.num(auc.ciLower()) + ", " + Markup.num(auc.ciUpper()) + "]");
        }
        assertThat(text).contains(Markup.num(audit.labels().get(0).threshold())).contains("seed 7").contains("100 stratified resamples");
        boolean anyFlag = site.disparities().stream().anyMatch(d -> d.flagged());
        assertThat(anyFlag).as("the noisy site is flagged").isTrue();
        assertThat(text).contains("FLAG");
        // Hostile names reach the SVG charts as escaped text too.
        boolean hostileInSvg = false;
        for (int i = 0; i < svgs.getLength(); i++) {
            hostileInSvg |= ((Element) svgs.item(i)).getTextContent().contains(HOSTILE);
        }
        assertThat(hostileInSvg).isTrue();
    }

    @Test
    void comparisonReportIsWellFormedAndListsTheFlips() throws Exception {
        AuditCohort a = cohort(1, 1.0);
        AuditCohort b = cohort(2, 0.6);
        FairnessSettings settings = FairnessSettings.defaults(List.of(Grouping.of("site"))).withBootstrap(50, 3);
        ModelComparison c = new ModelComparer().compare(a, b, settings);
        LoadedCohort la = new LoadedCohort(a, "A", List.of(), Map.of());
        LoadedCohort lb = new LoadedCohort(b, "B", List.of(), Map.of());
        String html = HtmlReport.compare(c, la, lb, Map.of(), new FairnessAuditor().audit(a, settings), new FairnessAuditor().audit(b, settings), null);
        Document doc = parse(html);
        String text = doc.getDocumentElement().getTextContent();
        var overall = c.labels().get(0).overall().auc();
        assertThat(text).contains(Markup.num(overall.aucA())).contains(Markup.num(overall.aucB())).contains(Markup.num(overall.difference()));
        assertThat(c.labels().get(0).flips()).isNotEmpty();
        assertThat(text).contains(c.labels().get(0).flips().size() + " case(s) decided differently")
                .contains(c.labels().get(0).flips().get(0).caseId());
        assertThat(html).doesNotContain(HOSTILE);
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFile() throws Exception {
        Path out = tmp.resolve("sub/report.html");
        HtmlReport.write(out, "<html/>");
        assertThat(out).hasContent("<html/>");
        try (var files = Files.list(out.getParent())) {
            assertThat(files.toList()).containsExactly(out);
        }
    }
}
