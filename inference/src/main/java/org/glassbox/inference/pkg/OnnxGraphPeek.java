package org.glassbox.inference.pkg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the graph inputs and outputs (names, element types, shapes) of an ONNX file, and nothing
 * else: a minimal protocol-buffers walk (wire format: varint keys, wire types 0/1/2/5) over the
 * memory-mapped file that skips node and weight payloads without copying them. Used to synthesise
 * a manifest for a bare .onnx file; the full ONNX parser lives in {@code inference.onnx}.
 *
 * <p>Field numbers from onnx.proto (IR version 3+): ModelProto.graph = 7; GraphProto.initializer = 5,
 * input = 11, output = 12, sparse_initializer = 15; ValueInfoProto.name = 1, type = 2;
 * TypeProto.tensor_type = 1; TypeProto.Tensor.elem_type = 1, shape = 2; TensorShapeProto.dim = 1;
 * Dimension.dim_value = 1, dim_param = 2; TensorProto.name = 8; SparseTensorProto.values = 1.
 * Graph inputs that are also initializers (older exporters list weights as inputs) are dropped.
 */
public final class OnnxGraphPeek {
    /** ONNX protobufs cannot exceed 2 GiB (weights beyond that use external data). */
    private static final long MAX_BYTES = Integer.MAX_VALUE;

    /**
     * One graph input or output.
     *
     * @param name     tensor name
     * @param elemType TensorProto.DataType (1 = float32), 0 when not given
     * @param dims     one entry per axis: the size, or -1 when symbolic ("N") or unknown; empty when
     *                 the shape is not given
     */
    public record Value(String name, int elemType, List<Long> dims) {
        public Value {
            dims = List.copyOf(dims);
        }
    }

    /** The graph's real inputs (initializers excluded) and its outputs, in graph order. */
    public record Graph(List<Value> inputs, List<Value> outputs) {
        public Graph {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    private OnnxGraphPeek() {
    }

    /** @throws ModelPackageException naming the file when it is not a readable ONNX model */
    public static Graph read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                throw new ModelPackageException(file + ": larger than 2 GiB, not a single-file ONNX model");
            }
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return parseModel(buf, file);
        }
    }

    /** Parses ModelProto bytes (tests build small ones by hand). */
    static Graph parseModel(ByteBuffer buf, Object source) throws ModelPackageException {
        try {
            Reader model = new Reader(buf, 0, buf.limit());
            Graph graph = null;
            while (model.more()) {
                long key = model.varint();
                if (fieldOf(key) == 7 && wireOf(key) == 2) {
                    graph = parseGraph(model.message());
                } else {
                    model.skip(key);
                }
            }
            if (graph == null) {
                throw new ModelPackageException(source + ": not an ONNX model (no graph)");
            }
            return graph;
        } catch (BadProto e) {
            throw new ModelPackageException(source + ": not a readable ONNX model (" + e.getMessage() + ")");
        }
    }

    private static Graph parseGraph(Reader g) {
        List<Value> inputs = new ArrayList<>();
        List<Value> outputs = new ArrayList<>();
        Set<String> initializers = new HashSet<>();
        while (g.more()) {
            long key = g.varint();
            int field = fieldOf(key);
            if (wireOf(key) != 2) {
                g.skip(key);
            } else if (field == 11) {
                inputs.add(parseValueInfo(g.message()));
            } else if (field == 12) {
                outputs.add(parseValueInfo(g.message()));
            } else if (field == 5) {
                initializers.add(tensorName(g.message()));
            } else if (field == 15) {
                Reader sparse = g.message();
                while (sparse.more()) {
                    long k = sparse.varint();
                    if (fieldOf(k) == 1 && wireOf(k) == 2) {
                        initializers.add(tensorName(sparse.message()));
                    } else {
                        sparse.skip(k);
                    }
                }
            } else {
                g.skip(key);
            }
        }
        inputs.removeIf(v -> initializers.contains(v.name()));
        return new Graph(inputs, outputs);
    }

    private static String tensorName(Reader t) {
        String name = "";
        while (t.more()) {
            long key = t.varint();
            if (fieldOf(key) == 8 && wireOf(key) == 2) {
                name = t.string();
            } else {
                t.skip(key);
            }
        }
        return name;
    }

    private static Value parseValueInfo(Reader v) {
        String name = "";
        int elemType = 0;
        List<Long> dims = new ArrayList<>();
        while (v.more()) {
            long key = v.varint();
            if (fieldOf(key) == 1 && wireOf(key) == 2) {
                name = v.string();
            } else if (fieldOf(key) == 2 && wireOf(key) == 2) {
                Reader type = v.message();
                while (type.more()) {
                    long tk = type.varint();
                    if (fieldOf(tk) == 1 && wireOf(tk) == 2) {
                        Reader tensor = type.message();
                        while (tensor.more()) {
                            long k = tensor.varint();
                            if (fieldOf(k) == 1 && wireOf(k) == 0) {
                                elemType = (int) tensor.varint();
                            } else if (fieldOf(k) == 2 && wireOf(k) == 2) {
                                parseShape(tensor.message(), dims);
                            } else {
                                tensor.skip(k);
                            }
                        }
                    } else {
                        type.skip(tk);
                    }
                }
            } else {
                v.skip(key);
            }
        }
        return new Value(name, elemType, dims);
    }

    private static void parseShape(Reader shape, List<Long> dims) {
        while (shape.more()) {
            long key = shape.varint();
            if (fieldOf(key) == 1 && wireOf(key) == 2) {
                Reader dim = shape.message();
                long size = -1;
                while (dim.more()) {
                    long k = dim.varint();
                    if (fieldOf(k) == 1 && wireOf(k) == 0) {
                        long value = dim.varint();
                        size = value > 0 ? value : -1;
                    } else {
                        dim.skip(k);
                    }
                }
                dims.add(size);
            } else {
                shape.skip(key);
            }
        }
    }

    private static int fieldOf(long key) {
        return (int) (key >>> 3);
    }

    private static int wireOf(long key) {
        return (int) (key & 7);
    }

    /** Malformed protobuf (truncated, bad varint, unsupported wire type). */
    private static final class BadProto extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadProto(String message) {
            super(message, null, false, false);
        }
    }

    /** A bounded window [pos, end) over the buffer; every read is bounds-checked. */
    private static final class Reader {
        private final ByteBuffer buf;
        private int pos;
        private final int end;

        Reader(ByteBuffer buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new BadProto("truncated at byte " + pos);
                }
                byte b = buf.get(pos++);
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new BadProto("varint longer than 10 bytes at byte " + pos);
        }

        Reader message() {
            int len = length();
            Reader sub = new Reader(buf, pos, pos + len);
            pos += len;
            return sub;
        }

        String string() {
            int len = length();
            byte[] bytes = new byte[len];
            buf.get(pos, bytes);
            pos += len;
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int length() {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new BadProto("length " + len + " at byte " + pos + " runs past the end");
            }
            return (int) len;
        }

        void skip(long key) {
            switch ((int) (key & 7)) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> advance(length());
                case 5 -> advance(4);
                default -> throw new BadProto("unsupported wire type " + (key & 7) + " at byte " + pos);
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new BadProto("truncated at byte " + pos);
            }
            pos += n;
        }
    }
}
