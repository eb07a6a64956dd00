package org.glassbox.core.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The attributes a fairness audit groups cases by, as read from one instance.
 *
 * <p>Text fields are null when the header does not carry them. {@code siteKey} is never an
 * institution name: it is a keyed hash of InstitutionName (see {@code core.dicom.SiteHasher}) so
 * sites can be told apart without the catalog holding the name.
 *
 * @param sex            patient sex, UNKNOWN when absent
 * @param ageYears       age in years (fractional for infants), NaN when unknown
 * @param siteKey        keyed hash of InstitutionName, or null
 * @param manufacturer   Manufacturer (0008,0070)
 * @param manufacturerModel ManufacturerModelName (0008,1090)
 * @param modality       Modality (0008,0060)
 * @param bodyPart       BodyPartExamined (0018,0015)
 * @param viewPosition   ViewPosition (0018,5101)
 */
public record SubgroupAttributes(
        Sex sex,
        double ageYears,
        String siteKey,
        String manufacturer,
        String manufacturerModel,
        String modality,
        String bodyPart,
        String viewPosition) {

    public SubgroupAttributes {
        Objects.requireNonNull(sex, "sex");
        if (!Double.isNaN(ageYears) && (ageYears < 0 || ageYears > 150)) {
            throw new IllegalArgumentException("age out of range [0, 150]: " + ageYears);
        }
    }

    /** The age if known. */
    public OptionalDouble age() {
        return Double.isNaN(ageYears) ? OptionalDouble.empty() : OptionalDouble.of(ageYears);
    }
}
