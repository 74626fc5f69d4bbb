package org.alliancebot.conversation;

import java.util.regex.Pattern;

/** What is done to typed text before anything reads it: control characters out, nothing else changed. */
final class TypedText {

    /** Control and format characters, except line breaks and tabs, which people type. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t\\u200d]]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private TypedText() {
    }

    static String clean(String typed) {
        return typed == null ? "" : CONTROL.matcher(typed).replaceAll("").strip();
    }

    /** Whether there is at least one letter or digit: a string of emoji or punctuation says nothing to search. */
    static boolean hasWords(String text) {
        return WORD.matcher(text).find();
    }
}
