package io.vaultrisk.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import io.vaultrisk.service.error.ProblemException;

/** The {@code book} field of a request, read by the montecarlo module's reader (the CLI's book JSON). */
public final class BookField {
    private BookField() {}

    /** The book; a 400 naming the field {@code book}, whose detail names the position and its field. */
    public static Book read(JsonNode tree) {
        try {
            return BookReader.DEFAULT.fromTree(tree);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("book", "book: " + e.getMessage());
        }
    }
}
