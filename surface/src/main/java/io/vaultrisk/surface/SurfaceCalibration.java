package io.vaultrisk.surface;

import java.time.Instant;
import java.util.List;

/**
 * Everything a chain fit produces: the surface, per-expiry summaries, every quote used with market and fitted vols,
 * every row skipped with its reason, and the arbitrage found on the fitted surface.
 */
public record SurfaceCalibration(
        SurfaceModel model,
        Instant asOf,
        VolSurface surface,
        List<ExpiryFit> expiries,
        List<FittedPoint> points,
        List<SkippedQuote> skipped,
        ArbitrageReport arbitrage) {

    public SurfaceCalibration {
        expiries = List.copyOf(expiries);
        points = List.copyOf(points);
        skipped = List.copyOf(skipped);
    }
}
