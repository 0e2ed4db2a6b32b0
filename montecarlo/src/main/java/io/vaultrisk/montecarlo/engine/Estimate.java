package io.vaultrisk.montecarlo.engine;

/** A Monte Carlo estimate and its standard error; the 95% interval is value ± 1.96 standard errors. */
public record Estimate(double value, double stderr) {
    public static final double Z95 = 1.959963984540054;

    public static Estimate of(double value, double stderr) {
        return new Estimate(value, stderr);
    }

    public double lower95() {
        return value - Z95 * stderr;
    }

    public double upper95() {
        return value + Z95 * stderr;
    }
}
