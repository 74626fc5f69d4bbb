package org.alliancebot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.alliancebot.content.Location;
import org.alliancebot.content.Problem;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.conversation.SnapshotHolder.Outcome;
import org.junit.jupiter.api.Test;

/** What the operator's chat is told of a refused content change, and how often. */
class RefusedReloadNoticeTest {

    static final long OPERATOR = 42;
    final List<String> sent = new ArrayList<>();
    final RefusedReloadNotice notice = new RefusedReloadNotice(OPERATOR, (chat, text) -> {
        assertThat(chat).isEqualTo(OPERATOR);
        sent.add(text);
    });

    static Problem error(String file, int line, String message) {
        return new Problem(Problem.Severity.ERROR, new Location(file, line, 3), message);
    }

    static SnapshotHolder.Status refused(String refusedVersion, Problem... problems) {
        return new SnapshotHolder.Status("good1", Instant.EPOCH, 2, Optional.of(
                new SnapshotHolder.Failure(Instant.EPOCH, List.of(problems), refusedVersion)));
    }

    static final SnapshotHolder.Status SERVING = new SnapshotHolder.Status("good1", Instant.EPOCH, 3,
            Optional.empty());

    @Test
    void listsTheErrorsAsFileLineMessageAndLeavesOutWarnings() {
        notice.reloaded(Outcome.REFUSED, refused("bad1",
                error("trees/fit.yaml", 27, "start node \"nowhere\" is not a node of this tree"),
                new Problem(Problem.Severity.WARNING, new Location("menu.yaml", 4, 1), "a warning"),
                error("menu.yaml", 2, "unknown tree \"x\"")));

        assertThat(sent).singleElement().isEqualTo("""
                Content change refused; still serving version good1. 2 errors:
                menu.yaml:2: unknown tree "x"
                trees/fit.yaml:27: start node "nowhere" is not a node of this tree""");
    }

    @Test
    void listsTenErrorsAndCountsTheRest() {
        Problem[] many = IntStream.rangeClosed(1, 13).mapToObj(i -> error("trees/fit.yaml", i, "broken " + i))
                .toArray(Problem[]::new);

        notice.reloaded(Outcome.REFUSED, refused("bad1", many));

        assertThat(sent.getFirst().lines()).hasSize(12)
                .contains("trees/fit.yaml:10: broken 10")
                .doesNotContain("trees/fit.yaml:11: broken 11")
                .last().isEqualTo("and 3 more");
    }

    @Test
    void theSameBrokenFilesAreToldOnce() {
        notice.reloaded(Outcome.REFUSED, refused("bad1", error("menu.yaml", 2, "broken")));
        notice.reloaded(Outcome.REFUSED, refused("bad1", error("menu.yaml", 2, "broken")));

        assertThat(sent).hasSize(1);
    }

    @Test
    void aDifferentRefusalIsToldAgain() {
        notice.reloaded(Outcome.REFUSED, refused("bad1", error("menu.yaml", 2, "broken")));
        notice.reloaded(Outcome.REFUSED, refused("bad2", error("menu.yaml", 5, "broken elsewhere")));

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).contains("menu.yaml:5: broken elsewhere");
    }

    @Test
    void theSameRefusalAfterGoodContentIsToldAgain() {
        notice.reloaded(Outcome.REFUSED, refused("bad1", error("menu.yaml", 2, "broken")));
        notice.reloaded(Outcome.UNCHANGED, SERVING);
        notice.reloaded(Outcome.REFUSED, refused("bad1", error("menu.yaml", 2, "broken")));

        assertThat(sent).hasSize(2);
    }
}
