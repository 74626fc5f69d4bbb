package org.alliancebot.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.alliancebot.cli.StatsCommand;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.conversation.Tally;
import org.alliancebot.storage.JdbcCounts;
import org.junit.jupiter.api.Test;

class StatsReportTest {

    static final Content CONTENT = new ContentLoader().load(Path.of("content")).orThrow();

    static JdbcCounts.Row row(Tally.Event event, String subject, String detail, long n) {
        return new JdbcCounts.Row(event, subject, detail, n);
    }

    static StatsReport.Step step(StatsReport report, String tree, String node) {
        return report.funnels().stream().filter(f -> f.tree().equals(tree)).findFirst().orElseThrow()
                .steps().stream().filter(s -> s.node().equals(node)).findFirst().orElseThrow();
    }

    @Test
    void droppedOffIsWhatReachedAStepAndNeitherMovedOnWentBackNorStartedAgain() {
        StatsReport report = StatsReport.of(CONTENT, List.of(
                row(Tally.Event.REACHED, "fit", "comfort", 40),
                row(Tally.Event.LEFT_BY_BUTTON, "fit", "comfort", 25),
                row(Tally.Event.WENT_BACK, "fit", "comfort", 5),
                row(Tally.Event.RESTARTED, "fit", "comfort", 2)), 30, null);

        StatsReport.Step comfort = step(report, "fit", "comfort");
        assertThat(comfort.dropped()).isEqualTo(8);
        assertThat(StatsReport.rate(comfort.dropped(), comfort.reached())).isEqualTo("20%");
        assertThat(comfort.location()).isEqualTo("content/trees/fit.yaml:43");
    }

    @Test
    void countsUnderFiveShowAsUnderFiveAndRatesOfThemAreNotShown() {
        assertThat(StatsReport.shown(0)).isEqualTo("0");
        assertThat(StatsReport.shown(1)).isEqualTo("<5");
        assertThat(StatsReport.shown(4)).isEqualTo("<5");
        assertThat(StatsReport.shown(5)).isEqualTo("5");
        assertThat(StatsReport.rate(3, 40)).isEqualTo("-");
        assertThat(StatsReport.rate(6, 4)).isEqualTo("-");
    }

    @Test
    void theThreeStepsWithTheMostDropOffAreNamed() {
        StatsReport report = StatsReport.of(CONTENT, List.of(
                row(Tally.Event.REACHED, "fit", "sessions", 50),
                row(Tally.Event.LEFT_BY_BUTTON, "fit", "sessions", 20),
                row(Tally.Event.REACHED, "fit", "comfort", 20),
                row(Tally.Event.LEFT_BY_BUTTON, "fit", "comfort", 10),
                row(Tally.Event.REACHED, "fit", "listened", 10),
                row(Tally.Event.LEFT_BY_BUTTON, "fit", "listened", 9),
                row(Tally.Event.REACHED, "fit", "goals", 9)), 30, "fit");

        assertThat(report.funnels()).singleElement().satisfies(funnel ->
                assertThat(funnel.worst()).containsExactly("sessions", "comfort", "goals"));
    }

    @Test
    void textAndJsonShowNoSmallCountAsItIs() {
        StatsReport report = StatsReport.of(CONTENT, List.of(
                row(Tally.Event.REACHED, "fit", "sessions", 3),
                row(Tally.Event.SAFETY, "self-harm", "respond", 2),
                row(Tally.Event.TYPED_NO_ANSWER, "", "", 1)), 7, "fit");

        assertThat(StatsCommand.text(report)).contains("<5").doesNotContain(" 3 ").doesNotContain(": 2");
        assertThat(StatsCommand.json(report)).contains("\"reached\" : \"<5\"")
                .contains("\"self-harm (respond)\" : \"<5\"");
    }
}
