package org.glassbox.explain.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.glassbox.explain.attribution.segmentation.SegmentHierarchy;

/**
 * Partition SHAP: Owen values of a {@link CoalitionGame} for a binary {@link SegmentHierarchy}, by the
 * recursion of {@code shap}'s {@code PartitionExplainer} (its "owen" loop, no fixed context).
 *
 * <p>A group G met in context C (a coalition of whole groups outside G), with v(C) and v(C ∪ G) known,
 * is split into its children L and R by evaluating v(C ∪ L) and v(C ∪ R): in the two-player game of L
 * and R each child gets half of its marginal contribution with its sibling absent and half with it
 * present, so L is queued in contexts C and C ∪ R and R in contexts C and C ∪ L, each at half the
 * weight. A leaf's value is the weighted sum of v(C ∪ leaf) − v(C) over all its contexts — its Owen
 * value once every group is expanded. Groups are expanded largest weighted |v(C ∪ G) − v(C)| first
 * (ties: first queued) until the budget is spent; a group left unexpanded passes its weighted
 * difference to its leaves in proportion to their number. Each expansion splits a group's difference
 * exactly between its children, so Σφ = v(all) − v(none) whatever the budget.
 */
public final class PartitionShapEstimator {

    /**
     * @param values      φ per leaf; Σφ = full − empty
     * @param full        v(all)
     * @param empty       v(none)
     * @param evaluations game evaluations used (≤ budget, two per group expansion plus the two ends)
     * @param exact       every group was expanded: {@code values} are the exact Owen values
     */
    public record Result(double[] values, double full, double empty, long evaluations, boolean exact) {
    }

    private record Item(boolean[] context, double without, double with, int node, double weight, double priority,
                        long order) {
    }

    private PartitionShapEstimator() {
    }

    /**
     * @param budget    game evaluations allowed, ≥ 2
     * @param batchSize evaluations asked of the game at once, ≥ 2 (expansions are batched)
     */
    public static Result estimate(CoalitionGame game, SegmentHierarchy hierarchy, int budget, int batchSize) {
        int m = game.players();
        if (hierarchy.leafCount() != m) {
            throw new IllegalArgumentException("hierarchy has " + hierarchy.leafCount() + " leaves, the game " + m + " players");
        }
        if (budget < 2) {
            throw new IllegalArgumentException("partition SHAP needs at least 2 evaluations, got " + budget);
        }
        boolean[] all = new boolean[m];
        java.util.Arrays.fill(all, true);
        double[] ends = game.values(new boolean[][] {all, new boolean[m]});
        double full = ends[0];
        double empty = ends[1];
        long evaluations = 2;
        double[] credit = new double[hierarchy.nodeCount()];
        PriorityQueue<Item> queue = new PriorityQueue<>(Comparator.comparingDouble(Item::priority).reversed()
                .thenComparingLong(Item::order));
        long[] order = {0};
        queue.add(new Item(new boolean[m], empty, full, hierarchy.root(), 1.0, Double.POSITIVE_INFINITY, order[0]++));
        int perBatch = Math.max(1, batchSize / 2);
        while (!queue.isEmpty()) {
            List<Item> expand = new ArrayList<>();
            while (!queue.isEmpty() && expand.size() < perBatch) {
                Item item = queue.peek();
                if (hierarchy.isLeaf(item.node())) {
                    queue.poll();
                    credit[item.node()] += (item.with() - item.without()) * item.weight();
                    continue;
                }
                if (evaluations + 2L * (expand.size() + 1) > budget) {
                    break;
                }
                expand.add(queue.poll());
            }
            if (expand.isEmpty()) {
                break;
            }
            boolean[][] masks = new boolean[2 * expand.size()][];
            for (int i = 0; i < expand.size(); i++) {
                Item item = expand.get(i);
                masks[2 * i] = with(item.context(), hierarchy, hierarchy.left(item.node()));
                masks[2 * i + 1] = with(item.context(), hierarchy, hierarchy.right(item.node()));
            }
            double[] v = game.values(masks);
            evaluations += masks.length;
            for (int i = 0; i < expand.size(); i++) {
                Item item = expand.get(i);
                int left = hierarchy.left(item.node());
                int right = hierarchy.right(item.node());
                double f10 = v[2 * i];
                double f01 = v[2 * i + 1];
                double w = item.weight() / 2;
                queue.add(item(item.context(), item.without(), f10, left, w, order));
                queue.add(item(item.context(), item.without(), f01, right, w, order));
                queue.add(item(masks[2 * i + 1], f01, item.with(), left, w, order));
                queue.add(item(masks[2 * i], f10, item.with(), right, w, order));
            }
        }
        boolean exact = true;
        for (Item item : queue) {
            credit[item.node()] += (item.with() - item.without()) * item.weight();
            exact &= hierarchy.isLeaf(item.node());
        }
        double[] values = new double[m];
        lower(hierarchy, hierarchy.root(), 0, credit, values);
        return new Result(values, full, empty, evaluations, exact);
    }

    private static Item item(boolean[] context, double without, double with, int node, double weight, long[] order) {
        return new Item(context, without, with, node, weight, Math.abs(with - without) * weight, order[0]++);
    }

    /** Pushes each group's credit (plus what its ancestors passed down) to its leaves by leaf count. */
    private static void lower(SegmentHierarchy h, int node, double inherited, double[] credit, double[] values) {
        double total = credit[node] + inherited;
        if (h.isLeaf(node)) {
            values[node] = total;
            return;
        }
        int left = h.left(node);
        int right = h.right(node);
        lower(h, left, total * h.size(left) / h.size(node), credit, values);
        lower(h, right, total * h.size(right) / h.size(node), credit, values);
    }

    private static boolean[] with(boolean[] context, SegmentHierarchy h, int node) {
        boolean[] mask = context.clone();
        for (int leaf : h.leavesOf(node)) {
            mask[leaf] = true;
        }
        return mask;
    }
}
