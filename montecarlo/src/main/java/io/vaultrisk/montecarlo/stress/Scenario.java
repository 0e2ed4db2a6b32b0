package io.vaultrisk.montecarlo.stress;

import java.util.List;
import java.util.Map;

/**
 * A historical or hypothetical stress: instantaneous relative spot returns per underlying and a relative vol shock.
 * Underlyings a scenario does not list move like its worst listed return (a conservative proxy, reported).
 */
public record Scenario(
        String id,
        String name,
        String date,
        String measure,
        Map<String, Double> returns,
        double volShock,
        List<Source> sources) {
    public Scenario {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("scenario: field 'id' is required");
        }
        if (returns == null || returns.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + id + "': field 'returns' needs at least one underlying");
        }
        for (Map.Entry<String, Double> e : returns.entrySet()) {
            if (e.getValue() == null || !(e.getValue() > -1) || e.getValue() > 10) {
                throw new IllegalArgumentException("scenario '" + id + "': field 'returns." + e.getKey()
                        + "': must be a relative return in (-1, 10], got " + e.getValue());
            }
        }
        if (!(volShock > -1) || volShock > 10) {
            throw new IllegalArgumentException(
                    "scenario '" + id + "': field 'volShock': must be in (-1, 10], got " + volShock);
        }
        returns = Map.copyOf(returns);
        sources = sources == null ? List.of() : List.copyOf(sources);
        name = name == null ? id : name;
    }

    /** Where a figure comes from. */
    public record Source(String underlying, String figure, String url) {}

    public double worstReturn() {
        return returns.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }
}
