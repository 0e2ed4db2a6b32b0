package io.vaultrisk.montecarlo.risk;

/**
 * A function of log-spot tabulated on a uniform grid with its derivative, interpolated by cubic Hermite
 * polynomials: error O(h⁴) for smooth functions (an option with time left is smooth in log-spot). Outside the grid
 * the function is extended linearly, which never happens for the simulated spots it was built for.
 */
final class ValueGrid {
    final double start, step;
    final double[] value, slope;

    ValueGrid(double start, double step, int nodes) {
        this.start = start;
        this.step = step;
        this.value = new double[nodes];
        this.slope = new double[nodes];
    }

    double x(int j) {
        return start + j * step;
    }

    void add(ValueGrid other) {
        for (int j = 0; j < value.length; j++) {
            value[j] += other.value[j];
            slope[j] += other.slope[j];
        }
    }

    double at(double logSpot) {
        double f = (logSpot - start) / step;
        int n = value.length;
        if (f <= 0) {
            return value[0] + slope[0] * (logSpot - start);
        }
        if (f >= n - 1) {
            return value[n - 1] + slope[n - 1] * (logSpot - x(n - 1));
        }
        int j = (int) f;
        double t = f - j, t2 = t * t, t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
        return h00 * value[j] + h10 * step * slope[j] + h01 * value[j + 1] + h11 * step * slope[j + 1];
    }
}
