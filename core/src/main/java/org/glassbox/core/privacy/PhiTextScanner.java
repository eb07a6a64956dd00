package org.glassbox.core.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.crypto.KeyedHash;
import org.glassbox.core.privacy.PhiFinding.Kind;
import org.glassbox.core.workspace.Workspace;

/**
 * Checks free text (notes, flag comments, report text) for content that looks like protected
 * health information, so a user can be warned before it leaves GlassBox. It finds
 * <ul>
 *   <li>e-mail addresses;</li>
 *   <li>dates: ISO (2021-03-04), day/month/year or month/day/year with / . - (04/03/2021, 4.3.21),
 *       DICOM DA (20210304), and with month names (4 March 2021, Mar 4, 2021, March 2021, 4th March);
 *       a year alone is not flagged (HIPAA Safe Harbor keeps years);</li>
 *   <li>phone numbers: 7–15 digits in groups, with a +, a (area code) or - . separators;</li>
 *   <li>ID-like numbers: runs of 6 or more digits (DICOM UIDs — dotted numbers starting 1. or 2.
 *       with at least four parts — are the pseudonymous way GlassBox names objects and are skipped);</li>
 *   <li>names and identifiers seen in identifying headers of imported files: each word of the note
 *       is keyed-hashed ({@link PhiTokens}) and compared with the hashes the import recorded.</li>
 * </ul>
 * Clinical shorthand such as "T2 1.5 mm", "L4-L5", "BI-RADS 4", "C5/6", "120/80 mmHg" is not flagged.
 * Overlapping matches are reported once, by the first kind in the order above (a date beats the
 * phone-number reading of the same digits). This is a warning aid with known gaps (names never seen
 * in a header, free-form addresses, spelled-out dates), not a guarantee.
 */
public final class PhiTextScanner {
    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
            + "|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final String ORD = "(?:st|nd|rd|th)?";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern UID = Pattern.compile("(?<![\\d.])[12](?:\\.\\d+){3,}(?![\\d.])");
    private static final List<Pattern> DATES = List.of(
            Pattern.compile("(?<![\\d.])(?:19|20)\\d{2}([-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])(?![\\d])"),
            Pattern.compile("(?<![\\d.])(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?!\\d)"),
            Pattern.compile("\\b\\d{1,2}" + ORD + "\\s+(?:of\\s+)?" + MONTH + "\\.?,?(?:\\s+\\d{4}|\\s+'?\\d{2}\\b)?\\b"),
            Pattern.compile("\\b" + MONTH + "\\.?\\s+\\d{1,2}" + ORD + "(?:,?\\s+\\d{4})?\\b"),
            Pattern.compile("\\b" + MONTH + "\\.?\\s+\\d{4}\\b"));
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![\\d.])(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d.])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,4}(?:[\\s.-]\\d{2,4}){1,4}(?![\\w]|\\.\\d)");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\d.,])\\d{6,}(?!\\d)");

    private final KeyedHash key;
    private final Set<String> headerTokenHashes;

    /**
     * @param key               the workspace's keyed hash (the one the import used)
     * @param headerTokenHashes what the import recorded ({@link HeaderTokenHashes})
     */
    public PhiTextScanner(KeyedHash key, Set<String> headerTokenHashes) {
        this.key = key;
        this.headerTokenHashes = Set.copyOf(headerTokenHashes);
    }

    /** The scanner for a workspace: its key and the header-token hashes in its catalog. */
    public static PhiTextScanner forWorkspace(Workspace workspace) {
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            return new PhiTextScanner(workspace.keyedHash(), catalog.phiNameTokens().all());
        }
    }

    /** Findings in order of position; empty when nothing looks like PHI. Null text = no findings. */
    public List<PhiFinding> scan(String text) {
        List<PhiFinding> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        List<int[]> uids = new ArrayList<>();
        Matcher u = UID.matcher(text);
        while (u.find()) {
            uids.add(new int[] {u.start(), u.end()});
        }
        add(found, uids, EMAIL, text, Kind.EMAIL, "looks like an e-mail address");
        for (Pattern p : DATES) {
            add(found, uids, p, text, Kind.DATE, "looks like a date");
        }
        Matcher d = NUMERIC_DATE.matcher(text);
        while (d.find()) {
            int a = Integer.parseInt(d.group(1));
            int b = Integer.parseInt(d.group(3));
            boolean plausible = a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
            if (plausible) {
                accept(found, uids, new PhiFinding(Kind.DATE, d.start(), d.end(), "looks like a date"));
            }
        }
        Matcher ph = PHONE.matcher(text);
        while (ph.find()) {
            String s = ph.group();
            long digits = s.chars().filter(Character::isDigit).count();
            boolean marked = s.startsWith("+") || s.contains("(") || s.matches(".*\\d[.-]\\d.*");
            if (digits >= 7 && digits <= 15 && marked) {
                accept(found, uids, new PhiFinding(Kind.PHONE, ph.start(), ph.end(), "looks like a phone number"));
            }
        }
        add(found, uids, DIGIT_RUN, text, Kind.ID_NUMBER, "a run of 6 or more digits, like a record or accession number");
        for (PhiTokens.Token t : PhiTokens.idTokens(text)) {
            if (headerTokenHashes.contains(PhiTokens.idHash(key, t.normalised()))) {
                accept(found, uids, new PhiFinding(Kind.ID_NUMBER, t.start(), t.end(), "an identifier seen in the header of an imported file"));
            }
        }
        for (PhiTokens.Token t : PhiTokens.nameTokens(text)) {
            if (headerTokenHashes.contains(PhiTokens.nameHash(key, t.normalised()))) {
                accept(found, uids, new PhiFinding(Kind.NAME, t.start(), t.end(), "a name seen in the header of an imported file"));
            }
        }
        found.sort(Comparator.comparingInt(PhiFinding::start));
        return found;
    }

    private static void add(List<PhiFinding> found, List<int[]> uids, Pattern p, String text, Kind kind, String reason) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            accept(found, uids, new PhiFinding(kind, m.start(), m.end(), reason));
        }
    }

    /** Keeps a finding unless it overlaps an earlier one or lies inside a UID. */
    private static void accept(List<PhiFinding> found, List<int[]> uids, PhiFinding f) {
        for (int[] u : uids) {
            if (f.start() >= u[0] && f.end() <= u[1]) {
                return;
            }
        }
        for (PhiFinding g : found) {
            if (f.start() < g.end() && g.start() < f.end()) {
                return;
            }
        }
        found.add(f);
    }
}
