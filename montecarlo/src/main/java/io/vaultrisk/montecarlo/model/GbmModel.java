package io.vaultrisk.montecarlo.model;

/** Geometric Brownian motion under the pricing measure: dS/S = r dt + σ dW. */
public record GbmModel(double vol) implements PricingModel {
    public GbmModel {
        if (!(vol > 0) || !Double.isFinite(vol) || vol > 10) {
            throw new IllegalArgumentException("vol must be in (0, 10] (a decimal, 0.8 = 80%), got " + vol);
        }
    }

    public static GbmModel of(double vol) {
        return new GbmModel(vol);
    }

    @Override
    public io.vaultrisk.kernels.ModelKind kind() {
        return io.vaultrisk.kernels.ModelKind.GBM;
    }

    @Override
    public double[] parameters() {
        return new double[] {vol};
    }

    @Override
    public java.util.List<String> estimatedGreeks() {
        return java.util.List.of("delta", "gamma", "vega", "rho", "theta");
    }
}
