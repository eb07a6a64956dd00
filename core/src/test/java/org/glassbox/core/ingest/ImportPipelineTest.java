package org.glassbox.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CatalogException;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.ImportFileRecord;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.catalog.ImportRecord;
import org.glassbox.core.deid.DeidOutcome;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.Sex;
import org.glassbox.core.testing.FakeDeidGate;
import org.glassbox.core.testing.FakeDicom;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPipelineTest {
    @TempDir
    Path tmp;
    Path in;
    Workspace ws;

    @BeforeEach
    void setUp() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        ws = Workspace.open(tmp.resolve("ws"));
    }

    private ImportReport run(DeidPolicy policy, Path... paths) {
        return run(ImportOptions.defaults(policy), paths);
    }

    private ImportReport run(ImportOptions options, Path... paths) {
        return new ImportPipeline(new FakeDicom(), new FakeDeidGate(), ws, options).run(List.of(paths), ImportProgress.NONE);
    }

    /** n studies of one series with k instances each. */
    private void cohort(int studies, int perStudy) throws IOException {
        for (int s = 0; s < studies; s++) {
            for (int i = 0; i < perStudy; i++) {
                FakeDicom.write(in.resolve("s" + s + "/i" + i + ".dcm"), FakeDicom.instance("1.9." + s + "." + i, "1.8." + s, "1.7." + s));
            }
        }
    }

    @Test
    void importsStudiesSeriesAndInstancesWithSubgroupAttributes() throws IOException {
        cohort(3, 2);
        Files.writeString(in.resolve("truth.csv"), "not dicom, skipped in folders");
        ImportReport r = run(DeidPolicy.REJECT, in);
        assertThat(r.count(ImportOutcome.IMPORTED)).isEqualTo(6);
        assertThat(r.files()).isEqualTo(6);
        assertThat(r.errors()).isEmpty();
        assertThat(r.studies()).isEqualTo(3);
        assertThat(r.deid().count(DeidOutcome.ACCEPTED)).isEqualTo(6);
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            assertThat(c.studies().count()).isEqualTo(3);
            assertThat(c.studies().patientCount()).isEqualTo(3);
            assertThat(c.studies().series("1.7.1")).singleElement().satisfies(s -> assertThat(s.modality()).isEqualTo("DX"));
            CataloguedInstance ci = c.instances().find("1.9.1.0").orElseThrow();
            assertThat(ci.file()).isEqualTo(in.resolve("s1/i0.dcm").toAbsolutePath());
            assertThat(ci.contentSha256()).isEqualTo(ContentHash.sha256(ci.file()));
            assertThat(ci.instance().pixels().rows()).isEqualTo(512);
            assertThat(ci.instance().attributes().sex()).isEqualTo(Sex.FEMALE);
            assertThat(ci.instance().attributes().ageYears()).isEqualTo(42.0);
            assertThat(ci.instance().attributes().viewPosition()).isEqualTo("PA");
            // The site is the workspace's keyed hash, never the institution name.
            assertThat(ci.instance().attributes().siteKey())
                    .isEqualTo(ws.keyedHash().hex(RecordExtractor.SITE_DOMAIN, "General Hospital", 16))
                    .doesNotContain("Hospital");
            assertThat(c.instances().inSeries("1.8.1")).hasSize(2);
        }
    }

    @Test
    void reimportingTheSameFilesIsANoOpCountedAsDuplicates() throws IOException {
        cohort(2, 2);
        run(DeidPolicy.REJECT, in);
        ImportReport again = run(DeidPolicy.REJECT, in);
        assertThat(again.count(ImportOutcome.DUPLICATE)).isEqualTo(4);
        assertThat(again.count(ImportOutcome.IMPORTED)).isZero();
        assertThat(again.errors()).isEmpty();
        assertThat(again.studies()).isEqualTo(2);
        // A copy of a file at another path is a duplicate too (same SOP UID, same content).
        Files.copy(in.resolve("s0/i0.dcm"), tmp.resolve("copy.dcm"));
        assertThat(run(DeidPolicy.REJECT, tmp.resolve("copy.dcm")).count(ImportOutcome.DUPLICATE)).isEqualTo(1);
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            assertThat(c.instances().count()).isEqualTo(4);
            assertThat(c.importLog().all()).hasSize(3);
        }
    }

    @Test
    void sameSopUidWithDifferentContentIsReportedNotMerged() throws IOException {
        cohort(1, 1);
        run(DeidPolicy.REJECT, in);
        Map<Integer, String> changed = FakeDicom.instance("1.9.0.0", "1.8.0", "1.7.0");
        changed.put(DicomTags.PatientSex, "M");
        Path other = FakeDicom.write(tmp.resolve("other.dcm"), changed);
        ImportReport r = run(DeidPolicy.REJECT, other);
        assertThat(r.count(ImportOutcome.ERROR)).isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(other.toAbsolutePath().toString());
            assertThat(e.reason()).isEqualTo("SOP Instance UID 1.9.0.0 already catalogued with different content");
        });
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            assertThat(c.instances().find("1.9.0.0").orElseThrow().instance().attributes().sex()).isEqualTo(Sex.FEMALE);
        }
    }

    @Test
    void conflictWithinOneImportIsAlsoCaught() throws IOException {
        FakeDicom.write(in.resolve("a.dcm"), FakeDicom.instance("1.9.9", "1.8", "1.7"));
        Map<Integer, String> changed = FakeDicom.instance("1.9.9", "1.8", "1.7");
        changed.put(DicomTags.InstanceNumber, "2");
        FakeDicom.write(in.resolve("b.dcm"), changed);
        ImportReport r = run(DeidPolicy.REJECT, in);
        assertThat(r.count(ImportOutcome.IMPORTED)).isEqualTo(1);
        assertThat(r.count(ImportOutcome.ERROR)).isEqualTo(1);
        assertThat(r.errors().get(0).reason()).contains("already catalogued with different content");
    }

    @Test
    void unreadableFilesAreOneErrorEachAndTheBatchCarriesOn() throws IOException {
        cohort(1, 2);
        Path garbage = Files.writeString(in.resolve("garbage.dcm"), "hello");
        Path empty = Files.createFile(in.resolve("empty.dcm"));
        Path noPixels = FakeDicom.write(in.resolve("sr.dcm"), FakeDicom.instance("1.5.1", "1.5.2", "1.5.3"), null);
        Map<Integer, String> noUid = FakeDicom.instance("1.6.1", "1.6.2", "1.6.3");
        noUid.remove(DicomTags.SOPInstanceUID);
        Path missingUid = FakeDicom.write(in.resolve("nouid.dcm"), noUid);
        ImportReport r = run(DeidPolicy.REJECT, in, tmp.resolve("does-not-exist"));
        assertThat(r.count(ImportOutcome.IMPORTED)).isEqualTo(2);
        assertThat(r.count(ImportOutcome.ERROR)).isEqualTo(5);
        assertThat(r.errors()).extracting(ImportReport.FileError::file, ImportReport.FileError::reason).contains(
                org.assertj.core.groups.Tuple.tuple(garbage.toAbsolutePath().toString(), "not a DICOM file (no DICM prefix)"),
                org.assertj.core.groups.Tuple.tuple(empty.toAbsolutePath().toString(), "empty file (0 bytes)"),
                org.assertj.core.groups.Tuple.tuple(noPixels.toAbsolutePath().toString(), "no Pixel Data (7FE0,0010): not an image"),
                org.assertj.core.groups.Tuple.tuple(missingUid.toAbsolutePath().toString(), "missing SOPInstanceUID (0008,0018)"),
                org.assertj.core.groups.Tuple.tuple(tmp.resolve("does-not-exist").toString(), "no such file or folder"));
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            List<ImportFileRecord> logged = c.importLog().files(r.importId());
            assertThat(logged).hasSize(7);
            ImportRecord rec = c.importLog().all().get(0);
            assertThat(rec.finishedAt()).isNotNull();
            assertThat(rec.counts()).containsEntry(ImportOutcome.IMPORTED, 2).containsEntry(ImportOutcome.ERROR, 5);
        }
    }

    private Path identifying(String name, String sop) throws IOException {
        Map<Integer, String> m = FakeDicom.instance(sop, "1.8.x", "1.7.x");
        m.put(DicomTags.PatientName, "Doe^Jane");
        return FakeDicom.write(in.resolve(name), m);
    }

    @Test
    void rejectPolicyRefusesIdentifyingFilesAndSaysWhy() throws IOException {
        Path f = identifying("id.dcm", "1.9.id");
        ImportReport r = run(DeidPolicy.REJECT, f);
        assertThat(r.count(ImportOutcome.REJECTED)).isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).startsWith("not de-identified: PatientName"));
        assertThat(r.errors().get(0).reason()).doesNotContain("Doe");
        assertThat(r.studies()).isZero();
    }

    @Test
    void refusedAndDeidentifiedHeadersLeaveKeyedNameHashesButNeverTheNames() throws IOException {
        Path refused = identifying("id.dcm", "1.9.id");
        run(DeidPolicy.REJECT, refused);
        Map<Integer, String> clean = FakeDicom.instance("1.9.clean", "1.8.c", "1.7.c");
        FakeDicom.write(in.resolve("clean.dcm"), clean);
        run(DeidPolicy.REJECT, in.resolve("clean.dcm"));
        java.util.Set<String> hashes;
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            hashes = c.phiNameTokens().all();
        }
        assertThat(hashes).containsExactlyInAnyOrder(org.glassbox.core.privacy.PhiTokens.nameHash(ws.keyedHash(), "DOE"),
                org.glassbox.core.privacy.PhiTokens.nameHash(ws.keyedHash(), "JANE"));
        // The scanner of this workspace recognises the name in a note.
        assertThat(org.glassbox.core.privacy.PhiTextScanner.forWorkspace(ws).scan("Discussed with Jane's GP"))
                .extracting(org.glassbox.core.privacy.PhiFinding::kind).containsExactly(org.glassbox.core.privacy.PhiFinding.Kind.NAME);
        // No byte of the catalog (or its WAL) spells the name.
        for (String name : new String[] {"catalog.sqlite", "catalog.sqlite-wal"}) {
            Path file = ws.root().resolve(name);
            if (Files.exists(file)) {
                String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(bytes).doesNotContainIgnoringCase("Jane").doesNotContainIgnoringCase("Doe^");
            }
        }
    }

    @Test
    void quarantinePolicyCopiesAndDoesNotCatalogue() throws IOException {
        Path f = identifying("id.dcm", "1.9.id");
        ImportReport r = run(DeidPolicy.QUARANTINE, f);
        assertThat(r.count(ImportOutcome.QUARANTINED)).isEqualTo(1);
        assertThat(r.errors()).isEmpty();
        assertThat(r.studies()).isZero();
        try (var files = Files.list(ws.quarantineDir())) {
            List<Path> q = files.toList();
            assertThat(q).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(f)));
        }
    }

    @Test
    void deidentifyPolicyCataloguesTheCopyAndReimportIsADuplicate() throws IOException {
        Path f = identifying("id.dcm", "1.9.id");
        byte[] original = Files.readAllBytes(f);
        ImportReport r = run(DeidPolicy.DEIDENTIFY, f);
        assertThat(r.count(ImportOutcome.DEIDENTIFIED)).isEqualTo(1);
        assertThat(r.studies()).isEqualTo(1);
        assertThat(Files.readAllBytes(f)).isEqualTo(original);
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            CataloguedInstance ci = c.instances().all().get(0);
            assertThat(ci.sopInstanceUid()).startsWith("2.25.");
            assertThat(ci.file().getParent()).isEqualTo(ws.deidentifiedDir());
            assertThat(ci.sourceSha256()).isEqualTo(ContentHash.sha256(f));
            // The catalog holds a keyed hash of the copy's pseudonym, never a Patient ID as written.
            assertThat(c.studies().all().get(0).patientPseudonym()).startsWith("P").doesNotStartWith("GB").hasSize(33);
        }
        ImportReport again = run(DeidPolicy.DEIDENTIFY, f);
        assertThat(again.count(ImportOutcome.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void burnedInAnnotationIsRejectedEvenUnderDeidentify() throws IOException {
        Map<Integer, String> m = FakeDicom.instance("1.9.b", "1.8.b", "1.7.b");
        m.put(DicomTags.BurnedInAnnotation, "YES");
        Path f = FakeDicom.write(in.resolve("burned.dcm"), m);
        ImportReport r = run(DeidPolicy.DEIDENTIFY, f);
        assertThat(r.count(ImportOutcome.REJECTED)).isEqualTo(1);
        assertThat(r.errors().get(0).reason()).contains("BurnedInAnnotation");
    }

    @Test
    void dicomdirContributesTheFilesItReferencesOnce() throws IOException {
        cohort(2, 1);
        Files.writeString(in.resolve("DICOMDIR"), "FAKEDICOMDIR\ns0/i0.dcm\ns1/i0.dcm\n");
        ImportReport r = run(DeidPolicy.REJECT, in.resolve("DICOMDIR"), in);
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.count(ImportOutcome.IMPORTED)).isEqualTo(2);
    }

    @Test
    void aFailureMidBatchRollsBackTheWholeBatchAndKeepsEarlierOnes() throws IOException, SQLException {
        cohort(5, 1);
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            // Created by opening; now sabotage one insert the way a full disk or a bug would.
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.catalogFile()); Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER boom BEFORE INSERT ON instances WHEN NEW.sop_instance_uid = '1.9.3.0' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        }
        ImportOptions twoPerBatch = ImportOptions.defaults(DeidPolicy.REJECT).withBatchSize(2);
        assertThatThrownBy(() -> run(twoPerBatch, in)).isInstanceOf(CatalogException.class).hasMessageContaining("injected failure");
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            // Files are walked in name order s0..s4; batch 1 = s0, s1 (committed), batch 2 = s2, s3 (s3 fails).
            assertThat(c.instances().all()).extracting(CataloguedInstance::sopInstanceUid).containsExactly("1.9.0.0", "1.9.1.0");
            assertThat(c.studies().all()).extracting(s -> s.studyInstanceUid()).containsExactly("1.7.0", "1.7.1");
            assertThat(c.studies().series("1.7.2")).isEmpty();
            assertThat(c.importLog().files(c.importLog().all().get(0).id())).hasSize(2);
            assertThat(c.importLog().all().get(0).finishedAt()).isNull();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.catalogFile()); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER boom");
        }
        ImportReport resumed = run(twoPerBatch, in);
        assertThat(resumed.count(ImportOutcome.DUPLICATE)).isEqualTo(2);
        assertThat(resumed.count(ImportOutcome.IMPORTED)).isEqualTo(3);
        assertThat(resumed.studies()).isEqualTo(5);
    }

    @Test
    void aCancelledImportWritesWhatItReachedLogsItFinishedAndARerunCataloguesTheRest() throws IOException {
        cohort(30, 2);
        org.glassbox.core.task.CancelToken cancel = new org.glassbox.core.task.CancelToken();
        ImportOptions options = ImportOptions.defaults(DeidPolicy.REJECT).withThreads(2).withBatchSize(5);
        ImportReport partial = new ImportPipeline(new FakeDicom(), new FakeDeidGate(), ws, options).run(List.of(in), (done, total) -> {
            if (done == 10) {
                cancel.cancel();
            }
        }, cancel);
        assertThat(partial.cancelled()).isTrue();
        int reached = partial.counts().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(reached).isBetween(10, 10 + 2 * 4); // what was in flight when it was cancelled is finished, nothing more
        assertThat(reached + partial.notReached()).isEqualTo(60);
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            assertThat(c.instances().count()).isEqualTo(partial.count(ImportOutcome.IMPORTED)).isEqualTo(reached);
            assertThat(c.importLog().all()).singleElement().satisfies(r -> assertThat(r.finishedAt()).isNotNull());
            assertThat(c.importLog().files(c.importLog().all().get(0).id())).hasSize(reached);
        }
        ImportReport rest = run(options, in);
        assertThat(rest.cancelled()).isFalse();
        assertThat(rest.count(ImportOutcome.DUPLICATE)).isEqualTo(reached);
        assertThat(rest.count(ImportOutcome.IMPORTED)).isEqualTo(60 - reached);
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            assertThat(c.instances().count()).isEqualTo(60);
        }
    }

    @Test
    void anImportCancelledBeforeItStartsReadsNothingAndSaysItWasCancelled() throws IOException {
        cohort(5, 2);
        org.glassbox.core.task.CancelToken cancel = new org.glassbox.core.task.CancelToken();
        cancel.cancel(); // e.g. while a large folder was still being walked
        ImportReport report = new ImportPipeline(new FakeDicom(), new FakeDeidGate(), ws, ImportOptions.defaults(DeidPolicy.REJECT))
                .run(List.of(in), ImportProgress.NONE, cancel);
        assertThat(report.cancelled()).isTrue();
        assertThat(report.counts().values().stream().mapToInt(Integer::intValue).sum()).isZero();
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            assertThat(c.instances().count()).isZero();
            assertThat(c.importLog().all()).singleElement().satisfies(r -> assertThat(r.finishedAt()).isNotNull());
        }
    }

    @Test
    void parallelImportGivesTheSameCatalogAsSingleThreaded() throws IOException {
        cohort(20, 3);
        ImportReport parallel = run(ImportOptions.defaults(DeidPolicy.REJECT).withThreads(4).withBatchSize(7), in);
        List<CataloguedInstance> a;
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            a = c.instances().all();
        }
        ws = Workspace.openUnchecked(tmp.resolve("ws2"));
        ImportReport single = run(ImportOptions.defaults(DeidPolicy.REJECT).withThreads(1).withBatchSize(1000), in);
        List<CataloguedInstance> b;
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            b = c.instances().all();
        }
        assertThat(parallel.counts()).isEqualTo(single.counts());
        assertThat(a).hasSize(60);
        // Site keys differ between workspaces by design; everything else must match.
        List<String> sa = new ArrayList<>();
        List<String> sb = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            sa.add(a.get(i).sopInstanceUid() + a.get(i).contentSha256() + a.get(i).file() + a.get(i).instance().pixels());
            sb.add(b.get(i).sopInstanceUid() + b.get(i).contentSha256() + b.get(i).file() + b.get(i).instance().pixels());
        }
        assertThat(sa).isEqualTo(sb);
    }

    @Test
    void progressIsReportedForEveryFile() throws IOException {
        cohort(3, 1);
        List<Integer> seen = new ArrayList<>();
        new ImportPipeline(new FakeDicom(), new FakeDeidGate(), ws, ImportOptions.defaults(DeidPolicy.REJECT))
                .run(List.of(in), (done, total) -> {
                    assertThat(total).isEqualTo(3);
                    seen.add(done);
                });
        assertThat(seen).containsExactly(1, 2, 3);
    }

    @Test
    void theCatalogNeverStoresARawPatientId() throws IOException, SQLException {
        Map<Integer, String> m = FakeDicom.instance("1.9.mrn", "1.8.mrn", "1.7.mrn");
        m.put(DicomTags.PatientID, "MRN12345");
        FakeDicom.write(in.resolve("mrn.dcm"), m);
        Map<Integer, String> other = FakeDicom.instance("1.9.mrn2", "1.8.mrn2", "1.7.mrn2");
        other.put(DicomTags.PatientID, "MRN12345");
        FakeDicom.write(in.resolve("mrn2.dcm"), other);
        assertThat(run(DeidPolicy.REJECT, in).count(ImportOutcome.IMPORTED)).isEqualTo(2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.catalogFile());
             Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT pseudonym FROM patients")) {
            List<String> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
            // One patient (same issuer + ID), keyed: stable within the workspace, never the ID itself.
            assertThat(keys).singleElement().satisfies(k -> assertThat(k).doesNotContain("MRN12345").startsWith("P").hasSize(33));
            assertThat(keys.get(0)).isEqualTo(new RecordExtractor(ws.keyedHash()).patientKey(null, "MRN12345", "x"));
        }
    }

    @Test
    void aConflictingDeidentifiedCopyNeverOverwritesTheCataloguedOneAndLeavesNothingBehind() throws IOException {
        Path first = identifying("a.dcm", "1.9.same");
        assertThat(run(DeidPolicy.DEIDENTIFY, first).count(ImportOutcome.DEIDENTIFIED)).isEqualTo(1);
        Path copy;
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            copy = c.instances().all().get(0).file();
        }
        byte[] catalogued = Files.readAllBytes(copy);

        // Same SOP Instance UID (so the same replacement UID and target name), different content.
        Map<Integer, String> m = FakeDicom.instance("1.9.same", "1.8.x", "1.7.x");
        m.put(DicomTags.PatientName, "Doe^Jane");
        m.put(DicomTags.StudyDate, "20210101");
        Path second = FakeDicom.write(in.resolve("b.dcm"), m);
        ImportReport r = run(DeidPolicy.DEIDENTIFY, second);
        assertThat(r.count(ImportOutcome.ERROR)).isEqualTo(1);
        assertThat(r.errors().get(0).reason()).contains("already catalogued with different content");
        assertThat(Files.readAllBytes(copy)).isEqualTo(catalogued);
        try (var files = Files.list(ws.deidentifiedDir())) {
            assertThat(files.toList()).containsExactly(copy);
        }
    }

    @Test
    void anExistingFileAtTheTargetIsNeverReplaced() throws IOException {
        Path f = identifying("a.dcm", "1.9.orphan");
        // A stranger's file where the copy would go (e.g. left by hand): the import refuses to replace it.
        ImportReport probe = new ImportPipeline(new FakeDicom(), new FakeDeidGate(), Workspace.open(tmp.resolve("probe")),
                ImportOptions.defaults(DeidPolicy.DEIDENTIFY)).run(List.of(f), ImportProgress.NONE);
        assertThat(probe.count(ImportOutcome.DEIDENTIFIED)).isEqualTo(1);
        String name;
        try (var files = Files.list(tmp.resolve("probe").resolve("deidentified"))) {
            name = files.toList().get(0).getFileName().toString();
        }
        Path squatter = Files.writeString(ws.deidentifiedDir().resolve(name), "someone else's file");
        ImportReport r = run(DeidPolicy.DEIDENTIFY, f);
        assertThat(r.count(ImportOutcome.ERROR)).isEqualTo(1);
        assertThat(r.errors().get(0).reason()).contains("already exists with different content");
        assertThat(Files.readString(squatter)).isEqualTo("someone else's file");
        try (var files = Files.list(ws.deidentifiedDir())) {
            assertThat(files.toList()).containsExactly(squatter);
        }
    }

    /** A parser that blows its stack or heap on hostile files, as a real one may on deep nesting. */
    private static final class HostileReader implements org.glassbox.core.dicom.DicomReader {
        private final FakeDicom fake = new FakeDicom();

        @Override
        public org.glassbox.core.dicom.DicomFile open(Path file) throws org.glassbox.core.dicom.DicomReadException {
            return openHeader(file);
        }

        @Override
        public org.glassbox.core.dicom.DicomFile openHeader(Path file) throws org.glassbox.core.dicom.DicomReadException {
            String name = file.getFileName().toString();
            if (name.startsWith("deep")) {
                throw new StackOverflowError();
            }
            if (name.startsWith("huge")) {
                throw new OutOfMemoryError("Java heap space");
            }
            return fake.openHeader(file);
        }

        @Override
        public List<Path> listDicomDir(Path dicomdir) throws org.glassbox.core.dicom.DicomReadException {
            return fake.listDicomDir(dicomdir);
        }
    }

    @Test
    void aFileThatExhaustsTheParsersStackOrHeapIsOneErrorAndTheBatchCarriesOn() throws IOException {
        cohort(1, 2);
        FakeDicom.write(in.resolve("deep.dcm"), FakeDicom.instance("1.9.deep", "1.8.d", "1.7.d"));
        FakeDicom.write(in.resolve("huge.dcm"), FakeDicom.instance("1.9.huge", "1.8.h", "1.7.h"));
        ImportReport r = new ImportPipeline(new HostileReader(), new FakeDeidGate(), ws, ImportOptions.defaults(DeidPolicy.REJECT))
                .run(List.of(in), ImportProgress.NONE);
        assertThat(r.count(ImportOutcome.IMPORTED)).isEqualTo(2);
        assertThat(r.count(ImportOutcome.ERROR)).isEqualTo(2);
        assertThat(r.errors()).extracting(ImportReport.FileError::reason)
                .allSatisfy(reason -> assertThat(reason).startsWith("cannot be read safely: "))
                .anySatisfy(reason -> assertThat(reason).contains("StackOverflowError"))
                .anySatisfy(reason -> assertThat(reason).contains("OutOfMemoryError"));
    }

    @Test
    void theGatesReasonCountsAreKeptInTheImportLog() throws IOException {
        identifying("a.dcm", "1.9.a");
        identifying("b.dcm", "1.9.b");
        cohort(1, 1);
        ImportReport r = run(DeidPolicy.REJECT, in);
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            assertThat(c.importLog().deidReasons(r.importId())).isEqualTo(Map.of("PatientName present and non-empty", 2));
            assertThat(c.importLog().deidOutcomes(r.importId())).containsEntry("REJECTED", 2).containsEntry("ACCEPTED", 1);
        }
    }
}
