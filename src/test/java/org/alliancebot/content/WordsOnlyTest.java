package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The safety examples' duplicate check compares messages by their words, as the regular expression it replaced. */
class WordsOnlyTest {

    private static String byRegex(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    @Property(tries = 2000)
    void keepsTheWordsExactlyAsTheRegularExpressionDid(@ForAll("messages") String text) {
        assertThat(SafetyExamplesReader.wordsOnly(text)).isEqualTo(byRegex(text));
    }

    @Provide
    Arbitrary<String> messages() {
        // Letters, digits, punctuation, spaces, accents, Roman numerals and fractions, emoji (surrogate pairs).
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("aZ9 .,!?'-_\t\néÉßİⅣ½٣😀\u00a0").ofMaxLength(40));
    }

    @Example
    void casePunctuationAndSpacingMakeNoDifference() {
        assertThat(SafetyExamplesReader.wordsOnly("  I can't  GO on...  ")).isEqualTo("i can t go on");
    }
}
