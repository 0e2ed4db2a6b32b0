package io.vaultrisk.montecarlo.book;

/** A position of a book on one underlying. Values are in the book's quote currency unless a type says otherwise. */
public sealed interface Position permits SpotPosition, OptionPosition, PerpetualPosition {
    String id();

    String underlying();

    /** "spot", "option" or "perpetual", as written in book files. */
    String type();
}
