package io.vaultrisk.kernels.cpu;

/**
 * Brownian bridge on an even grid of {@code steps} steps over [0, T]: the first normal fixes W(T), each next one the
 * midpoint of the widest remaining gap. It hands the best Sobol dimensions to the largest scales of the path, which
 * is what makes QMC pay off on path-dependent and multi-step problems.
 */
final class BrownianBridge {
    private final int steps;
    private final int[] left, right, target;
    private final double[] leftWeight, rightWeight, sd;
    private final double terminalSd;

    BrownianBridge(int steps, double expiry) {
        this.steps = steps;
        double dt = expiry / steps;
        left = new int[steps];
        right = new int[steps];
        target = new int[steps];
        leftWeight = new double[steps];
        rightWeight = new double[steps];
        sd = new double[steps];
        terminalSd = Math.sqrt(expiry);
        // breadth-first over gaps, so construction order follows decreasing gap width
        int[] queueLeft = new int[2 * steps + 1], queueRight = new int[2 * steps + 1];
        int head = 0, tail = 0, k = 1;
        queueLeft[tail] = 0;
        queueRight[tail++] = steps;
        while (head < tail) {
            int l = queueLeft[head], r = queueRight[head++];
            if (r - l < 2) {
                continue;
            }
            int m = (l + r) >>> 1;
            left[k] = l;
            right[k] = r;
            target[k] = m;
            double tl = l * dt, tm = m * dt, tr = r * dt;
            leftWeight[k] = (tr - tm) / (tr - tl);
            rightWeight[k] = (tm - tl) / (tr - tl);
            sd[k] = Math.sqrt((tm - tl) * (tr - tm) / (tr - tl));
            k++;
            queueLeft[tail] = l;
            queueRight[tail++] = m;
            queueLeft[tail] = m;
            queueRight[tail++] = r;
        }
        if (k != steps) {
            throw new IllegalStateException("bridge built " + k + " of " + steps + " points");
        }
    }

    /** Fills w[0..steps] (w[0] = 0) from {@code steps} standard normals, most important first. */
    void build(double[] normals, double[] w) {
        w[0] = 0.0;
        w[steps] = terminalSd * normals[0];
        for (int k = 1; k < steps; k++) {
            w[target[k]] = leftWeight[k] * w[left[k]] + rightWeight[k] * w[right[k]] + sd[k] * normals[k];
        }
    }
}
