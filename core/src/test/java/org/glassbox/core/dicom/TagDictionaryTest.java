package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagDictionaryTest {

    @Test
    void namesStandardTagsAndLeavesPrivateOnesBlank() {
        assertThat(TagDictionary.keyword(DicomTags.WindowCenter)).isEqualTo("WindowCenter");
        assertThat(TagDictionary.fullName(0x00101010)).isEqualTo("Patient's Age");
        assertThat(TagDictionary.keyword(0x00091001)).isEmpty();
        assertThat(TagDictionary.keyword(0x7FE00010)).isEqualTo("PixelData");
        assertThat(TagDictionary.format(0x00280010)).isEqualTo("(0028,0010)");
    }
}
