package org.alliancebot.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleChatTest {

    @TempDir
    Path dir;

    String chat(String input, boolean interactive) {
        Content content = ContentFixture.validIn(dir).content();
        Snapshot snapshot = Snapshot.of(content);
        var conversation = new Conversation(() -> snapshot, new CaffeineSessionStore(Duration.ofHours(1), 10));
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new ConsoleChat(conversation, new BufferedReader(new StringReader(input)), out, interactive).run();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void opensWithWelcomeDisclaimerAndNumberedMenu() {
        String shown = chat("", false);

        assertThat(shown).contains("Hello there.", "not therapy or an emergency service", "[1] Sleep and therapy");
    }

    @Test
    void typedNumbersPressButtonsThroughToAnOutcome() {
        String shown = chat("1\n2\n1\n", false);

        assertThat(shown).contains("How do you feel in sessions?", "[2] Worn out", "Thanks for saying so.",
                "[1] Continue", "Mention it", "It is fine to say you are tired.", "[2] Main menu");
    }

    @Test
    void pipedInputGetsPlainTextWithoutPromptsOrEscapeCodes() {
        String shown = chat("1\n2\n1\n", false);

        assertThat(shown).doesNotContain("\u001b", "> ", "**");
    }

    @Test
    void interactiveSessionShowsAPrompt() {
        assertThat(chat("/quit\n", true)).contains("> ");
    }

    @Test
    void numberWithNoButtonAsksForOneInRange() {
        assertThat(chat("7\n", false)).contains("Please type a number from 1 to 2");
    }

    @Test
    void numberOnAOneButtonStepSaysToType1ToContinue() {
        String shown = chat("1\n2\n5\n", false);

        assertThat(shown).contains("[1] Continue", "Type 1 to continue").doesNotContain("from 1 to 1");
    }

    @Test
    void commandsWork() {
        String shown = chat("1\n2\n/back\n/help\n/menu\n", false);

        assertThat(shown).contains("How do you feel in sessions?", "Tap a button.", "What would you like to think through?");
    }

    @Test
    void quitEndsTheChatAndIgnoresTheRest() {
        String shown = chat("/quit\n1\n", false);

        assertThat(shown).contains("Take care.").doesNotContain("How do you feel");
    }

    @Test
    void freeTextGetsAnAnswerOrAPoliteNothing() {
        assertThat(chat("why do I feel this way\n", false)).contains("I don't have a good answer");
    }
}
