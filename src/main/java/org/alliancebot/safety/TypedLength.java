package org.alliancebot.safety;

/** How much of a typed message the meaning tier reads. */
final class TypedLength {

    /**
     * The model reads about 256 word pieces; a longer message is read from its start, where people usually say
     * what matters, and the phrase rules still read all of it.
     */
    static final int MAX_CHARS = 1_000;

    private TypedLength() {
    }

    static String bounded(String text) {
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }
}
