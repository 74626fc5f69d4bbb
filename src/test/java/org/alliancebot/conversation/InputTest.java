package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputTest {

    @Test
    void slashWordIsACommandWithItsArgument() {
        assertThat(Input.fromTyped("/start leaving")).isEqualTo(new Input.Command("start", "leaving"));
    }

    @Test
    void botNameSuffixAndCaseAreIgnored() {
        assertThat(Input.fromTyped("/Menu@AllianceBot")).isEqualTo(new Input.Command("menu", ""));
    }

    @Test
    void slashNotFollowedByALetterIsText() {
        assertThat(Input.fromTyped("/ 123")).isEqualTo(new Input.Text("/ 123"));
        assertThat(Input.fromTyped("/")).isEqualTo(new Input.Text("/"));
    }

    @Test
    void anythingElseIsTextStrippedOfOuterSpace() {
        assertThat(Input.fromTyped("  am I overreacting?  ")).isEqualTo(new Input.Text("am I overreacting?"));
        assertThat(Input.fromTyped(null)).isEqualTo(new Input.Text(""));
    }
}
