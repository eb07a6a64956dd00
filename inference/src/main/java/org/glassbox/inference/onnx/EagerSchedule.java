package org.glassbox.inference.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the ops of a SameDiff graph eagerly, in the order they were added (which is a topological
 * order: the ONNX converters add an op only after its inputs exist), each by one direct
 * {@code Nd4j.exec(op, context)} — no SameDiff session, no per-op dependency tracking, no array
 * cache. The ops are the very objects the converters created, so an ONNX op is described once
 * (shapes, attributes, validation in its converter) and executed either way: by SameDiff for
 * gradients and by this schedule for forward passes.
 *
 * <p>Shapes are static (the compiler specialises a graph to concrete input shapes), so the output
 * buffers of a request are planned once, on its first run: a step's output takes a free buffer of
 * the same type and length, and a buffer is free again after the last step that reads it. Later
 * runs of the same request write into the same buffers; different requests share the buffer pool
 * (runs never overlap — the schedule is not thread-safe). Arrays returned to callers are copies.
 */
final class EagerSchedule implements AutoCloseable {
    /** One op: its input and output slots and a native context holding its arguments. */
    private record Step(DifferentialFunction op, int[] in, int[] out, OpContext context) {
        String kind() {
            return op.opName();
        }
    }

    /** The planned execution of one request: which steps run and where their outputs go. */
    private record Plan(int[] steps, INDArray[][] outputs, int[] wanted) {
    }

    private final String source;
    private final Map<String, Integer> slots = new HashMap<>();
    private final String[] slotNames;
    private final INDArray[] fixed;
    private final int[] producer;
    private final List<Step> steps = new ArrayList<>();
    private final Map<List<String>, Plan> plans = new HashMap<>();
    /** Base buffers by type and length; shared by every plan. */
    private final Map<BufferKey, List<INDArray>> arena = new HashMap<>();
    /** Static shapes the converters declared, by SameDiff variable; checked when a plan is made. */
    private final Map<String, long[]> declared;

    private record BufferKey(DataType type, long length) {
    }

    /**
     * @param sd     the graph; its ops must be in dependency order
     * @param source the model file, for messages
     */
    EagerSchedule(SameDiff sd, String source) {
        this(sd, source, Map.of());
    }

