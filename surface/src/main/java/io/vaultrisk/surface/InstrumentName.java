package io.vaultrisk.surface;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exchange's option names, {@code UNDERLYING-DMMMYY-STRIKE-C|P} (e.g. {@code BTC-27NOV26-62500-C}; linear options
 * name the settlement, {@code BTC_USDC-...}, and may write a decimal point as {@code d}, {@code 0d5}). Options expire at
 * 08:00 UTC on the named day.
 *
 * @param underlying e.g. BTC or BTC_USDC
 * @param expiry 08:00 UTC on the expiry day
 * @param strike the strike
 * @param putCall call or put
 */
public record InstrumentName(String underlying, Instant expiry, double strike, PutCall putCall) {

    private static final Pattern OPTION =
            Pattern.compile("([A-Z0-9]+(?:_[A-Z0-9]+)?)-(\\d{1,2})([A-Z]{3})(\\d{2})-(\\d+(?:[.d]\\d+)?)-([CP])");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1),
            Map.entry("FEB", 2),
            Map.entry("MAR", 3),
            Map.entry("APR", 4),
            Map.entry("MAY", 5),
            Map.entry("JUN", 6),
            Map.entry("JUL", 7),
            Map.entry("AUG", 8),
            Map.entry("SEP", 9),
            Map.entry("OCT", 10),
            Map.entry("NOV", 11),
            Map.entry("DEC", 12));

    /**
     * Parses a name.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static InstrumentName parse(String name) {
        Matcher m = OPTION.matcher(name.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "instrument_name '" + name + "' is not an option name" + " UNDERLYING-DMMMYY-STRIKE-C|P");
        }
        Integer month = MONTHS.get(m.group(3));
        if (month == null) {
            throw new IllegalArgumentException(
                    "instrument_name '" + name + "' has an unknown month '" + m.group(3) + "'");
        }
        LocalDate day;
        try {
            day = LocalDate.of(2000 + Integer.parseInt(m.group(4)), month, Integer.parseInt(m.group(2)));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("instrument_name '" + name + "' has an invalid date: " + e.getMessage());
        }
        double strike = Double.parseDouble(m.group(5).replace('d', '.'));
        if (!(strike > 0.0)) {
            throw new IllegalArgumentException("instrument_name '" + name + "' has a non-positive strike");
        }
        return new InstrumentName(
                m.group(1),
                day.atTime(8, 0).toInstant(ZoneOffset.UTC),
                strike,
                m.group(6).equals("C") ? PutCall.CALL : PutCall.PUT);
    }

    /** Linear (USD-settled, USD-quoted) options carry the settlement currency in the underlying, e.g. BTC_USDC. */
    public boolean linear() {
        return underlying.contains("_USD");
    }
}
