package io.vaultrisk.surface;

import io.vaultrisk.basics.Erfcx;
import io.vaultrisk.basics.Normal;

/**
 * The normalised Black function of Jäckel: for log-moneyness {@code x = ln(F/K)} and total standard deviation
 * {@code s = σ√T}, {@code b(x, s) = θ [e^{x/2} Φ(θ(x/s + s/2)) - e^{-x/2} Φ(θ(x/s - s/2))]} is the undiscounted Black
 * price divided by {@code √(FK)}.
 * <p>
 * The solver works on the out-of-the-money call ({@code x ≤ 0}), whose time value equals that of every other case. There
 * {@code b} is kept as {@code exp(-q)·B} with {@code q = (h² + t²)/2}, {@code h = x/s}, {@code t = s/2} and
 * {@code B = [erfcx(m - d) - erfcx(m + d)]/2}, {@code m = -h/√2}, {@code d = t/√2}: both normal tails share the factor
 * {@code exp(-q)}, so tiny prices neither underflow nor cancel. When {@code d} is small the difference of the two erfcx
 * values is taken from the Taylor series around {@code m} (odd terms only), whose derivatives follow from
 * {@code erfcx' = 2x erfcx - 2/√π} and {@code erfcx⁽ⁿ⁺¹⁾ = 2x erfcx⁽ⁿ⁾ + 2n erfcx⁽ⁿ⁻¹⁾}. Well above the inflexion point
 * the complement {@code c = e^{x/2} - b = exp(-q)·[erfcx(d - m) + erfcx(m + d)]/2} (a sum, no cancellation) is computed
 * first.
 */
final class NormalisedBlack {

    /** Results of the last {@link #evaluate}: mutable scratch, reused inside one solve and never shared. */
    double q;

    double b;
    double c;
    /** b'(s)/b and b'(s)/c, computed without underflow. */
    double vegaOverB;

    double vegaOverC;
    double logB;
    double logC;
    double vega;

    /** What {@link #evaluate} must fill in besides b, c and vega: the logarithms cost as much as the rest. */
    static final int PLAIN = 0;

    static final int LOG_B = 1;
    static final int LOG_C = 2;

    /** Evaluates the out-of-the-money call ({@code x ≤ 0}) at {@code s > 0}; {@code bMax = e^{x/2}}. */
    void evaluate(double x, double s, double bMax, int logs) {
        double h = x / s;
        double t = 0.5 * s;
        q = 0.5 * (h * h + t * t);
        double m = -h / Erfcx.SQRT_2;
        double d = t / Erfcx.SQRT_2;
        double e = Math.exp(-q);
        vega = Normal.INV_SQRT_2PI * e;
        boolean taylor = d <= 0.05 && m * d <= 0.05;
        if (taylor || m - d >= -0.5) {
            double scaledB = taylor ? taylorHalfDifference(m, d) : 0.5 * (Erfcx.erfcx(m - d) - Erfcx.erfcx(m + d));
            b = e * scaledB;
            c = bMax - b;
            if (logs == LOG_B) {
                logB = Math.log(scaledB) - q;
                vegaOverB = Normal.INV_SQRT_2PI / scaledB;
            } else if (logs == LOG_C) {
                logC = Math.log(c);
                vegaOverC = vega / c;
            }
        } else {
            double scaledC = 0.5 * (Erfcx.erfcx(d - m) + Erfcx.erfcx(m + d));
            c = e * scaledC;
            b = bMax - c;
            if (logs == LOG_C) {
                logC = Math.log(scaledC) - q;
                vegaOverC = Normal.INV_SQRT_2PI / scaledC;
            } else if (logs == LOG_B) {
                logB = Math.log(b);
                vegaOverB = vega / b;
            }
        }
    }

    /**
     * [erfcx(m - d) - erfcx(m + d)]/2 = -Σ_{k odd} d^k erfcx⁽ᵏ⁾(m)/k!, to eleventh order; with d ≤ 0.05 and md ≤ 0.05 the
     * first omitted term is below 1e-17 of the sum.
     */
    private static double taylorHalfDifference(double m, double d) {
        double e0 = Erfcx.erfcx(m);
        double e1 = 2.0 * m * e0 - 2.0 * Erfcx.INV_SQRT_PI;
        double sum = 0.0;
        double prev = e0;
        double cur = e1;
        double dk = d;
        double factorial = 1.0;
        for (int k = 1; k <= 11; k++) {
            if ((k & 1) == 1) {
                sum += dk * cur / factorial;
            }
            double next = 2.0 * m * cur + 2.0 * k * prev;
            prev = cur;
            cur = next;
            dk *= d;
            factorial *= k + 1;
        }
        return -sum;
    }

    /** b(x, s) for any x and either sign θ, as a plain value (may underflow to 0 for hopeless inputs). */
    static double price(double x, double s, int theta) {
        if (s <= 0.0) {
            return Math.max(theta * 2.0 * Math.sinh(0.5 * x), 0.0);
        }
        double intrinsic = Math.max(theta * 2.0 * Math.sinh(0.5 * x), 0.0);
        double xOtm = -Math.abs(x);
        NormalisedBlack nb = new NormalisedBlack();
        nb.evaluate(xOtm, s, Math.exp(0.5 * xOtm), PLAIN);
        return intrinsic + nb.b;
    }
}