    /**
     * @param declared the shape each converter declared for (some of) the variables: planning a run
     *                 fails naming the op when ND4J computes another shape, instead of a wrong
     *                 shape travelling on to a later op
     */
    EagerSchedule(SameDiff sd, String source, Map<String, long[]> declared) {
        this.source = source;
        this.declared = Map.copyOf(declared);
        List<String> names = new ArrayList<>();
        List<INDArray> fixedArrays = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            slots.put(v.name(), names.size());
            names.add(v.name());
            boolean known = v.getVariableType() == VariableType.CONSTANT || v.getVariableType() == VariableType.VARIABLE;
            fixedArrays.add(known ? v.getArr() : null);
        }
        slotNames = names.toArray(new String[0]);
        fixed = fixedArrays.toArray(new INDArray[0]);
        producer = new int[slotNames.length];
        Arrays.fill(producer, -1);
        for (SameDiffOp op : sd.getOps().values()) {
            int[] in = indices(op.getInputsToOp());
            int[] out = indices(op.getOutputsOfOp());
            for (int s : in) {
                if (fixed[s] == null && producer[s] < 0 && sd.getVariable(slotNames[s]).getVariableType() != VariableType.PLACEHOLDER) {
                    throw new IllegalStateException(source + ": op " + op.getName() + " reads '" + slotNames[s] + "' before it is computed");
                }
            }
            for (int s : out) {
                producer[s] = steps.size();
            }
            OpContext context = Nd4j.getExecutioner().buildContext();
            if (op.getOp() instanceof DynamicCustomOp c) {
                context.setIArguments(c.iArgs());
                context.setTArguments(c.tArgs());
                context.setBArguments(c.bArgs());
                context.setDArguments(c.dArgs());
            } else if (!(op.getOp() instanceof Op)) {
                throw new IllegalStateException(source + ": op " + op.getName() + " (" + op.getOp().opName() + ") cannot run eagerly");
            }
            steps.add(new Step(op.getOp(), in, out, context));
        }
    }

    private int[] indices(List<String> names) {
        if (names == null) {
            return new int[0];
        }
        int[] r = new int[names.size()];
        for (int i = 0; i < r.length; i++) {
            Integer s = slots.get(names.get(i));
            if (s == null) {
                throw new IllegalStateException(source + ": unknown variable '" + names.get(i) + "'");
            }
            r[i] = s;
        }
        return r;
    }

    /** Time per op kind, summed over the steps a profiled run executed. */
    static final class Profile {
        private final Map<String, long[]> byKind = new LinkedHashMap<>();
        private final List<String> steps = new ArrayList<>();
        private final List<Long> stepNanos = new ArrayList<>();

        void add(String kind, long nanos) {
            long[] e = byKind.computeIfAbsent(kind, k -> new long[2]);
            e[0]++;
            e[1] += nanos;
        }

        void addStep(String description, long nanos) {
            steps.add(description);
            stepNanos.add(nanos);
        }

        /** Every executed step ("kind input-shapes"), in order, with its nanoseconds. */
        List<Map.Entry<String, Long>> steps() {
            List<Map.Entry<String, Long>> r = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                r.add(Map.entry(steps.get(i), stepNanos.get(i)));
            }
            return r;
        }

        /** Op kind → {calls, total nanoseconds}, in first-seen order. */
        Map<String, long[]> byKind() {
            return byKind;
        }
    }

    /**
     * @param feed    arrays for the placeholders, by SameDiff name
     * @param wanted  SameDiff names to return
     * @param profile null, or where to add per-op timings
     * @return a copy of each wanted array (constants and fed arrays as they are), by name
     */
    Map<String, INDArray> run(Map<String, INDArray> feed, List<String> wanted, Profile profile) {
        INDArray[] values = fixed.clone();
        for (Map.Entry<String, INDArray> f : feed.entrySet()) {
            values[slot(f.getKey())] = f.getValue();
        }
        Plan plan = plans.get(wanted);
        boolean planning = plan == null;
        if (planning) {
            plan = newPlan(wanted);
        }
        int[] lastUse = planning ? lastUses(plan) : null;
        Map<BufferKey, Deque<INDArray>> freeByKey = planning ? new HashMap<>() : null;
        for (int p = 0; p < plan.steps().length; p++) {
            Step step = steps.get(plan.steps()[p]);
            INDArray[] in = new INDArray[step.in().length];
            for (int i = 0; i < in.length; i++) {
                in[i] = values[step.in()[i]];
                if (in[i] == null) {
                    throw new IllegalArgumentException(source + ": no value for '" + slotNames[step.in()[i]] + "'");
                }
            }
            OpContext ctx = step.context();
            ctx.setInputArrays(in);
            if (planning) {
                plan.outputs()[p] = allocate(step, freeByKey);
            }
            INDArray[] out = plan.outputs()[p];
            ctx.setOutputArrays(out);
            long t0 = profile == null ? 0 : System.nanoTime();
            if (step.op() instanceof CustomOp c) {
                Nd4j.exec(c, ctx);
            } else {
                Nd4j.exec((Op) step.op(), ctx);
            }
            if (profile != null) {
                long nanos = System.nanoTime() - t0;
                profile.add(step.kind(), nanos);
                StringBuilder d = new StringBuilder(step.kind());
                for (INDArray a : in) {
                    d.append(' ').append(Arrays.toString(a.shape()));
                }
                profile.addStep(d.toString(), nanos);
            }
            for (int i = 0; i < out.length; i++) {
                values[step.out()[i]] = out[i];
            }
            if (planning) {
                release(step, p, lastUse, values, freeByKey);
            }
        }
        Map<String, INDArray> result = new LinkedHashMap<>();
        for (int w : plan.wanted()) {
            INDArray a = values[w];
            if (a == null) {
                throw new IllegalArgumentException(source + ": no value for '" + slotNames[w] + "'");
            }
            result.put(slotNames[w], producer[w] >= 0 ? a.dup() : a);
        }
        return result;
    }

    private int slot(String name) {
        Integer s = slots.get(name);
        if (s == null) {
            throw new IllegalArgumentException(source + ": no variable '" + name + "'");
        }
        return s;
    }

    /** The steps {@code wanted} depends on, in schedule order. */
    private Plan newPlan(List<String> wanted) {
        boolean[] needed = new boolean[steps.size()];
        int[] wantedSlots = new int[wanted.size()];
        Deque<Integer> todo = new ArrayDeque<>();
        for (int i = 0; i < wantedSlots.length; i++) {
            wantedSlots[i] = slot(wanted.get(i));
            if (producer[wantedSlots[i]] >= 0) {
                todo.push(producer[wantedSlots[i]]);
            }
        }
        while (!todo.isEmpty()) {
            int s = todo.pop();
            if (needed[s]) {
                continue;
            }
            needed[s] = true;
            for (int in : steps.get(s).in()) {
                if (producer[in] >= 0 && !needed[producer[in]]) {
                    todo.push(producer[in]);
                }
            }
        }
        int[] order = java.util.stream.IntStream.range(0, steps.size()).filter(i -> needed[i]).toArray();
        Plan plan = new Plan(order, new INDArray[order.length][], wantedSlots);
        plans.put(List.copyOf(wanted), plan);
        return plan;
    }

    /** For every slot, the position in the plan of the last step reading it (wanted slots: never released). */
    private int[] lastUses(Plan plan) {
        int[] last = new int[slotNames.length];
        Arrays.fill(last, -1);
        for (int p = 0; p < plan.steps().length; p++) {
            for (int in : steps.get(plan.steps()[p]).in()) {
                last[in] = p;
            }
        }
        for (int w : plan.wanted()) {
            last[w] = Integer.MAX_VALUE;
        }
        return last;
    }

    /** Output arrays for a step: free arena buffers of the right type and length, or new ones. */
    private INDArray[] allocate(Step step, Map<BufferKey, Deque<INDArray>> free) {
        List<LongShapeDescriptor> shapes = step.op().calculateOutputShape(step.context());
        if (shapes.size() != step.out().length) {
            throw new IllegalStateException(source + ": op " + step.kind() + " declares " + shapes.size() + " outputs, the graph "
                    + step.out().length);
        }
        INDArray[] out = new INDArray[shapes.size()];
        for (int i = 0; i < out.length; i++) {
            LongShapeDescriptor d = shapes.get(i);
            long[] shape = d.getShape();
            long[] expected = declared.get(slotNames[step.out()[i]]);
            if (expected != null && !Arrays.equals(expected, shape)) {
                throw new IllegalStateException(source + ": op " + step.kind() + " computes '" + slotNames[step.out()[i]] + "' with shape "
                        + Arrays.toString(shape) + ", the ONNX graph expects " + Arrays.toString(expected));
            }
            long length = 1;
            for (long s : shape) {
                length *= s;
            }
            if (d.isEmpty() || length == 0) {
                out[i] = Nd4j.create(d.dataType(), shape);
                continue;
            }
            BufferKey key = new BufferKey(d.dataType(), length);
            INDArray base = takeFree(key, free);
            out[i] = shape.length == 0 ? base.reshape(new long[0]) : base.reshape('c', shape);
        }
        return out;
    }

    private INDArray takeFree(BufferKey key, Map<BufferKey, Deque<INDArray>> free) {
        Deque<INDArray> q = free.computeIfAbsent(key, k -> new ArrayDeque<>(arena.getOrDefault(k, List.of())));
        if (!q.isEmpty()) {
            return q.pop();
        }
        INDArray base = Nd4j.create(key.type(), key.length());
        arena.computeIfAbsent(key, k -> new ArrayList<>()).add(base);
        return base;
    }

    /** Returns to the free lists the buffers whose last reader was step {@code p}. */
    private void release(Step step, int p, int[] lastUse, INDArray[] values, Map<BufferKey, Deque<INDArray>> free) {
        for (int in : step.in()) {
            if (lastUse[in] == p && producer[in] >= 0) {
                giveBack(values[in], free);
                lastUse[in] = -2;
            }
        }
        // Outputs nobody reads (e.g. unused optional outputs) are free at once.
        for (int s : step.out()) {
            if (lastUse[s] == -1) {
                giveBack(values[s], free);
                lastUse[s] = -2;
            }
        }
    }

    private void giveBack(INDArray view, Map<BufferKey, Deque<INDArray>> free) {
        if (view.isEmpty() || view.length() == 0) {
            return;
        }
        BufferKey key = new BufferKey(view.dataType(), view.length());
        for (INDArray base : arena.getOrDefault(key, List.of())) {
            if (base.data().address() == view.data().address()) {
                free.get(key).push(base);
                return;
            }
        }
        throw new IllegalStateException(source + ": the buffer plan lost track of a " + key);
    }

    /** Number of ops in the schedule. */
    int size() {
        return steps.size();
    }

    @Override
    public void close() {
        for (Step s : steps) {
            try {
                s.context().close();
            } catch (Exception e) {
                // Native contexts are also freed by the deallocator; nothing to report.
            }
        }
        plans.clear();
        arena.clear();
    }
}
