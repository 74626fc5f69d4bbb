package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.content.NodeRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crisis first, people's choices kept, nothing else kept, and floods and odd input handled politely. */
class SafetyAndPrivacyTest implements PersonInChat {

    @TempDir
    Path dir;

    final ChatId chat = new ChatId("9");
    final CaffeineSessionStore store = new CaffeineSessionStore(Duration.ofHours(1), 100);
    final AtomicLong nanos = new AtomicLong();
    Conversation conversation;

    @BeforeEach
    void setUp() {
        Snapshot snapshot = Snapshot.of(ContentFixture.withArticlesIn(dir).content());
        Ticker ticker = nanos::get;
        conversation = new Conversation(() -> snapshot, store, Conversation.searchAnswers(), new FloodGuard(ticker),
                ChatLogIds.random(), Duration.ofHours(24));
    }

    @Override
    public Conversation conversation() {
        return conversation;
    }

    @Override
    public ChatId chat() {
        return chat;
    }

    @Nested
    class CrisisFirst {

        @Test
        void crisisMessageGetsTheSafetyResponseAloneAndFirst() {
            List<Reply> replies = typed("I want to kill myself, is my therapist angry at me?");

            assertThat(replies).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(Reply.Kind.SAFETY);
                assertThat(r.text()).contains("your local emergency number", "findahelpline.com");
            });
        }

        @Test
        void searchCommandIsCheckedToo() {
            assertThat(typed("/search my partner hits me").getFirst().text()).contains("Your safety comes first");
        }

        @Test
        void misconductGetsItsOwnResponse() {
            assertThat(typed("my counsellor kissed me").getFirst().text()).contains("misconduct", "not your fault");
        }

        @Test
        void theResponseOffersToContinueWhereThePersonWas() {
            typed("/start sleep");

            List<Reply> replies = typed("kms");

            assertThat(labels(replies.getFirst())).containsExactly("Numbers for my country", "Back to where I was");
            assertThat(store.get(chat).orElseThrow().at()).isEqualTo(new NodeRef("sleep", "tired"));
            assertThat(press(replies, "Back to where I was").getLast().text()).isEqualTo("How do you feel in sessions?");
        }

        @Test
        void everydayIdiomsAreAnsweredAsUsual() {
            assertThat(typed("I'm dying to know if I'm angry at my therapist")).allSatisfy(r ->
                    assertThat(r.kind()).isNotEqualTo(Reply.Kind.SAFETY));
        }
    }

    @Nested
    class Resources {

        @Test
        void languageWithARegionSelectsThatCountry() {
            List<Reply> replies = conversation.handle(chat, Input.fromTyped("kms"), "en-GB");

            assertThat(replies.getFirst().text()).contains("999", "Samaritans on 116 123");
        }

        @Test
        void languageWithoutARegionKeepsTheDefault() {
            assertThat(conversation.handle(chat, Input.fromTyped("kms"), "en").getFirst().text())
                    .contains("your local emergency number");
        }

        @Test
        void chosenCountryIsUsedFromThenOnAndSurvivesTheMenu() {
            List<Reply> chosen = press(typed("/country"), "United Kingdom");
            assertThat(chosen.getFirst().text()).contains("I'll show numbers for **United Kingdom**");
            assertThat(chosen.getLast().text()).contains("999");

            typed("/menu");
            typed("/start sleep");

            assertThat(typed("kms").getFirst().text()).contains("Samaritans on 116 123");
        }

        @Test
        void sosShowsTheResourcesAtAnyTime() {
            typed("/start sleep");

            List<Reply> replies = typed("/sos");

            assertThat(replies.getFirst().kind()).isEqualTo(Reply.Kind.SAFETY);
            assertThat(replies.getFirst().text()).contains("Urgent help");
        }

        @Test
        void menuHasAGetHelpButton() {
            assertThat(press(typed("/start"), "Get help now").getFirst().text()).contains("Urgent help");
        }

        @Test
        void forgedCountryIsRefused() {
            assertThat(conversation.handle(chat, new Input.Press("c:ZZ")).getFirst().kind())
                    .isEqualTo(Reply.Kind.REFUSED);
        }
    }

    @Nested
    class Privacy {

        @Test
        void privacySaysWhatIsKeptForHowLongAndWhy() {
            assertThat(typed("/privacy").getFirst().text()).contains("What I keep", "24 hours", "/forget",
                    "never keep", "anything you type");
        }

        @Test
        void forgetDeletesTheSessionAtOnceAndConfirms() {
            press(typed("/country"), "United Kingdom");
            typed("/start sleep");

            List<Reply> replies = typed("/forget");

            assertThat(replies.getFirst().text()).contains("I've forgotten our conversation");
            assertThat(store.get(chat)).isEmpty();
            assertThat(typed("kms").getFirst().text()).contains("your local emergency number");
        }

        @Test
        void startRepeatsTheDisclaimer() {
            assertThat(typed("/start").getFirst().text()).contains("not therapy or an emergency service");
        }
    }

    @Nested
    class Floods {

        @Test
        void aFloodGetsOnePoliteNoticeThenSilence() {
            for (int i = 0; i < FloodGuard.BURST; i++) {
                assertThat(typed("/help")).isNotEmpty();
            }
            assertThat(typed("/help")).singleElement().satisfies(r -> assertThat(r.text()).contains("faster than"));
            assertThat(typed("/help")).isEmpty();
            assertThat(typed("/help")).isEmpty();
        }

        @Test
        void otherChatsAreUnaffected() {
            for (int i = 0; i < 30; i++) {
                typed("/help");
            }

            assertThat(conversation.handle(new ChatId("other"), Input.fromTyped("/help")).getFirst().text())
                    .contains("Tap a button");
        }

        @Test
        void slowingDownLetsThePersonBackIn() {
            for (int i = 0; i < 30; i++) {
                typed("/help");
            }
            nanos.addAndGet(Duration.ofSeconds(2).toNanos());

            assertThat(typed("/help").getFirst().text()).contains("Tap a button");
        }
    }

    @Nested
    class OddInput {

        @Test
        void emojiOnlyGetsAGentleReply() {
            assertThat(typed("😀😀🙏").getFirst().text()).contains("I can only work with words");
        }

        @Test
        void controlCharactersAreIgnored() {
            assertThat(typed("\u0000\u0007\u001b").getFirst().text()).contains("didn't catch anything");
            assertThat(typed("kill\u0000 myself").getFirst().kind()).isEqualTo(Reply.Kind.SAFETY);
        }

        @Test
        void overlongMessageIsStillAnswered() {
            assertThat(typed("angry at my therapist ".repeat(2_000))).isNotEmpty();
        }

        @Test
        void rightToLeftTextIsAnsweredPolitely() {
            assertThat(typed("أنا غاضب من معالجي").getFirst().text()).contains("I don't have a good answer");
        }
    }
}
