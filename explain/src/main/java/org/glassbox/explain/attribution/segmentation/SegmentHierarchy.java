package org.glassbox.explain.attribution.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A binary hierarchy over M segments, the coalition structure of Partition SHAP's Owen values. Nodes
 * 0…M−1 are the segments (leaves); nodes M…2M−2 are groups, each with two children of smaller id, the
 * root last. Built by recursive spatial bisection: a group's segments are ordered by centroid along
 * the axis where they spread most (ties by id) and cut into halves, so neighbouring superpixels stay
 * together and the tree is balanced (depth ⌈log₂ M⌉), as {@code shap}'s image masker partitions by
 * halving the image along its longer side.
 */
public final class SegmentHierarchy {
    private final int leaves;
    private final int[] left;
    private final int[] right;
    private final int[] size;

    private SegmentHierarchy(int leaves, int[] left, int[] right) {
        this.leaves = leaves;
        this.left = left;
        this.right = right;
        this.size = new int[left.length];
        for (int node = 0; node < left.length; node++) {
            size[node] = node < leaves ? 1 : size[left[node]] + size[right[node]];
        }
    }

    /** Recursive bisection of the segments' centroids. */
    public static SegmentHierarchy bisect(Segmentation segmentation) {
        double[][] centroids = segmentation.centroids();
        int m = segmentation.count();
        int[] left = new int[2 * m - 1];
        int[] right = new int[2 * m - 1];
        Arrays.fill(left, -1);
        Arrays.fill(right, -1);
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            all.add(s);
        }
        int[] next = {m};
        build(all, centroids, left, right, next);
        return new SegmentHierarchy(m, left, right);
    }

    /**
     * A hierarchy given explicitly: {@code children[g]} = {left, right} of group node M+g, children
     * before parents, the last group the root.
     */
    public static SegmentHierarchy of(int leaves, int[][] children) {
        if (children.length != leaves - 1) {
            throw new IllegalArgumentException(leaves + " leaves need " + (leaves - 1) + " groups, got " + children.length);
        }
        int[] left = new int[2 * leaves - 1];
        int[] right = new int[2 * leaves - 1];
        Arrays.fill(left, -1);
        Arrays.fill(right, -1);
        boolean[] used = new boolean[2 * leaves - 1];
        for (int g = 0; g < children.length; g++) {
            int node = leaves + g;
            for (int child : children[g]) {
                if (child < 0 || child >= node || used[child]) {
                    throw new IllegalArgumentException("group " + node + ": child " + child + " is not an unused earlier node");
                }
                used[child] = true;
            }
            left[node] = children[g][0];
            right[node] = children[g][1];
        }
        return new SegmentHierarchy(leaves, left, right);
    }

    private static int build(List<Integer> segments, double[][] centroids, int[] left, int[] right, int[] next) {
        if (segments.size() == 1) {
            return segments.get(0);
        }
        int axis = spread(segments, centroids, 0) >= spread(segments, centroids, 1) ? 0 : 1;
        List<Integer> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.<Integer>comparingDouble(s -> centroids[s][axis]).thenComparingInt(s -> s));
        int half = sorted.size() / 2;
        int a = build(sorted.subList(0, half), centroids, left, right, next);
        int b = build(sorted.subList(half, sorted.size()), centroids, left, right, next);
        int node = next[0]++;
        left[node] = a;
        right[node] = b;
        return node;
    }

    private static double spread(List<Integer> segments, double[][] centroids, int axis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s : segments) {
            min = Math.min(min, centroids[s][axis]);
            max = Math.max(max, centroids[s][axis]);
        }
        return max - min;
    }

    public int leafCount() {
        return leaves;
    }

    public int nodeCount() {
        return left.length;
    }

    public int root() {
        return left.length - 1;
    }

    public boolean isLeaf(int node) {
        return node < leaves;
    }

    /** Left child of a group node; −1 for a leaf. */
    public int left(int node) {
        return left[node];
    }

    /** Right child of a group node; −1 for a leaf. */
    public int right(int node) {
        return right[node];
    }

    /** Number of leaves under {@code node}. */
    public int size(int node) {
        return size[node];
    }

    /** The leaves under {@code node}, ascending. */
    public int[] leavesOf(int node) {
        List<Integer> out = new ArrayList<>();
        collect(node, out);
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private void collect(int node, List<Integer> out) {
        if (isLeaf(node)) {
            out.add(node);
        } else {
            collect(left[node], out);
            collect(right[node], out);
        }
    }
}
