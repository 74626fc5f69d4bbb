package org.alliancebot.preview;

import java.nio.file.Path;
import java.util.Locale;
import org.alliancebot.content.Markdown;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.stats.StatsReport;
import org.alliancebot.storage.JdbcCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /preview/stats}: each tree's funnel as a server-drawn SVG bar chart, the same figures as the stats
 * command. A bar per shown step: how many reached it, split into those who moved on and those who stopped there;
 * the three steps most left are marked, and each step links to its place in the tree file. Counts under five are
 * shown as "&lt;5" and drawn at one size, so no one person's path can be read off a bar.
 */
@RestController
public class StatsPage {

    private static final Logger log = LoggerFactory.getLogger(StatsPage.class);
    private static final int ROW = 34;
    private static final int LABEL = 190;
    private static final int BAR = 460;

    private final SnapshotHolder holder;
    private final JdbcCounts counts;
    private final DailyCounts memory;

    public StatsPage(SnapshotHolder holder, JdbcCounts counts, DailyCounts memory) {
        this.holder = holder;
        this.counts = counts;
        this.memory = memory;
    }

    @GetMapping(value = "/preview/stats", produces = MediaType.TEXT_HTML_VALUE)
    public String page(@RequestParam(name = "days", defaultValue = "30") int days) {
        int span = Math.max(1, Math.min(days, JdbcCounts.KEPT_DAYS));
        try {
            counts.flush(memory); // so the page includes what was counted in the last few seconds
        } catch (RuntimeException e) {
            log.warn("Writing the counts before the stats page failed ({})", e.getClass().getSimpleName());
        }
        StatsReport report = StatsReport.of(holder.get().content(), counts.lastDays(span), span, null);
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alliance Bot: where people go</title>
                <style>
                body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:760px;color:#222}
                h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem} .note{color:#555}
                svg text{font:13px system-ui,sans-serif} .reached{fill:#d8dee9} .continued{fill:#5e9c76}
                .dropped{fill:#c0504d} .worst text.node{font-weight:700;fill:#a33}
                a.where{fill:#36c} table{border-collapse:collapse;margin-top:.5rem}
                td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}
                </style></head><body>
                <h1>Where people go</h1>
                """);
        html.append("<p class=\"note\">The last ").append(span).append(" day(s). Grey: reached the step; green: moved"
                + " on by a button; red: stopped there. Counts under ").append(StatsReport.SMALL)
                .append(" show as &lt;").append(StatsReport.SMALL).append(". Nothing anyone typed is kept.</p>\n");
        for (StatsReport.Funnel funnel : report.funnels()) {
            funnel(html, funnel);
        }
        long typed = report.typedAnswered() + report.typedNoAnswer();
        html.append("<h2>Typed questions</h2><p id=\"typed\">").append(StatsReport.shown(typed))
                .append(" asked; no good answer for ").append(StatsReport.shown(report.typedNoAnswer())).append(" (")
                .append(StatsReport.rate(report.typedNoAnswer(), typed)).append(")</p>\n");
        table(html, "Safety responses", "safety", report.safety());
        table(html, "Check-in answers", "check-ins", report.checkIns());
        table(html, "Articles", "articles", report.articles());
        return html.append("</body></html>\n").toString();
    }

    private void funnel(StringBuilder html, StatsReport.Funnel funnel) {
        long most = funnel.steps().stream().mapToLong(s -> drawn(s.reached())).max().orElse(0);
        html.append("<section class=\"funnel\" data-tree=\"").append(escape(funnel.tree())).append("\"><h2>")
                .append(escape(funnel.title())).append("</h2>\n");
        int height = ROW * funnel.steps().size() + 8;
        html.append("<svg role=\"img\" width=\"").append(LABEL + BAR + 90).append("\" height=\"").append(height)
                .append("\" aria-label=\"").append(escape(funnel.title())).append(" funnel\">\n");
        int y = 4;
        for (StatsReport.Step step : funnel.steps()) {
            boolean worst = funnel.worst().contains(step.node());
            html.append("<g class=\"step").append(worst ? " worst" : "").append("\" data-node=\"")
                    .append(escape(step.node())).append("\" data-reached=\"").append(StatsReport.shown(step.reached()))
                    .append("\" data-dropped=\"").append(step.outcome() ? "" : StatsReport.shown(step.dropped()))
                    .append("\">");
            html.append("<a class=\"where\" href=\"").append(escape(editorLink(step.location()))).append("\">")
                    .append("<title>").append(escape(step.location())).append("</title>")
                    .append("<text class=\"node\" x=\"0\" y=\"").append(y + 14).append("\">")
                    .append(escape(step.node())).append(worst ? " ▲" : "").append("</text></a>");
            double scale = most == 0 ? 0 : (double) BAR / most;
            double reached = drawn(step.reached()) * scale;
            double continued = step.outcome() ? 0 : drawn(step.continued()) * scale;
            double dropped = step.outcome() ? 0 : drawn(step.dropped()) * scale;
            rect(html, "reached", LABEL, y, reached);
            rect(html, "continued", LABEL, y, Math.min(continued, reached));
            rect(html, "dropped", LABEL + reached - Math.min(dropped, reached), y, Math.min(dropped, reached));
            String figures = StatsReport.shown(step.reached()) + (step.outcome() ? " reached (outcome)"
                    : " · " + StatsReport.shown(step.dropped()) + " stopped · "
                    + StatsReport.rate(step.dropped(), step.reached()));
            html.append("<text x=\"").append(LABEL + 6).append("\" y=\"").append(y + 30).append("\" fill=\"#444\">")
                    .append(escape(figures)).append("</text></g>\n");
            y += ROW;
        }
        html.append("</svg>\n");
        if (!funnel.worst().isEmpty()) {
            html.append("<p class=\"worst-list\">Most left: ").append(escape(String.join(", ", funnel.worst())))
                    .append("</p>\n");
        }
        html.append("</section>\n");
    }

    /** Small counts are drawn at one size, so their bars say no more than "&lt;5" does. */
    private static long drawn(long n) {
        return n > 0 && n < StatsReport.SMALL ? StatsReport.SMALL / 2 : n;
    }

    private static void rect(StringBuilder html, String kind, double x, int y, double width) {
        html.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\"/>",
                kind, x, y, Math.max(0, width)));
    }

    private static void table(StringBuilder html, String title, String id, java.util.Map<String, Long> rows) {
        html.append("<h2>").append(title).append("</h2>");
        if (rows.isEmpty()) {
            html.append("<p id=\"").append(id).append("\">None.</p>\n");
            return;
        }
        html.append("<table id=\"").append(id).append("\">");
        rows.forEach((what, n) -> html.append("<tr><td>").append(escape(what)).append("</td><td>")
                .append(StatsReport.shown(n)).append("</td></tr>"));
        html.append("</table>\n");
    }

    /** Opens the tree file at the step's line in an editor that understands vscode:// links; the text names it. */
    private static String editorLink(String location) {
        int colon = location.lastIndexOf(':');
        String file = Path.of(location.substring(0, colon)).toAbsolutePath().toString();
        return "vscode://file" + (file.startsWith("/") ? "" : "/") + file + location.substring(colon);
    }

    private static String escape(String text) {
        return Markdown.escapeHtml(text).replace("\"", "&quot;");
    }
}
