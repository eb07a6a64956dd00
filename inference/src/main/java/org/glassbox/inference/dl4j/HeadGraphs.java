package org.glassbox.inference.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The part of a DL4J graph above one layer, as its own graph: the layer and every vertex from below
 * that the upper vertices read (a skip connection) become network inputs ("cuts"). Backpropagating
 * through it costs only the layers above the target layer — what Grad-CAM needs — whereas the full
 * probe graph's backward pass runs down to the input (4–5× a forward pass on a CNN).
 */
final class HeadGraphs {
    private HeadGraphs() {
    }

    /**
     * A head graph and the names to feed it, in its network-input order (the layer first).
     *
     * @param graph  ready to run, with the parameters of the graph it was cut from (copied)
     * @param inputs the layer, then the cuts
     */
    record Head(ProbeGraph graph, List<String> inputs) {
    }

    /**
     * @param probe  the loss-free, workspace-free gradient graph ({@link InferenceGraphs#forGradients})
     * @param layer  a vertex of it that the output depends on
     * @return null when the output does not depend on {@code layer}
     */
    static Head above(ProbeGraph probe, String layer) {
        ComputationGraphConfiguration conf = probe.getConfiguration();
        Map<String, List<String>> vertexInputs = conf.getVertexInputs();
        Set<String> above = new HashSet<>();
        above.add(layer);
        List<String> headVertices = new ArrayList<>();
        Set<String> cuts = new LinkedHashSet<>();
        for (String v : conf.getTopologicalOrderStr()) {
            List<String> in = vertexInputs.get(v);
            if (in == null || v.equals(layer) || in.stream().noneMatch(above::contains)) {
                continue;
            }
            above.add(v);
            headVertices.add(v);
            for (String i : in) {
                if (!above.contains(i)) {
                    cuts.add(i);
                }
            }
        }
        String output = conf.getNetworkOutputs().get(0);
        if (!above.contains(output)) {
            return null;
        }
        if (output.equals(layer)) {
            // Nothing above: the gradient with respect to the output is the epsilon itself.
            return new Head(null, List.of(layer));
        }
        List<String> inputs = new ArrayList<>();
        inputs.add(layer);
        inputs.addAll(cuts);
        ComputationGraphConfiguration c = conf.clone();
        Map<String, GraphVertex> vertices = new LinkedHashMap<>();
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (String v : headVertices) {
            vertices.put(v, conf.getVertices().get(v).clone());
            edges.put(v, new ArrayList<>(vertexInputs.get(v)));
        }
        c.setVertices(vertices);
        c.setVertexInputs(edges);
        c.setNetworkInputs(inputs);
        c.setNetworkOutputs(List.of(output));
        c.setTopologicalOrder(null);
        c.setTopologicalOrderStr(null);
        ProbeGraph head = new ProbeGraph(c);
        head.init();
        Map<String, org.deeplearning4j.nn.api.Layer> byName = new HashMap<>();
        for (org.deeplearning4j.nn.api.Layer l : probe.getLayers()) {
            byName.put(l.conf().getLayer().getLayerName(), l);
        }
        for (org.deeplearning4j.nn.api.Layer l : head.getLayers()) {
            org.deeplearning4j.nn.api.Layer source = byName.get(l.conf().getLayer().getLayerName());
            // Parameter by parameter: Layer.setParams(flat) fails on the depthwise convolutions
            // that stand in for batch norm (its param table lookup returns null).
            for (Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> p : l.paramTable().entrySet()) {
                p.getValue().assign(source.getParam(p.getKey()));
            }
        }
        return new Head(head, inputs);
    }

    /** For messages: the graph a head was cut from has this many vertices in all. */
    static int vertexCount(ComputationGraph g) {
        return g.getVertices().length;
    }
}
