package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the real reader and the real PS3.15 gate, on files written by our writer. */
class ImportCommandTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private JsonNode json() throws Exception {
        return Json.mapper().readTree(out.toString());
    }

    private Path workspace() {
        return dir.resolve("ws");
    }

    /** Two studies × two de-identified instances, 64×64. */
    private Path cohort() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 2; i++) {
                SyntheticImages.write(SyntheticImages.deidentified("2.25.9" + s + i, "2.25.8" + s, "2.25.7" + s), 64, 64,
                        in.resolve("s" + s + "_" + i + ".dcm"));
            }
        }
        return in;
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        Path in = cohort();
        assertThat(run("import", in.toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(0);
        JsonNode j = json();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("imported", "rejected", "quarantined", "deidentified", "duplicates", "studies", "errors");
        assertThat(j.get("imported").asInt()).isEqualTo(4);
        assertThat(j.get("studies").asInt()).isEqualTo(2);
        assertThat(j.get("errors").isArray()).isTrue();
        assertThat(j.get("errors")).isEmpty();

        assertThat(run("import", in.toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(0);
        assertThat(json().get("duplicates").asInt()).isEqualTo(4);
        assertThat(json().get("imported").asInt()).isZero();
        assertThat(json().get("studies").asInt()).isEqualTo(2);
    }

    @Test
    void identifyingFilesAreRejectedByDefaultWithExit1AndReason() throws Exception {
        Path f = dir.resolve("named.dcm");
        DicomDataset ds = SyntheticImages.deidentified("2.25.1", "2.25.2", "2.25.3").toBuilder()
                .put(DicomTags.PatientName, "PN", "Doe^Jane").remove(DicomTags.PatientIdentityRemoved).build();
        SyntheticImages.write(ds, 32, 32, f);
        Path notDicom = Files.writeString(dir.resolve("junk.dcm"), "not dicom at all, really not");
        assertThat(run("import", f.toString(), notDicom.toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(1);
        JsonNode j = json();
        assertThat(j.get("rejected").asInt()).isEqualTo(1);
        assertThat(j.get("errors")).hasSize(2);
        assertThat(j.get("errors").get(0).get("file").asText()).isEqualTo(f.toAbsolutePath().toString());
        assertThat(j.get("errors").get(0).get("reason").asText()).startsWith("not de-identified").contains("PatientName").doesNotContain("Doe");
        assertThat(j.get("errors").get(1).get("file").asText()).isEqualTo(notDicom.toAbsolutePath().toString());
        assertThat(err.toString()).contains(notDicom.toAbsolutePath().toString());

        assertThat(run("import", f.toString(), "--workspace", workspace().toString(), "--policy", "deidentify", "--json")).isEqualTo(0);
        assertThat(json().get("deidentified").asInt()).isEqualTo(1);
        assertThat(json().get("studies").asInt()).isEqualTo(1);
        try (var copies = Files.list(workspace().resolve("deidentified"))) {
            assertThat(copies.toList()).hasSize(1);
        }
        assertThat(run("import", f.toString(), "--workspace", workspace().toString(), "--policy", "deidentify", "--json")).isEqualTo(0);
        assertThat(json().get("duplicates").asInt()).isEqualTo(1);

        assertThat(run("import", f.toString(), "--workspace", dir.resolve("ws2").toString(), "--policy", "QUARANTINE", "--json")).isEqualTo(0);
        assertThat(json().get("quarantined").asInt()).isEqualTo(1);
        assertThat(json().get("studies").asInt()).isZero();
    }

    @Test
    void deidentifiedCopyKeepsTheSubgroupAttributesOfTheOriginalInTheCatalog() throws Exception {
        Path f = dir.resolve("identified.dcm");
        DicomDataset ds = SyntheticImages.deidentified("2.25.41", "2.25.42", "2.25.43").toBuilder()
                .put(DicomTags.PatientName, "PN", "Doe^Jane").remove(DicomTags.PatientIdentityRemoved)
                .put(DicomTags.PatientSex, "CS", "F").put(DicomTags.PatientAge, "AS", "047Y")
                .put(DicomTags.InstitutionName, "LO", "St Elsewhere").put(DicomTags.Manufacturer, "LO", "Acme")
                .build();
        SyntheticImages.write(ds, 32, 32, f);
        assertThat(run("import", f.toString(), "--workspace", workspace().toString(), "--policy", "deidentify", "--json")).isEqualTo(0);
        try (Catalog catalog = Catalog.open(workspace().resolve("catalog.sqlite"))) {
            var instances = catalog.instances().all();
            assertThat(instances).hasSize(1);
            var attributes = instances.get(0).instance().attributes();
            assertThat(instances.get(0).instance().sopInstanceUid()).isNotEqualTo("2.25.41");
            assertThat(attributes.sex()).isEqualTo(org.glassbox.core.model.Sex.FEMALE);
            assertThat(attributes.ageYears()).isEqualTo(47.0);
            assertThat(attributes.siteKey()).isNotBlank().doesNotContain("Elsewhere");
            assertThat(attributes.manufacturer()).isEqualTo("Acme");
        }
    }

    @Test
    void dicomdirWrittenByDcmtkImportsTheFilesItReferences() throws Exception {
        org.glassbox.core.testing.ExternalTools.require("/usr/bin/dcmmkdir", "dcmtk");
        Path media = Files.createDirectories(dir.resolve("media/IMAGES"));
        for (int i = 0; i < 3; i++) {
            // dcmmkdir requires PatientName; a pseudonym is what a de-identified file carries.
            DicomDataset ds = SyntheticImages.deidentified("2.25.60" + i, "2.25.61", "2.25.62").toBuilder()
                    .put(DicomTags.PatientName, "PN", "GB-62").build();
            SyntheticImages.write(ds, 16, 16, media.resolve("IM" + i));
        }
        Process p = new ProcessBuilder("dcmmkdir", "--invent", "--recurse", "--output-file", "DICOMDIR", "IMAGES")
                .directory(dir.resolve("media").toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        assertThat(run("import", dir.resolve("media/DICOMDIR").toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(0);
        assertThat(json().get("imported").asInt()).isEqualTo(3);
        assertThat(json().get("studies").asInt()).isEqualTo(1);
        // The folder holding the same files and the DICOMDIR: each file once, all duplicates now.
        assertThat(run("import", dir.resolve("media").toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(0);
        assertThat(json().get("duplicates").asInt()).isEqualTo(3);
    }

    @Test
    void usageErrorsExit2() {
        assertThat(run("import", "x", "--policy", "shred")).isEqualTo(2);
        assertThat(err.toString()).contains("--policy must be reject, quarantine or deidentify");
        assertThat(run("import")).isEqualTo(2);
    }

    @Test
    void truthCsvIsStoredAndAMalformedOneStopsBeforeImporting() throws Exception {
        Path in = cohort();
        Path bad = Files.writeString(dir.resolve("bad.csv"), "sop_instance_uid,nodule\n2.25.900,1\n2.25.901\n");
        assertThat(run("import", in.toString(), "--workspace", workspace().toString(), "--truth", bad.toString(), "--json")).isEqualTo(1);
        assertThat(err.toString()).contains(bad.toString()).contains("line 3: expected 2 fields, found 1");
        assertThat(out.toString()).isEmpty();
        assertThat(workspace().resolve("catalog.sqlite")).doesNotExist();

        Path good = Files.writeString(dir.resolve("truth.csv"), "sop_instance_uid,nodule,effusion,sex\n2.25.900,1,0,F\n2.25.901,0,1,M\n");
        assertThat(run("import", in.toString(), "--workspace", workspace().toString(), "--truth", good.toString(), "--json")).isEqualTo(0);
        assertThat(err.toString()).contains("2 match catalogued instances");
        try (Catalog c = Catalog.open(workspace().resolve("catalog.sqlite"))) {
            assertThat(c.truth().find("2.25.900").orElseThrow().labels()).containsEntry("nodule", true).containsEntry("effusion", false);
            assertThat(c.truth().labelNames()).containsExactly("effusion", "nodule");
        }
    }

    /** The reviewer's dcmodify case: an identified file falsely declaring PatientIdentityRemoved = YES. */
    @Test
    void aFalselyDeclaredFileIsRejectedAndItsPatientIdNeverReachesTheCatalog() throws Exception {
        Path f = dir.resolve("false.dcm");
        DicomDataset ds = SyntheticImages.deidentified("2.25.51", "2.25.52", "2.25.53").toBuilder()
                .put(DicomTags.PatientName, "PN", "DOE^JOHN")
                .put(DicomTags.PatientID, "LO", "MRN12345")
                .put(DicomTags.AccessionNumber, "SH", "ACC999")
                .put(DicomTags.StudyID, "SH", "STUDY77")
                .put(DicomTags.ReferringPhysicianName, "PN", "WELBY^MARCUS")
                .put(DicomTags.InstitutionName, "LO", "St Elsewhere Hospital")
                .put(0x00081070, "PN", "SMITH^JANE")
                .build();
        SyntheticImages.write(ds, 32, 32, f);
        assertThat(run("import", f.toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(1);
        assertThat(json().get("rejected").asInt()).isEqualTo(1);
        assertThat(json().get("errors").get(0).get("reason").asText()).contains("PatientName", "AccessionNumber", "StudyID",
                "ReferringPhysicianName", "OperatorsName").doesNotContain("DOE", "ACC999", "MRN12345");

        // A file that passes the gate with a Patient ID still never puts it in the catalog.
        Path ok = dir.resolve("ok.dcm");
        SyntheticImages.write(SyntheticImages.deidentified("2.25.61", "2.25.62", "2.25.63").toBuilder()
                .put(DicomTags.PatientID, "LO", "MRN12345").build(), 32, 32, ok);
        assertThat(run("import", ok.toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(0);
        assertThat(json().get("imported").asInt()).isEqualTo(1);
        try (Catalog c = Catalog.open(workspace().resolve("catalog.sqlite"))) {
            assertThat(c.studies().all()).singleElement().satisfies(st -> assertThat(st.patientPseudonym()).doesNotContain("MRN12345"));
        }
    }

    /** The synthetic cohort declares 113100, 113107, 113108, 113112 and must pass the gate as it is. */
    @Test
    void generatedCohortPassesTheGate() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(run("generate", "--out", cohort.toString(), "--studies", "3", "--size", "64")).isEqualTo(0);
        assertThat(run("import", cohort.toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(0);
        assertThat(json().get("imported").asInt()).isEqualTo(3);
        assertThat(json().get("errors")).isEmpty();
    }

    @Test
    void humanSummaryListsTheGatesReasonsOnStderr() throws Exception {
        Path f = dir.resolve("named.dcm");
        SyntheticImages.write(SyntheticImages.deidentified("2.25.71", "2.25.72", "2.25.73").toBuilder()
                .put(DicomTags.PatientName, "PN", "Doe^Jane").build(), 32, 32, f);
        assertThat(run("import", f.toString(), "--workspace", workspace().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("de-identification findings (files):")
                .containsPattern("glassbox import: +1  PatientName does not look like a dummy")
                .doesNotContain("Doe");
        try (Catalog c = Catalog.open(workspace().resolve("catalog.sqlite"))) {
            long id = c.importLog().all().get(0).id();
            assertThat(c.importLog().deidReasons(id)).containsOnlyKeys(
                    "PatientName does not look like a dummy or pseudonym although the file is declared de-identified (Basic Profile action Z)");
        }
    }

    @Test
    void truthSiteIsStoredAsTheSameKeyedHashAsInstitutionNameAndIdentifiersAreRefused() throws Exception {
        Path in = cohort();
        Path named = Files.writeString(dir.resolve("named.csv"), "sop_instance_uid,nodule,patient_name\n2.25.900,1,Doe^Jane\n");
        assertThat(run("import", in.toString(), "--workspace", workspace().toString(), "--truth", named.toString())).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString().contains("column 'patient_name'").doesNotContain("Doe");

        Path truth = Files.writeString(dir.resolve("truth.csv"), "sop_instance_uid,nodule,site\n2.25.900,1,Bench Site\n");
        assertThat(run("import", in.toString(), "--workspace", workspace().toString(), "--truth", truth.toString())).isEqualTo(0);
        try (Catalog c = Catalog.open(workspace().resolve("catalog.sqlite"))) {
            String stored = c.truth().find("2.25.900").orElseThrow().attributes().get("site");
            assertThat(stored).isNotEqualTo("Bench Site")
                    .isEqualTo(c.instances().find("2.25.900").orElseThrow().instance().attributes().siteKey());
        }
        for (String f : new String[] {"catalog.sqlite", "catalog.sqlite-wal"}) {
            Path p = workspace().resolve(f);
            if (Files.exists(p)) {
                assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Bench Site");
            }
        }
    }

    @Test
    void aFolderWithNothingToImportIsReportedOnStderr() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing here");
        assertThat(run("import", empty.toString(), "--workspace", workspace().toString(), "--json")).isEqualTo(0);
        assertThat(err.toString()).contains(empty + ": nothing to import");
        assertThat(json().get("imported").asInt()).isZero();
    }
}
