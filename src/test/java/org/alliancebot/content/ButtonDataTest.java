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
    }

    @Test
    void sizeForTheLongestButtonOfANodeCountsBytes() {
        assertThat(ButtonData.bytesFor(new NodeRef("fit", "goals"))).isEqualTo("p:00000000:fit:goals:9".length());
    }
}
