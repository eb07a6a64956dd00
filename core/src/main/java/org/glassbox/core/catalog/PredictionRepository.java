package org.glassbox.core.catalog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cached model outputs (tables {@code predictions}, {@code prediction_scores}, {@code embeddings};
 * migration V004), keyed by model identity + SOP Instance UID. Call {@link #store} inside
 * {@link Catalog#inTransaction} so an instance's marker, scores and embedding land together: an
 * interrupted batch run leaves whole instances or none, and a rerun skips exactly those.
 */
public final class PredictionRepository {
    private final Connection connection;

    PredictionRepository(Connection connection) {
        this.connection = connection;
    }

    /** Replaces whatever was cached for each (model, instance). Run inside a transaction. */
    public void store(Collection<Prediction> predictions) throws SQLException {
        try (PreparedStatement delMarker = connection.prepareStatement("DELETE FROM predictions WHERE model_sha256 = ? AND sop_instance_uid = ?");
             PreparedStatement delScores = connection.prepareStatement("DELETE FROM prediction_scores WHERE model_sha256 = ? AND sop_instance_uid = ?");
             PreparedStatement delEmb = connection.prepareStatement("DELETE FROM embeddings WHERE model_sha256 = ? AND sop_instance_uid = ?");
             PreparedStatement marker = connection.prepareStatement(
                     "INSERT INTO predictions(model_sha256, sop_instance_uid, content_sha256, outputs, computed_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement score = connection.prepareStatement(
                     "INSERT INTO prediction_scores(model_sha256, sop_instance_uid, label_index, label, logit, score) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement emb = connection.prepareStatement(
                     "INSERT INTO embeddings(model_sha256, sop_instance_uid, layer, dims, vector) VALUES (?, ?, ?, ?, ?)")) {
            for (Prediction p : predictions) {
                for (PreparedStatement del : List.of(delMarker, delScores, delEmb)) {
                    del.setString(1, p.modelSha256());
                    del.setString(2, p.sopInstanceUid());
                    del.executeUpdate();
                }
                marker.setString(1, p.modelSha256());
                marker.setString(2, p.sopInstanceUid());
                marker.setString(3, p.contentSha256());
                marker.setInt(4, p.labels().size());
                marker.setString(5, p.computedAt().toString());
                marker.executeUpdate();
                for (int k = 0; k < p.labels().size(); k++) {
                    score.setString(1, p.modelSha256());
                    score.setString(2, p.sopInstanceUid());
                    score.setInt(3, k);
                    score.setString(4, p.labels().get(k));
                    score.setDouble(5, p.logits()[k]);
                    score.setDouble(6, p.scores()[k]);
                    score.addBatch();
                }
                score.executeBatch();
                if (p.embedding() != null) {
                    emb.setString(1, p.modelSha256());
                    emb.setString(2, p.sopInstanceUid());
                    emb.setString(3, p.embeddingLayer());
                    emb.setInt(4, p.embedding().length);
                    emb.setBytes(5, toBytes(p.embedding()));
                    emb.executeUpdate();
                }
            }
        }
    }

    /**
     * The cached outputs of one model for the given instances (those that have one), by SOP Instance UID.
     * Queried in chunks, so any number of UIDs may be asked for.
     */
    public Map<String, Prediction> find(String modelSha256, Collection<String> sopInstanceUids) {
        Map<String, Prediction> out = new LinkedHashMap<>();
        List<String> uids = new ArrayList<>(sopInstanceUids);
        final int chunk = 400; // well under SQLite's bound-parameter limit
        try {
            for (int from = 0; from < uids.size(); from += chunk) {
                List<String> part = uids.subList(from, Math.min(uids.size(), from + chunk));
                String in = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
                Map<String, String[]> markers = new HashMap<>();
                try (PreparedStatement ps = connection.prepareStatement("SELECT sop_instance_uid, content_sha256, outputs, computed_at FROM predictions"
                        + " WHERE model_sha256 = ? AND sop_instance_uid IN (" + in + ")")) {
                    bind(ps, modelSha256, part);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            markers.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                        }
                    }
                }
                Map<String, List<Object[]>> scores = new HashMap<>();
                try (PreparedStatement ps = connection.prepareStatement("SELECT sop_instance_uid, label, logit, score FROM prediction_scores"
                        + " WHERE model_sha256 = ? AND sop_instance_uid IN (" + in + ") ORDER BY sop_instance_uid, label_index")) {
                    bind(ps, modelSha256, part);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            scores.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                    .add(new Object[] {rs.getString(2), (float) rs.getDouble(3), (float) rs.getDouble(4)});
                        }
                    }
                }
                Map<String, Object[]> embeddings = new HashMap<>();
                try (PreparedStatement ps = connection.prepareStatement("SELECT sop_instance_uid, layer, vector FROM embeddings"
                        + " WHERE model_sha256 = ? AND sop_instance_uid IN (" + in + ")")) {
                    bind(ps, modelSha256, part);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            embeddings.put(rs.getString(1), new Object[] {rs.getString(2), fromBytes(rs.getBytes(3))});
                        }
                    }
                }
                for (String uid : part) {
                    String[] m = markers.get(uid);
                    List<Object[]> s = scores.get(uid);
                    if (m == null || s == null || s.size() != Integer.parseInt(m[1])) {
                        continue;
                    }
                    List<String> labels = new ArrayList<>();
                    float[] logits = new float[s.size()];
                    float[] sc = new float[s.size()];
                    for (int k = 0; k < s.size(); k++) {
                        labels.add((String) s.get(k)[0]);
                        logits[k] = (Float) s.get(k)[1];
                        sc[k] = (Float) s.get(k)[2];
                    }
                    Object[] e = embeddings.get(uid);
                    out.put(uid, new Prediction(modelSha256, uid, m[0], labels, logits, sc, e == null ? null : (String) e[0],
                            e == null ? null : (float[]) e[1], Instant.parse(m[2])));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read cached predictions of model " + modelSha256, e);
        }
    }

    /** How many instances have cached outputs for the model. */
    public int count(String modelSha256) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM predictions WHERE model_sha256 = ?")) {
            ps.setString(1, modelSha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot count cached predictions", e);
        }
    }

    private static void bind(PreparedStatement ps, String model, List<String> uids) throws SQLException {
        ps.setString(1, model);
        for (int i = 0; i < uids.size(); i++) {
            ps.setString(i + 2, uids.get(i));
        }
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
