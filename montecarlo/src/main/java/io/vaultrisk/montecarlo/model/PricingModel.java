package io.vaultrisk.montecarlo.model;

import io.vaultrisk.kernels.ModelKind;
import java.util.List;

/** A single-asset model the engine can simulate on any backend; its parameters travel as a flat array. */
public sealed interface PricingModel permits GbmModel, MertonModel, HestonModel {

    ModelKind kind();

    double[] parameters();

    /** The greeks its kernels estimate (others are not reported). */
    List<String> estimatedGreeks();

    default String name() {
        return kind().name().toLowerCase(java.util.Locale.ROOT);
    }
}
