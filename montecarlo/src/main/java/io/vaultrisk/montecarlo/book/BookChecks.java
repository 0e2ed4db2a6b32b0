package io.vaultrisk.montecarlo.book;

/** Validation shared by the position records: every message names the position and the field. */
final class BookChecks {
    private BookChecks() {}

    static void id(String id) {
        if (id == null || id.isBlank()) {
            throw new BookFormatException(null, "id", "every position needs a non-blank id");
        }
    }

    static void require(boolean ok, String id, String field, String message) {
        if (!ok) {
            throw new BookFormatException(id, field, message);
        }
    }
}
