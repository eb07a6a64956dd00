package org.glassbox.core.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.ElementEdit;
import org.glassbox.core.dicom.ElementEditor;

/**
 * The element-by-element decisions of the PS3.15 Basic Application Level Confidentiality Profile
 * (Table E.1-1 as data) with a chosen set of options, for one file. Where the table leaves a choice
 * that depends on the attribute's Type in the IOD (X/Z, X/D, X/Z/D), which a header walk cannot
 * know, the choice that keeps the data set valid is taken: D (dummy) when offered, else Z (empty) —
 * except for sequences, which are emptied or removed rather than filled with dummy items.
 *
 * <p>Options honoured: K (keep) of any option in the set; C (clean) of Retain Longitudinal Temporal
 * Information with Modified Dates (113107), which shifts DA values and the date part of DT values by
 * the patient's offset and keeps times of day. Every other C — Clean Descriptors (113105) included —
 * is carried out by the Basic action (remove or empty): free text cannot be cleaned reliably, so it
 * is removed. Private attributes and overlay (60xx) and curve (50xx) groups are removed.
 */
final class DeidentifyingEditor implements ElementEditor {
    private final ConfidentialityProfile profile;
    private final Pseudonymizer pseudonymizer;
    private final Set<ProfileOption> options;
    private final int dateOffsetDays;

    DeidentifyingEditor(ConfidentialityProfile profile, Pseudonymizer pseudonymizer, Set<ProfileOption> options, int dateOffsetDays) {
        this.profile = profile;
        this.pseudonymizer = pseudonymizer;
        this.options = Set.copyOf(options);
        this.dateOffsetDays = dateOffsetDays;
    }

    @Override
    public ElementEdit edit(List<Integer> sequencePath, DicomElement e) {
        int tag = e.tag();
        int group = e.group();
        if (e.isPrivate()) {
            return ElementEdit.REMOVE;
        }
        if ((group & 0xFF00) == 0x5000 || (group & 0xFF00) == 0x6000) {
            return ElementEdit.REMOVE; // curves and overlays (repeating groups, PS3.5 7.6)
        }
        Optional<ProfileRule> found = profile.rule(tag);
        if (found.isEmpty()) {
            // A person's name the table does not list is still a person's name.
            return "PN".equals(e.vr()) && !e.isEmpty() ? ElementEdit.EMPTY : ElementEdit.KEEP;
        }
        ProfileRule rule = found.get();
        for (ProfileOption o : options) {
            Optional<String> a = rule.optionAction(o);
            if (a.isEmpty()) {
                continue;
            }
            if ("K".equals(a.get())) {
                return ElementEdit.KEEP;
            }
            if ("C".equals(a.get()) && o == ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES) {
                return shiftDates(rule, e);
            }
        }
        return basic(rule, e);
    }

    private ElementEdit shiftDates(ProfileRule rule, DicomElement e) {
        if (!"DA".equals(e.vr()) && !"DT".equals(e.vr())) {
            return ElementEdit.KEEP; // TM and the UTC offset: a time of day identifies no one once the date moved
        }
        if (e.isEmpty()) {
            return ElementEdit.KEEP;
        }
        List<String> shifted = new ArrayList<>();
        for (String v : e.values()) {
            String s = v.isBlank() ? "" : Pseudonymizer.shiftDate(v, dateOffsetDays);
            if (s == null) {
                return rule.allowsDummyOrEmpty() && !"X".equals(rule.basic()) ? ElementEdit.EMPTY : ElementEdit.REMOVE;
            }
            shifted.add(s);
        }
        return new ElementEdit.Replace(shifted);
    }

    private ElementEdit basic(ProfileRule rule, DicomElement e) {
        String a = rule.basic();
        switch (a) {
            case "K", "C":
                return ElementEdit.KEEP;
            case "X":
                return ElementEdit.REMOVE;
            case "U":
                return e.isEmpty() || e.values().isEmpty() ? ElementEdit.KEEP : replaceUids(e);
            case "X/Z/U*":
                return e.isSequence() ? ElementEdit.KEEP : ElementEdit.EMPTY;
            case "Z":
                return e.isEmpty() ? ElementEdit.KEEP : ElementEdit.EMPTY;
            case "D":
                if (e.isSequence()) {
                    return ElementEdit.KEEP; // items are de-identified attribute by attribute
                }
                return e.isEmpty() ? ElementEdit.KEEP : dummy(e);
            default:
                // X/Z, X/D, X/Z/D, Z/D: the choice depends on the IOD Type, unknown here.
                if (e.isSequence()) {
                    return a.contains("Z") ? ElementEdit.EMPTY : ElementEdit.REMOVE;
                }
                if (e.isEmpty()) {
                    return ElementEdit.KEEP;
                }
                return a.contains("D") ? dummy(e) : ElementEdit.EMPTY;
        }
    }

    private ElementEdit replaceUids(DicomElement e) {
        List<String> out = new ArrayList<>();
        for (String v : e.values()) {
            out.add(v.isBlank() ? "" : pseudonymizer.uid(v));
        }
        return new ElementEdit.Replace(out);
    }

    /** A dummy value valid for the VR (PS3.5 6.2). */
    private ElementEdit dummy(DicomElement e) {
        String v = switch (e.vr()) {
            case "DA" -> "19000101";
            case "DT" -> "19000101000000";
            case "TM" -> "000000";
            case "AS" -> "000D";
            case "DS", "IS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV" -> "0";
            case "UI" -> null;
            case "AE", "CS" -> "ANONYMIZED";
            case "PN", "LO", "SH", "LT", "ST", "UT", "UC" -> "ANONYMIZED";
            default -> "";
        };
        if (v == null) {
            return replaceUids(e);
        }
        return v.isEmpty() ? ElementEdit.EMPTY : ElementEdit.replace(v);
    }
}
