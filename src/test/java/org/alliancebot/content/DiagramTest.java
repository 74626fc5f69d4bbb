package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagramTest {

    @TempDir
    Path dir;

    String sleep() {
        Content content = ContentFixture.withArticlesIn(dir).content();
        return Diagram.mermaid(content, content.tree("sleep").orElseThrow());
    }

    @Test
    void questionsAndTheirChoicesAreLabelledEdges() {
        assertThat(sleep()).startsWith("flowchart TD\n")
                .contains("sleep__tired[\"❓ How do you feel in sessions?\"]")
                .contains("sleep__tired -->|\"Worn out · flags worn-out · score +1\"| sleep__how_long");
    }

    @Test
    void checksShowTheirConditionsAndElse() {
        assertThat(sleep()).contains("sleep__weigh{\"weigh\"}")
                .contains("sleep__weigh -->|\"flag worn-out and score #gt;= 1\"| sleep__mention_it")
                .contains("sleep__weigh -->|\"else\"| sleep__fine");
    }

    @Test
    void outcomesLinkToOtherTreesAndArticles() {
        assertThat(sleep()).contains("sleep__mention_it([\"🏁 Mention it\"])")
                .contains("sleep__mention_it -.->|\"follow-up\"| tree_sleep")
                .contains("sleep__mention_it -.->|\"read\"| article_anger")
                .contains("article_anger>\"📄 Anger at your therapist\"]");
    }

    @Test
    void markdownFormatIsStrippedAndQuotesEscaped() {
        assertThat(sleep()).contains("💬 Thanks for saying so.").doesNotContain("**");
    }

    @Test
    void markdownPageWrapsTheChartForGitHub() {
        Content content = ContentFixture.withArticlesIn(dir).content();

        assertThat(Diagram.markdown(content, content.tree("sleep").orElseThrow()))
                .startsWith("# Is my sleep getting in the way?").contains("```mermaid\nflowchart TD").endsWith("```\n");
    }
}
