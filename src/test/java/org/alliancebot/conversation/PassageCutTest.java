package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassageCutTest {

    @Test
    void shortPassageIsKeptWhole() {
        assertThat(PassageCut.of("One *short* paragraph.", 700)).isEqualTo(new PassageCut.Cut("One *short* paragraph.", false));
    }

    @Test
    void longPassageKeepsWholeParagraphsThatFit() {
        String text = "First paragraph here.\n\nSecond one, a little longer.\n\nThird.";

        assertThat(PassageCut.of(text, 55)).isEqualTo(new PassageCut.Cut(
                "First paragraph here.\n\nSecond one, a little longer.", true));
    }

    @Test
    void listAfterAnIntroductionKeepsTheItemsThatFitWhole() {
        String text = "Things to say:\n\n- *\"One.\"*\n- *\"Two, longer.\"*\n- *\"Three, longer still.\"*";

        PassageCut.Cut cut = PassageCut.of(text, 48);

        assertThat(cut.text()).isEqualTo("Things to say:\n\n- *\"One.\"*\n- *\"Two, longer.\"*");
        assertThat(cut.cut()).isTrue();
    }

    @Test
    void overlongParagraphIsCutAfterAWholeSentence() {
        String text = "The first sentence is here. The second sentence is here too. And a third.";

        assertThat(PassageCut.of(text, 60).text()).isEqualTo("The first sentence is here. The second sentence is here too.");
    }

    @Test
    void oneOverlongSentenceIsCutAtAWordNeverInsideOne() {
        String text = "word ".repeat(40).strip();

        String cut = PassageCut.of(text, 23).text();

        assertThat(cut).isEqualTo("word word word word …");
    }
}
