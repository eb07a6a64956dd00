package org.glassbox.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.glassbox.core.crypto.KeyedHash;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.privacy.PhiFinding.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhiTextScannerTest {
    private static final KeyedHash KEY = new KeyedHash("0123456789abcdef0123456789abcdef".getBytes());

    /** The header of a refused file: its names and IDs, as the import records them (hashes only). */
    private static final Set<String> HEADER = HeaderTokenHashes.of(DicomDataset.builder()
            .put(DicomTags.PatientName, "PN", "Müller^Anna-Lena^^Dr")
            .put(DicomTags.PatientID, "LO", "AB12345")
            .put(DicomTags.AccessionNumber, "SH", "ACC99")
            .put(DicomElement.sequence(0x00081032, List.of(DicomDataset.builder().put(0x00080090, "PN", "O'BRIEN^SEAN").build())))
            .build(), KEY);

    private final PhiTextScanner scanner = new PhiTextScanner(KEY, HEADER);

    private List<String> kindsAndText(String note) {
        return scanner.scan(note).stream().map(f -> f.kind() + ":" + note.substring(f.start(), f.end())).toList();
    }

    @Test
    void headerHashesHoldNoNames() {
        assertThat(HEADER).allSatisfy(h -> assertThat(h).matches("[0-9a-f]{64}"));
        // MULLER, ANNA, LENA, OBRIEN→O is 1 letter so skipped, BRIEN, SEAN; DR skipped; AB12345 (ACC99 has 2 digits: kept, 5 chars).
        assertThat(HEADER).hasSize(7);
    }

    @Test
    void realisticNoteWithEverything() {
        String note = "Pt Anna Mueller? No — Anna-Lena MÜLLER, seen 03/04/2021 and on 4 March 2021; MRN 00482913, ref AB12345. "
                + "Call +44 20 7946 0958 or 555-123-4567, mail a.muller@example.org. Dr O'Brien agrees.";
        assertThat(kindsAndText(note)).containsExactly(
                "NAME:Anna", "NAME:Anna", "NAME:Lena", "NAME:MÜLLER", "DATE:03/04/2021", "DATE:4 March 2021", "ID_NUMBER:00482913",
                "ID_NUMBER:AB12345", "PHONE:+44 20 7946 0958", "PHONE:555-123-4567", "EMAIL:a.muller@example.org", "NAME:Brien");
        // "Mueller" is a different spelling: not seen in a header, not flagged (a documented limit).
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "T2 1.5 mm nodule in the RUL, stable.",
        "Disc protrusion at L4-L5 and C5/6.",
        "BI-RADS 4, recommend biopsy.",
        "BP 120/80 mmHg, HR 72.",
        "Lesion 12.3 x 4.5 x 6.7 cm, HU 35; series 3 image 45.",
        "Follow-up in 6 months (2019 study comparable). ICD-10 J18.9, 5 mg.",
        "Ref image 1.2.840.113619.2.55.3.604688119.868.1249.20210304, see 2.25.123456789012345678.",
        "Dose 1,234,567 counts; window 400/40; 3 views.",
        "May be consolidation; Dr Smith may 10 mm.",
        "v3.2.1 of the model; score 0.873 at threshold 0.5."})
    void clinicalShorthandIsNotFlagged(String note) {
        assertThat(kindsAndText(note)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-03-04", "20210304", "4.3.21", "12/31/1999", "Mar 4, 2021", "March 2021", "4th of March", "Jan 12"})
    void datesInCommonFormats(String date) {
        assertThat(kindsAndText("seen " + date + " in clinic")).containsExactly("DATE:" + date);
    }

    @Test
    void spansPointAtTheText() {
        String note = "Call 555-123-4567.";
        PhiFinding f = scanner.scan(note).get(0);
        assertThat(f.kind()).isEqualTo(Kind.PHONE);
        assertThat(note.substring(f.start(), f.end())).isEqualTo("555-123-4567");
        assertThat(f.reason()).doesNotContain("555");
        assertThat(scanner.scan(null)).isEmpty();
        assertThat(scanner.scan("")).isEmpty();
    }

    @Test
    void namesAreOnlyRecognisedUnderTheSameWorkspaceKey() {
        PhiTextScanner other = new PhiTextScanner(new KeyedHash("fedcba9876543210fedcba9876543210".getBytes()), HEADER);
        assertThat(other.scan("Anna Müller")).isEmpty();
        assertThat(scanner.scan("anna müller")).extracting(PhiFinding::kind).containsExactly(Kind.NAME, Kind.NAME);
    }
}
