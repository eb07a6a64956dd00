package org.glassbox.core.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassbox.core.model.Instance;
import org.glassbox.core.model.PixelDescription;
import org.glassbox.core.model.Series;
import org.glassbox.core.model.Sex;
import org.glassbox.core.model.Study;
import org.glassbox.core.model.SubgroupAttributes;

/**
 * Instances with their pixel layout and subgroup attributes. {@link #add} also creates the patient,
 * study and series rows the instance hangs from. Call writes inside {@link Catalog#inTransaction}
 * so a batch lands whole or not at all.
 */
public final class InstanceRepository {
    private static final String COLUMNS = "i.sop_instance_uid, i.sop_class_uid, i.series_uid, se.study_uid, i.transfer_syntax_uid, i.instance_number, "
            + "i.rows, i.columns, i.frames, i.samples_per_pixel, i.bits_allocated, i.bits_stored, i.high_bit, i.pixel_signed, i.photometric, "
            + "i.sex, i.age_years, i.site_key, i.manufacturer, i.manufacturer_model, i.modality, i.body_part, i.view_position, "
            + "i.file_path, i.file_size, i.content_sha256, i.source_sha256 "
            + "FROM instances i JOIN series se ON se.series_uid = i.series_uid";

    private final Connection connection;
    private PreparedStatement insertPatient;
    private PreparedStatement selectPatient;
    private PreparedStatement insertStudy;
    private PreparedStatement insertSeries;
    private PreparedStatement insertInstance;
    private PreparedStatement selectHash;

    InstanceRepository(Connection connection) {
        this.connection = connection;
    }

    /**
     * Adds an instance and, when new, its patient, study and series. The first file of a study or
     * series defines the study/series row; later files only add instances.
     *
     * @param importId the import that catalogued it ({@link ImportLogRepository#begin})
     * @throws SQLException on any constraint failure, e.g. a SOP Instance UID already present
     *                      (check with {@link #contentHash} first)
     */
    public void add(CataloguedInstance entry, Study study, Series series, long importId) throws SQLException {
        prepare();
        long patientId = patientId(study.patientPseudonym());

        insertStudy.setString(1, study.studyInstanceUid());
        insertStudy.setLong(2, patientId);
        insertStudy.setString(3, study.studyDate() == null ? null : study.studyDate().toString());
        insertStudy.setString(4, study.description());
        insertStudy.executeUpdate();

        insertSeries.setString(1, series.seriesInstanceUid());
        insertSeries.setString(2, series.studyInstanceUid());
        insertSeries.setString(3, series.modality());
        insertSeries.setInt(4, series.seriesNumber());
        insertSeries.setString(5, series.description());
        insertSeries.executeUpdate();

        Instance in = entry.instance();
        PixelDescription px = in.pixels();
        SubgroupAttributes a = in.attributes();
        PreparedStatement ps = insertInstance;
        int k = 1;
        ps.setString(k++, in.sopInstanceUid());
        ps.setString(k++, in.sopClassUid());
        ps.setString(k++, in.seriesInstanceUid());
        ps.setString(k++, entry.contentSha256());
        ps.setString(k++, entry.sourceSha256());
        ps.setString(k++, entry.file().toString());
        ps.setLong(k++, entry.fileSize());
        ps.setString(k++, in.transferSyntaxUid());
        ps.setInt(k++, in.instanceNumber());
        ps.setInt(k++, px.rows());
        ps.setInt(k++, px.columns());
        ps.setInt(k++, px.frames());
        ps.setInt(k++, px.samplesPerPixel());
        ps.setInt(k++, px.bitsAllocated());
        ps.setInt(k++, px.bitsStored());
        ps.setInt(k++, px.highBit());
        ps.setInt(k++, px.signed() ? 1 : 0);
        ps.setString(k++, px.photometricInterpretation());
        ps.setString(k++, a.sex().name());
        if (Double.isNaN(a.ageYears())) {
            ps.setNull(k++, Types.REAL);
        } else {
            ps.setDouble(k++, a.ageYears());
        }
        ps.setString(k++, a.siteKey());
        ps.setString(k++, a.manufacturer());
        ps.setString(k++, a.manufacturerModel());
        ps.setString(k++, a.modality());
        ps.setString(k++, a.bodyPart());
        ps.setString(k++, a.viewPosition());
        ps.setLong(k, importId);
        ps.executeUpdate();
    }

