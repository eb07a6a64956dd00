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
 * the patient's offset and keeps times of day (TM). Under 113107 EVERY DA and DT value the table
 * would leave in place is shifted, at any depth — also attributes the table does not list
 * (InstanceCreationDate, VerificationDateTime in a sequence) and D rows without a temporal column
 * (shifted rather than dummied) — because one unshifted date next to shifted ones reveals the offset.
 * Without a temporal option, a DA/DT the table does not list is emptied. Every other C — Clean Descriptors (113105) included —
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
        ElementEdit byTable = byTable(e);
        if (e.isSequence() || e.isEmpty() || !isDate(e)) {
            return byTable;
        }
        // Dates the table's decision would leave in place — unlisted ones (InstanceCreationDate, a
        // VerificationDateTime deep in a sequence), rows without a temporal column, or a dummy that
        // would stand out among shifted dates — are shifted too: one date left unshifted next to its
        // shifted neighbours reveals the patient's offset.
        if (byTable instanceof ElementEdit.Keep || byTable instanceof ElementEdit.Replace) {
            if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
                return shiftDates(e);
            }
            if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES)) {
                return byTable;
            }
            // No temporal option: a date the table does not list is still a date.
            return profile.rule(e.tag()).isPresent() ? byTable : ElementEdit.EMPTY;
        }
        return byTable;
    }

    private static boolean isDate(DicomElement e) {
        return "DA".equals(e.vr()) || "DT".equals(e.vr());
    }

    /** The decision of Table E.1-1 and the options, before the date rule above. */
    private ElementEdit byTable(DicomElement e) {
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
                return ElementEdit.KEEP; // the date rule in edit() shifts DA/DT; TM and offsets stay
            }
        }
        return basic(rule, e);
    }

    /**
     * Shifts a DA value (or the date part of a DT value) by the patient's offset. A value that is not
     * a full date cannot be shifted and is emptied (removing could break a Type 1 attribute; an empty
     * value reveals nothing).
     */
    private ElementEdit shiftDates(DicomElement e) {
        List<String> shifted = new ArrayList<>();
        for (String v : e.values()) {
            String s = v.isBlank() ? "" : Pseudonymizer.shiftDate(v, dateOffsetDays);
            if (s == null) {
                return ElementEdit.EMPTY;
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
