package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.NodeRef;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.FakeEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content edited while the bot runs: swapped whole when valid, refused with its errors when not. */
class LiveReloadTest implements PersonInChat {

    @TempDir
    Path dir;

    ContentFixture fixture;
    SnapshotHolder holder;
    final ChatId chat = new ChatId("r");
    Conversation conversation;
    final FakeEmbedder embedder = new FakeEmbedder();

    @BeforeEach
    void start() {
        fixture = ContentFixture.validIn(dir);
        holder = new SnapshotHolder(dir, new ContentLoader(), Clock.systemUTC(), Embeddings.inMemory(embedder));
        conversation = new Conversation(holder, new CaffeineSessionStore(Duration.ofHours(1), 10));
    }

    @AfterEach
    void stop() {
        holder.close();
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
    class Holder {

        @Test
        void aReloadEmbedsOnlyWhatChanged() {
            int atStart = embedder.calls();
            fixture.sleepWith("How do you feel in sessions?", "How do you feel in most sessions?");
            fixture.write("safety-examples.yaml", ContentFixture.SAFETY_EXAMPLES + "  - \"a brand new near-miss\"\n");

            assertThat(holder.reload()).isTrue();

            // The tree's text for search did not change (its title, description and triggers); one example is new.
            assertThat(embedder.calls() - atStart).isEqualTo(1);
        }

        @Test
        void validChangeIsSwappedIn() {
            String before = holder.get().content().version();
            fixture.sleepWith("How do you feel in sessions?", "How do you feel in most sessions?");

            assertThat(holder.reload()).isTrue();

            assertThat(holder.get().content().version()).isNotEqualTo(before);
            assertThat(holder.status().lastFailure()).isEmpty();
            assertThat(typed("/start sleep").getFirst().text()).isEqualTo("How do you feel in most sessions?");
        }

        @Test
        void brokenChangeKeepsTheLastGoodVersionAndRecordsEveryError() {
            String before = holder.get().content().version();
            fixture.sleepWith("next: fine", "nxet: fine");

            assertThat(holder.reload()).isFalse();

            assertThat(holder.get().content().version()).isEqualTo(before);
            assertThat(holder.status().lastFailure()).hasValueSatisfying(failure ->
                    assertThat(failure.problems()).anyMatch(p -> p.toString().contains("trees/sleep.yaml:12:")
                            && p.message().contains("unknown key 'nxet'")));
            assertThat(typed("/start sleep").getFirst().text()).isEqualTo("How do you feel in sessions?");
        }

        @Test
        void fixingTheErrorClearsTheFailure() {
            fixture.sleepWith("next: fine", "nxet: fine");
            holder.reload();
            fixture.sleepWith("nxet: fine", "next: fine");

            assertThat(holder.reload()).isTrue();

            assertThat(holder.status().lastFailure()).isEmpty();
        }

        @Test
        void generationCountsEveryAttemptSoPagesCanNotice() {
            long first = holder.status().generation();
            fixture.sleepWith("next: fine", "nxet: fine");
            holder.reload();

            assertThat(holder.status().generation()).isGreaterThan(first);
        }
    }

    @Nested
    class PeopleMidTree {

        @Test
        void personKeepsGoingWhenTheirNodeStillExists() {
            List<Reply> question = typed("/start sleep");
            fixture.sleepWith("Nothing suggests a problem.", "Nothing at all suggests a problem.");
            holder.reload();

            List<Reply> replies = press(question, "Wide awake");

            assertThat(replies.getLast().text()).contains("Nothing at all suggests a problem.");
        }

        @Test
        void buttonWhoseNodeChangedIsRefusedWithANotice() {
            List<Reply> question = typed("/start sleep");
            fixture.sleepWith("label: Wide awake", "label: Fully awake");
            holder.reload();

            List<Reply> replies = press(question, "Wide awake");

            assertThat(replies.getFirst().kind()).isEqualTo(Reply.Kind.REFUSED);
            assertThat(replies.getLast().buttons()).extracting(Reply.Button::label).contains("Fully awake");
        }

        @Test
        void personWhoseNodeWasRemovedStartsTheTreeAgainWithANotice() {
            List<Reply> question = typed("/start sleep");
            press(question, "Worn out");
            fixture.sleepWith("  how-long:\n    message: Thanks for **saying** so.\n    next: weigh\n", "")
                    .sleepWith("next: how-long", "next: weigh");
            assertThat(holder.reload()).isTrue();

            List<Reply> replies = typed("/back");

            assertThat(replies.getFirst().text()).contains("I've been updated");
            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("sleep", "tired"));
        }
    }

    @Test
    void watcherReloadsShortlyAfterFilesStopChanging() throws Exception {
        try (ContentWatcher watcher = new ContentWatcher(holder, Duration.ofMillis(100))) {
            String before = holder.get().content().version();
            fixture.sleepWith("How do you feel in sessions?", "How do you feel?");

            assertThat(eventually(() -> !holder.get().content().version().equals(before))).isTrue();

            fixture.sleepWith("next: fine", "nxet: fine");
            assertThat(eventually(() -> holder.status().lastFailure().isPresent())).isTrue();
            assertThat(typed("/start sleep").getFirst().text()).isEqualTo("How do you feel?");
        }
    }

    @Test
    void watcherSeesChangesInsideAContentFolderReachedThroughALink() throws Exception {
        // The bot is pointed at a link to the content, as deployments that switch versions by a link do.
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-current"), dir);
        try (SnapshotHolder linked = new SnapshotHolder(link, new ContentLoader(), Clock.systemUTC(),
                Embeddings.inMemory(embedder));
             ContentWatcher watcher = new ContentWatcher(linked, Duration.ofMillis(100))) {
            String before = linked.get().content().version();

            fixture.sleepWith("How do you feel in sessions?", "How do you feel?");

            assertThat(eventually(() -> !linked.get().content().version().equals(before))).isTrue();
        } finally {
            Files.delete(link);
        }
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
