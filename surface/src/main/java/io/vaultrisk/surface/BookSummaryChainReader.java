package io.vaultrisk.surface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an option chain in the layout of the exchange's {@code public/get_book_summary_by_currency} answer: an object
 * whose {@code result} array (a bare array is accepted too) holds one row per instrument with {@code instrument_name},
 * {@code underlying_price} (the forward of that expiry), {@code bid_price}/{@code ask_price}/{@code mark_price} (coin
 * for inverse options), {@code mark_iv} (percent) and {@code creation_timestamp} (ms since the epoch).
 * <p>
 * Every row that cannot be used is skipped with a one-line reason and never stops the import: futures and other names
 * that are not options, invalid dates, a missing or non-numeric field, a non-positive forward, a zero bid or ask, a
 * crossed market, an expired option. Only a file that is not a chain at all (not JSON, empty, no rows) is an error.
 * The chain's time is the latest {@code creation_timestamp}; rows expiring at or before it are expired.
 */
public final class BookSummaryChainReader {

    /** The default reader. */
    public static final BookSummaryChainReader DEFAULT = new BookSummaryChainReader();

    private static final ObjectMapper JSON = new ObjectMapper();

    private BookSummaryChainReader() {}

    /**
     * Reads a chain file.
     *
     * @throws ChainFormatException when the file is missing, unreadable, not JSON, empty or has no rows
     */
    public OptionChain read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ChainFormatException("chain file " + file + " does not exist");
        } catch (IOException e) {
            throw new ChainFormatException("chain file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses chain JSON; {@code source} names it in error messages. */
    public OptionChain parse(String text, String source) {
        if (text.isBlank()) {
            throw new ChainFormatException("chain file " + source + " is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ChainFormatException("chain file " + source + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        JsonNode rows = root != null && root.isObject() ? root.get("result") : root;
        if (rows == null || !rows.isArray()) {
            throw new ChainFormatException("chain file " + source + " has no 'result' array of book summaries");
        }
        if (rows.isEmpty()) {
            throw new ChainFormatException("chain file " + source + " has an empty 'result' array");
        }
        long asOfMs = Long.MIN_VALUE;
        for (JsonNode row : rows) {
            JsonNode ts = row.get("creation_timestamp");
            if (ts != null && ts.isNumber()) {
                asOfMs = Math.max(asOfMs, ts.asLong());
            }
        }
        if (asOfMs == Long.MIN_VALUE) {
            throw new ChainFormatException("chain file " + source + " has no row with a numeric 'creation_timestamp'");
        }
        Instant asOf = Instant.ofEpochMilli(asOfMs);
        List<OptionQuote> quotes = new ArrayList<>();
        List<SkippedQuote> skipped = new ArrayList<>();
        int index = 0;
        for (JsonNode row : rows) {
            String name = row.hasNonNull("instrument_name")
                    ? row.get("instrument_name").asText()
                    : "row " + index;
            try {
                quotes.add(quote(row, asOf));
            } catch (IllegalArgumentException e) {
                skipped.add(new SkippedQuote(name, e.getMessage()));
            }
            index++;
        }
        return new OptionChain(asOf, quotes, skipped);
    }

    private static OptionQuote quote(JsonNode row, Instant asOf) {
        if (!row.isObject()) {
            throw new IllegalArgumentException("row is not an object");
        }
        JsonNode nameNode = row.get("instrument_name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new IllegalArgumentException("missing field 'instrument_name'");
        }
        InstrumentName name = InstrumentName.parse(nameNode.asText());
        number(row, "creation_timestamp");
        if (!name.expiry().isAfter(asOf)) {
            throw new IllegalArgumentException("expired at " + name.expiry() + " (chain time " + asOf + ")");
        }
        double forward = number(row, "underlying_price");
        if (!(forward > 0.0)) {
            throw new IllegalArgumentException("field 'underlying_price' must be positive, got " + forward);
        }
        // the exchange writes null for an empty side of the book: that is a zero bid or ask, not a malformed row
        requirePresent(row, "bid_price");
        requirePresent(row, "ask_price");
        if (row.get("bid_price").isNull()) {
            throw new IllegalArgumentException("zero bid: field 'bid_price' is null (empty bid side)");
        }
        if (row.get("ask_price").isNull()) {
            throw new IllegalArgumentException("zero ask: field 'ask_price' is null (empty ask side)");
        }
        double bid = number(row, "bid_price");
        double ask = number(row, "ask_price");
        if (!(bid > 0.0)) {
            throw new IllegalArgumentException("zero bid: field 'bid_price' is " + bid);
        }
        if (!(ask > 0.0)) {
            throw new IllegalArgumentException("zero ask: field 'ask_price' is " + ask);
        }
        if (bid > ask) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "crossed market: bid_price %s > ask_price %s", bid, ask));
        }
        double mark = optional(row, "mark_price");
        double markIv = optional(row, "mark_iv") / 100.0;
        return new OptionQuote(
                nameNode.asText(),
                name.expiry(),
                name.strike(),
                name.putCall(),
                forward,
                bid,
                ask,
                mark,
                markIv,
                !name.linear());
    }

    private static double number(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is not a number: " + v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("field '" + field + "' is not finite");
        }
        return d;
    }

    private static void requirePresent(JsonNode row, String field) {
        if (!row.has(field)) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
    }

    private static double optional(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
