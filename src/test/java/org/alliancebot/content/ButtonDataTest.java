package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ButtonDataTest {

    @Test
    void everyKindReadsBackAsWritten() {
        for (ButtonData data : new ButtonData[] {
                new ButtonData.Press("a15e1a65", new NodeRef("fit", "feel-judged"), 7),
                new ButtonData.StartTree("leaving"),
                ButtonData.Action.MENU}) {
            assertThat(ButtonData.parse(data.encode())).contains(data);
        }
    }

    @Test
    void checkInAnswersReadBackWithWhatToShowAfter() {
        for (ButtonData data : new ButtonData[] {
                new ButtonData.CheckIn(ButtonData.CheckIn.Answer.YES, "self-harm", ButtonData.CheckIn.Then.NOTHING),
                new ButtonData.CheckIn(ButtonData.CheckIn.Answer.NO, "others",
                        ButtonData.CheckIn.Then.passage("leaving", 3)),
                new ButtonData.CheckIn(ButtonData.CheckIn.Answer.RATHER_NOT_SAY, "misconduct",
                        ButtonData.CheckIn.Then.tree("fit"))}) {
            assertThat(ButtonData.parse(data.encode())).contains(data);
        }
        assertThat(new ButtonData.CheckIn(ButtonData.CheckIn.Answer.NO, "self-harm",
                ButtonData.CheckIn.Then.passage("leaving", 3)).encode()).isEqualTo("k:n:self-harm:a:leaving:3");
    }

    @Test
    void checkInWhoseAnswerWouldNotFitTheLimitKeepsTheQuestionAndDropsTheAnswer() {
        String longId = "a".repeat(60);
        String data = new ButtonData.CheckIn(ButtonData.CheckIn.Answer.NO, "misconduct",
                ButtonData.CheckIn.Then.passage(longId, 12)).encode();

        assertThat(data).isEqualTo("k:n:misconduct:-");
        assertThat(ButtonData.parse(data)).contains(new ButtonData.CheckIn(ButtonData.CheckIn.Answer.NO, "misconduct",
                ButtonData.CheckIn.Then.NOTHING));
    }

    @Test
    void pressNamesVersionNodeAndChoice() {
        assertThat(new ButtonData.Press("a15e1a65", new NodeRef("fit", "goals"), 2).encode())
                .isEqualTo("p:a15e1a65:fit:goals:2");
    }

    @Test
    void anythingElseIsNotButtonData() {
        assertThat(ButtonData.parse(null)).isEmpty();
        assertThat(ButtonData.parse("")).isEmpty();
        assertThat(ButtonData.parse("p:a15e1a65:fit:goals:10")).isEmpty();
        assertThat(ButtonData.parse("p:A15E1A65:fit:goals:1")).isEmpty();
        assertThat(ButtonData.parse("s:../../etc")).isEmpty();
        assertThat(ButtonData.parse("a:" + "m".repeat(70))).isEmpty();
        assertThat(ButtonData.parse("k:x:self-harm:-")).isEmpty();
        assertThat(ButtonData.parse("k:y:boredom:-")).isEmpty();
    }

    @Test
    void sizeForTheLongestButtonOfANodeCountsBytes() {
        assertThat(ButtonData.bytesFor(new NodeRef("fit", "goals"))).isEqualTo("p:00000000:fit:goals:9".length());
    }
}
