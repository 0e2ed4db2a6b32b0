package io.vaultrisk.surface;

/** A chain file that cannot be read at all (not JSON, empty, no result array): one line saying why. */
public final class ChainFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ChainFormatException(String message) {
        super(message);
    }
}
