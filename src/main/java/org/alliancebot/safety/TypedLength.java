package org.alliancebot.safety;

/** How much of a typed message the meaning tier reads. */
final class TypedLength {

    /**
     * A longer message is read by meaning from its start, where people usually say what matters, which bounds the
     * model's time on any one message; the phrase rules still read all of it.
     */
    static final int MAX_CHARS = 1_000;

    private TypedLength() {
    }

    static String bounded(String text) {
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }
}