    private long patientId(String pseudonym) throws SQLException {
        insertPatient.setString(1, pseudonym);
        insertPatient.executeUpdate();
        selectPatient.setString(1, pseudonym);
        try (ResultSet rs = selectPatient.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The content hash recorded for a SOP Instance UID (sees this connection's uncommitted writes). */
    public Optional<String> contentHash(String sopInstanceUid) {
        try {
            prepare();
            selectHash.setString(1, sopInstanceUid);
            try (ResultSet rs = selectHash.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot look up " + sopInstanceUid, e);
        }
    }

    /**
     * The SOP Instance UID of an instance whose catalogued file, or whose original (for
     * de-identified copies), has this SHA-256; empty when none.
     */
    public Optional<String> findByContent(String sha256) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT sop_instance_uid FROM instances WHERE content_sha256 = ?1 UNION ALL SELECT sop_instance_uid FROM instances WHERE source_sha256 = ?1 LIMIT 1")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot look up content " + sha256, e);
        }
    }

    public Optional<CataloguedInstance> find(String sopInstanceUid) {
        return query("SELECT " + COLUMNS + " WHERE i.sop_instance_uid = ?", sopInstanceUid).stream().findFirst();
    }

    /** Instances of a series, by instance number then UID. */
    public List<CataloguedInstance> inSeries(String seriesInstanceUid) {
        return query("SELECT " + COLUMNS + " WHERE i.series_uid = ? ORDER BY i.instance_number, i.sop_instance_uid", seriesInstanceUid);
    }

    /** Every instance, by SOP Instance UID. */
    public List<CataloguedInstance> all() {
        return query("SELECT " + COLUMNS + " ORDER BY i.sop_instance_uid", null);
    }

    /** SOP Instance UIDs catalogued by one import, sorted (what its audit entry names). */
    public List<String> sopInstanceUidsOfImport(long importId) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT sop_instance_uid FROM instances WHERE import_id = ? ORDER BY sop_instance_uid")) {
            ps.setLong(1, importId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read the instances of import " + importId, e);
        }
    }

    public int count() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM instances")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new CatalogException("cannot count instances", e);
        }
    }

    private List<CataloguedInstance> query(String sql, String parameter) {
        List<CataloguedInstance> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read instances", e);
        }
    }

    private static CataloguedInstance read(ResultSet rs) throws SQLException {
        PixelDescription px = new PixelDescription(rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12),
                rs.getInt(13), rs.getInt(14) == 1, rs.getString(15));
        double age = rs.getDouble(17);
        if (rs.wasNull()) {
            age = Double.NaN;
        }
        SubgroupAttributes a = new SubgroupAttributes(Sex.valueOf(rs.getString(16)), age, rs.getString(18), rs.getString(19), rs.getString(20),
                rs.getString(21), rs.getString(22), rs.getString(23));
        Instance in = new Instance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), px, a);
        return new CataloguedInstance(in, Path.of(rs.getString(24)), rs.getLong(25), rs.getString(26), rs.getString(27));
    }

    private void prepare() throws SQLException {
        if (insertInstance != null) {
            return;
        }
        insertPatient = connection.prepareStatement("INSERT INTO patients(pseudonym) VALUES (?) ON CONFLICT(pseudonym) DO NOTHING");
        selectPatient = connection.prepareStatement("SELECT id FROM patients WHERE pseudonym = ?");
        insertStudy = connection.prepareStatement(
                "INSERT INTO studies(study_uid, patient_id, study_date, description) VALUES (?, ?, ?, ?) ON CONFLICT(study_uid) DO NOTHING");
        insertSeries = connection.prepareStatement(
                "INSERT INTO series(series_uid, study_uid, modality, series_number, description) VALUES (?, ?, ?, ?, ?) ON CONFLICT(series_uid) DO NOTHING");
        insertInstance = connection.prepareStatement("INSERT INTO instances(sop_instance_uid, sop_class_uid, series_uid, content_sha256, source_sha256, "
                + "file_path, file_size, transfer_syntax_uid, instance_number, rows, columns, frames, samples_per_pixel, bits_allocated, bits_stored, "
                + "high_bit, pixel_signed, photometric, sex, age_years, site_key, manufacturer, manufacturer_model, modality, body_part, view_position, import_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        selectHash = connection.prepareStatement("SELECT content_sha256 FROM instances WHERE sop_instance_uid = ?");
    }
}
