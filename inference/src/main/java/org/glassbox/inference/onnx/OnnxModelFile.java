package org.glassbox.inference.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.inference.onnx.proto.OnnxProto.ModelProto;
import org.glassbox.inference.onnx.proto.OnnxProto.OperatorSetIdProto;

/** Reads an ONNX model file (a protobuf {@code ModelProto}, onnx.proto) with clear errors. */
public final class OnnxModelFile {
    /** Protobuf messages are limited to 2 GiB; ONNX files above that keep weights externally. */
    private static final int MAX_BYTES = Integer.MAX_VALUE;

    private OnnxModelFile() {
    }

    /** @throws IOException naming the file when it is missing, unreadable or not an ONNX model */
    public static ModelProto read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such ONNX file");
        }
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(MAX_BYTES);
            coded.setRecursionLimit(200);
            model = ModelProto.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(file + ": not a valid ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 && model.getGraph().getOutputCount() == 0) {
            throw new IOException(file + ": not an ONNX model (no graph)");
        }
        return model;
    }

    /** The version of the default ("" / "ai.onnx") operator set the model imports. */
    public static int opset(ModelProto model) {
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                return (int) id.getVersion();
            }
        }
        // IR version 2 files without an opset import mean opset 1.
        return 1;
    }
}
