package org.glassbox.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassbox.core.model.Series;
import org.glassbox.core.model.Study;

/** Patients, studies and series. Written through {@link InstanceRepository#add}. */
public final class StudyRepository {
    private static final String STUDY_COLUMNS = "s.study_uid, p.pseudonym, s.study_date, s.description FROM studies s JOIN patients p ON p.id = s.patient_id";
    private final Connection connection;

    StudyRepository(Connection connection) {
        this.connection = connection;
    }

    /** Number of studies in the catalog. */
    public int count() {
        return countOf("SELECT COUNT(*) FROM studies");
    }

    /** Number of distinct patients (pseudonyms). */
    public int patientCount() {
        return countOf("SELECT COUNT(*) FROM patients");
    }

    /** All studies, by study UID. */
    public List<Study> all() {
        return queryStudies("SELECT " + STUDY_COLUMNS + " ORDER BY s.study_uid", null);
    }

    public Optional<Study> find(String studyInstanceUid) {
        return queryStudies("SELECT " + STUDY_COLUMNS + " WHERE s.study_uid = ?", studyInstanceUid).stream().findFirst();
    }

    /** The series of a study, by series number then UID. */
    public List<Series> series(String studyInstanceUid) {
        List<Series> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT series_uid, study_uid, modality, series_number, description FROM series WHERE study_uid = ? ORDER BY series_number, series_uid")) {
            ps.setString(1, studyInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Series(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read series of study " + studyInstanceUid, e);
        }
    }

    private List<Study> queryStudies(String sql, String parameter) {
        List<Study> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String date = rs.getString(3);
                    out.add(new Study(rs.getString(1), rs.getString(2), date == null ? null : LocalDate.parse(date), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read studies", e);
        }
    }

    private int countOf(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new CatalogException("cannot count: " + sql, e);
        }
    }
}
