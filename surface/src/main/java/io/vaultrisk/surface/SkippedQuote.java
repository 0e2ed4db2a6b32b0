package io.vaultrisk.surface;

/**
 * A chain row that was not used, and why (unparseable name, expired, zero or crossed prices, missing field, ...).
 *
 * @param instrument the row's instrument name, or "row N" when it has none
 * @param reason one line, naming the field at fault
 */
public record SkippedQuote(String instrument, String reason) {}
