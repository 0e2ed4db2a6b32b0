package io.vaultrisk.surface;

import java.util.List;

/** Static arbitrage found on a surface; both lists empty means none on the checked grid. */
public record ArbitrageReport(List<ButterflyViolation> butterfly, List<CalendarViolation> calendar) {

    public ArbitrageReport {
        butterfly = List.copyOf(butterfly);
        calendar = List.copyOf(calendar);
    }

    public boolean isArbitrageFree() {
        return butterfly.isEmpty() && calendar.isEmpty();
    }
}
