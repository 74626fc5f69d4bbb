package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.alliancebot.embedding.TestEmbeddings;

/** Random text and button data thrown at the engine with the shipped content: a reply always, an exception never. */
class ConversationFuzzTest {

    static Snapshot snapshot;

    @BeforeContainer
    static void load() {
        snapshot = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();
    }

    @AfterContainer
    static void close() {
        snapshot.index().close();
    }

    static Conversation conversation() {
        return new Conversation(() -> snapshot, new CaffeineSessionStore(Duration.ofHours(1), 10),
                Conversation.searchAnswers(), FloodGuard.unlimited(), ChatLogIds.random(), Duration.ofHours(24));
    }

    @Property(tries = 400)
    void anyTypedTextGetsAReply(@ForAll("typed") String text) {
        List<Reply> replies = conversation().handle(new ChatId("fuzz"), Input.fromTyped(text));

        assertThat(replies).isNotEmpty().allSatisfy(r -> assertThat(r.text()).isNotBlank());
    }

    @Property(tries = 400)
    void anyButtonDataGetsAReply(@ForAll("data") String data) {
        Conversation conversation = conversation();
        conversation.handle(new ChatId("fuzz"), Input.fromTyped("/start fit"));

        assertThat(conversation.handle(new ChatId("fuzz"), new Input.Press(data))).isNotEmpty();
    }

    @Property(tries = 200)
    void anySequenceOfInputsGetsReplies(@ForAll("sequences") List<String> inputs) {
        Conversation conversation = conversation();
        for (String input : inputs) {
            Input parsed = input.startsWith("#") ? new Input.Press(input.substring(1)) : Input.fromTyped(input);
            assertThat(conversation.handle(new ChatId("fuzz"), parsed)).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz /*\"()[]_~`@#-:").ofMaxLength(80),
                Arbitraries.of("/start", "/start fit", "/start ../../x", "/back", "/restart", "/menu", "/sos",
                        "/country", "/forget", "/privacy", "/search", "/search \"((", "/help", "/", "//", "/x@y z"),
                Arbitraries.strings().withCharRange('\u0590', '\u06ff').ofMaxLength(50),
                Arbitraries.strings().withCharRange('\ud83d', '\ud83d').ofMaxLength(4));
    }

    @Provide
    Arbitrary<String> data() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings().withChars("psrcag:0123456789abcdef-ABCDEFZ").ofMaxLength(70),
                Arbitraries.of("p:", "s:", "r:", "c:", "a:", "p:00000000:fit:sessions:0", "s:fit", "a:sos",
                        "a:country", "c:GB", "c:INT", "r:leaving", "a:resume", "a:back"));
    }

    @Provide
    Arbitrary<List<String>> sequences() {
        Arbitrary<String> step = Arbitraries.oneOf(
                Arbitraries.of("/start", "/start fit", "/start transference", "/start leaving", "/back", "/back",
                        "/restart", "/menu", "#a:resume", "#a:menu", "#s:fit", "#a:sos", "#c:GB", "hello",
                        "i want to kms", "how do i quit therapy"),
                Arbitraries.strings().all().ofMaxLength(30));
        return step.list().ofMaxSize(25);
    }
}
