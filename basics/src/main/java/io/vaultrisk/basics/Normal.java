package io.vaultrisk.basics;

/**
 * The standard normal distribution, the one home of Φ, Φ⁻¹ and φ for every module.
 * <ul>
 * <li>{@link #cdf}: accurate to about 2e-14 relative everywhere (tails included): Hart's rational approximation in the
 * body, a continued fraction in the tails.</li>
 * <li>{@link #fastCdf}: absolute accuracy (about 1e-16) with one exp, for hot loops that tabulate prices; the
 * continued fraction of {@link #cdf} costs hundreds of iterations near |x| = 3, which dominated building the horizon
 * grids of a 1,000-option book ({@code bench}'s RiskBookBenchmark): measured 40–65 ns a call against 360–480 ns for
 * {@link #cdf} on uniform points in [−6, 6] (shared 2-core machine).</li>
 * <li>{@link #quantile}: Wichura's AS 241, about 1e-16 relative over the whole open interval.</li>
 * </ul>
 */
public final class Normal {
    /** 1/√(2π). */
    public static final double INV_SQRT_2PI = 0.3989422804014327;

    private Normal() {}

    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    public static double cdf(double x) {
        if (x < -3.0) {
            return upperTail(-x);
        }
        if (x > 3.0) {
            return 1.0 - upperTail(x);
        }
        return hart(x);
    }

    /**
     * 1 − Φ(a) for a ≥ 3 from Laplace's continued fraction of the Mills ratio (modified Lentz), to full relative
     * precision: Hart's rational form is exact in absolute terms but loses relative digits deep in the tail, where
     * prices of far out-of-the-money options live.
     */
    static double upperTail(double a) {
        if (a > 38.5) {
            return 0.0;
        }
        double tiny = 1e-300, f = a, c = a, d = 0.0;
        for (int n = 1; n < 500; n++) {
            d = a + n * d;
            c = a + n / c;
            d = 1.0 / (d == 0 ? tiny : d);
            double delta = (c == 0 ? tiny : c) * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return pdf(a) / f;
    }

    /** Hart's algorithm 5666 (West 2005), used on [−3, 3] where it is good to 2e-14 relative. */
    static double hart(double x) {
        double a = Math.abs(x);
        double tail = hartTail(a);
        return x > 0 ? 1.0 - tail : tail;
    }

    /**
     * Φ by West's full double-precision Hart algorithm: one exp, absolute error near 1e-16 but only about 1e-8
     * relative beyond |x| ≈ 7. For hot loops that need prices (absolute accuracy), not far-tail probabilities.
     */
    public static double fastCdf(double x) {
        double a = Math.abs(x);
        double tail;
        if (a > 37.0) {
            tail = 0.0;
        } else if (a < 7.07106781186547) {
            tail = hartTail(a);
        } else {
            double b = a + 0.65;
            b = a + 4.0 / b;
            b = a + 3.0 / b;
            b = a + 2.0 / b;
            b = a + 1.0 / b;
            tail = Math.exp(-0.5 * a * a) / b / 2.506628274631;
        }
        return x > 0 ? 1.0 - tail : tail;
    }

    /**
     * Inverse of the distribution function: Wichura's algorithm AS 241 (PPND16), relative accuracy about 1e-16 over
     * the whole open interval. Also turns (shifted) Sobol points into normals.
     */
    public static double quantile(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q
                    * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                                                                                            + 45921.953931549871457)
                                                                                    * r
                                                                            + 13731.693765509461125)
                                                                    * r
                                                            + 1971.5909503065514427)
                                                    * r
                                            + 133.14166789178437745)
                                    * r
                            + 3.387132872796366608)
                    / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                                                                                            + 21213.794301586595867)
                                                                                    * r
                                                                            + 5394.1960214247511077)
                                                                    * r
                                                            + 687.1870074920579083)
                                                    * r
                                            + 42.313330701600911252)
                                    * r
                            + 1.0);
        }
        double r = q < 0 ? p : 1.0 - p;
        r = Math.sqrt(-Math.log(r));
        double val;
        if (r <= 5.0) {
            r -= 1.6;
            val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                                                                                            + 1.27045825245236838258)
                                                                                    * r
                                                                            + 3.64784832476320460504)
                                                                    * r
                                                            + 5.7694972214606914055)
                                                    * r
                                            + 4.6303378461565452959)
                                    * r
                            + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966)
                                                                                                    * r
                                                                                            + 0.14810397642748007459)
                                                                                    * r
                                                                            + 0.68976733498510000455)
                                                                    * r
                                                            + 1.6763848301838038494)
                                                    * r
                                            + 2.05319162663775882187)
                                    * r
                            + 1.0);
        } else {
            r -= 5.0;
            val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                                                                                            + 0.026532189526576123093)
                                                                                    * r
                                                                            + 0.29656057182850489123)
                                                                    * r
                                                            + 1.7848265399172913358)
                                                    * r
                                            + 5.4637849111641143699)
                                    * r
                            + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5)
                                                                                                    * r
                                                                                            + 7.868691311456132591e-4)
                                                                                    * r
                                                                            + 0.0148753612908506148525)
                                                                    * r
                                                            + 0.13692988092273580531)
                                                    * r
                                            + 0.59983220655588793769)
                                    * r
                            + 1.0);
        }
        return q < 0 ? -val : val;
    }

    /**
     * Hart's rational form of Φ(−a) for a ≥ 0. The device kernels carry a copy ({@code vr_cdf} in kernels-gpu's
     * vaultrisk_models.h, with the tail fraction below); OpenClModelsTest holds the two to the same sums.
     */
    private static double hartTail(double a) {
        double e = Math.exp(-0.5 * a * a);
        double num = 3.52624965998911e-02 * a + 0.700383064443688;
        num = num * a + 6.37396220353165;
        num = num * a + 33.912866078383;
        num = num * a + 112.079291497871;
        num = num * a + 221.213596169931;
        num = num * a + 220.206867912376;
        double den = 8.83883476483184e-02 * a + 1.75566716318264;
        den = den * a + 16.064177579207;
        den = den * a + 86.7807322029461;
        den = den * a + 296.564248779674;
        den = den * a + 637.333633378831;
        den = den * a + 793.826512519948;
        den = den * a + 440.413735824752;
        return e * num / den;
    }
}
