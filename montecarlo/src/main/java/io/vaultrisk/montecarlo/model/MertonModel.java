package io.vaultrisk.montecarlo.model;

/**
 * Merton (1976) jump diffusion: dS/S = (r − λk) dt + σ dW + (J − 1) dN, with log J ~ N(μ_J, σ_J²) and
 * k = E[J − 1] = e^(μ_J + σ_J²/2) − 1, so the discounted spot is a martingale.
 *
 * @param intensity jumps per year (λ)
 * @param jumpMean mean of the log jump size (μ_J)
 * @param jumpVol standard deviation of the log jump size (σ_J)
 */
public record MertonModel(double vol, double intensity, double jumpMean, double jumpVol) implements PricingModel {
    public MertonModel {
        if (!(vol > 0) || vol > 10) {
            throw new IllegalArgumentException("vol must be in (0, 10], got " + vol);
        }
        if (!(intensity >= 0) || intensity > 1000) {
            throw new IllegalArgumentException("jump intensity must be in [0, 1000] jumps per year, got " + intensity);
        }
        if (!Double.isFinite(jumpMean) || Math.abs(jumpMean) > 5) {
            throw new IllegalArgumentException("jump mean (of the log jump) must be in [-5, 5], got " + jumpMean);
        }
        if (!(jumpVol >= 0) || jumpVol > 5) {
            throw new IllegalArgumentException("jump vol must be in [0, 5], got " + jumpVol);
        }
    }

    public static MertonModel of(double vol, double intensity, double jumpMean, double jumpVol) {
        return new MertonModel(vol, intensity, jumpMean, jumpVol);
    }

    /** k = E[J] − 1, the mean relative jump. */
    public double meanRelativeJump() {
        return Math.expm1(jumpMean + 0.5 * jumpVol * jumpVol);
    }

    @Override
    public io.vaultrisk.kernels.ModelKind kind() {
        return io.vaultrisk.kernels.ModelKind.MERTON;
    }

    @Override
    public double[] parameters() {
        return new double[] {vol, intensity, jumpMean, jumpVol};
    }

    @Override
    public java.util.List<String> estimatedGreeks() {
        return java.util.List.of("delta", "gamma", "vega", "rho");
    }
}
