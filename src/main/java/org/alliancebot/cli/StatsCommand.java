package org.alliancebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alliancebot.content.Content;
import org.alliancebot.stats.StatsReport;
import org.alliancebot.storage.JdbcCounts;
import org.flywaydb.core.Flyway;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats [--days N] [--tree ID] [--json]}: each tree's funnel and the other counts, from the bot's database. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Where people go in each tree, and where they stop, from the counts the bot keeps.",
                "Counts under 5 show as <5. Run it in the bot's folder: it reads the same database."})
public final class StatsCommand implements Callable<Integer> {


    @Option(names = "--days", paramLabel = "N", description = "the last N days, today included (default: 30)")
    private int days = 30;

    @Option(names = "--tree", paramLabel = "ID", description = "one tree only")
    private String tree;

    @Option(names = "--json", description = "print JSON")
    private boolean json;

    @Option(names = "--database", paramLabel = "URL",
            description = "JDBC URL (default: alliance.storage.url or the bot's H2 file in ./data)")
    private String database;

    @Option(names = "--database-user", paramLabel = "NAME",
            description = "database user (default: ALLIANCE_STORAGE_USERNAME, else sa); the password is read from "
                    + "ALLIANCE_STORAGE_PASSWORD")
    private String user;

    @Option(names = "--bot", paramLabel = "URL", description = "a running bot's management address, asked when "
            + "the database cannot be opened (its H2 file is in use) (default: http://127.0.0.1:8081)")
    private String bot = "http://127.0.0.1:8081";

    @Mixin
    private LoadedContent loadedContent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (days < 1) {
            err.println("--days must be 1 or more.");
            err.flush();
            return 2;
        }
        var loaded = loadedContent.content();
        if (loaded.isEmpty()) {
            return 1;
        }
        Content content = loaded.get();
        if (tree != null && loadedContent.tree(content, tree).isEmpty()) {
            return 2;
        }
        String url = database != null ? database
                : System.getProperty("alliance.storage.url", System.getenv().getOrDefault("ALLIANCE_STORAGE_URL",
                        botsDefaultDatabase()));
        List<JdbcCounts.Row> rows;
        try {
            DriverManagerDataSource source = new DriverManagerDataSource(url,
                    user != null ? user : System.getenv().getOrDefault("ALLIANCE_STORAGE_USERNAME", "sa"),
                    System.getenv().getOrDefault("ALLIANCE_STORAGE_PASSWORD", ""));
            Flyway.configure().dataSource(source).load().migrate();
            JdbcCounts counts = new JdbcCounts(new JdbcTemplate(source),
                    new TransactionTemplate(new DataSourceTransactionManager(source)), Clock.systemUTC());
            rows = counts.lastDays(days);
        } catch (DataAccessException | org.flywaydb.core.api.FlywayException e) {
            Optional<List<JdbcCounts.Row>> fromBot = fromRunningBot();
            if (fromBot.isEmpty()) {
                err.println("Cannot read the counts from " + url.replaceAll(";.*", "") + ": " + rootMessage(e)
                        + "\nNor from a running bot at " + bot + " (its management address; see --bot).");
                err.flush();
                return 1;
            }
            rows = fromBot.get();
        }
        StatsReport report = StatsReport.of(content, rows, days, tree);
        out.print(json ? json(report) : text(report));
        out.flush();
        return 0;
    }

    /** The bot holds its H2 file while it runs: ask it instead, on its management port (127.0.0.1 by default). */
    private Optional<List<JdbcCounts.Row>> fromRunningBot() {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create(bot.replaceAll("/+$", "") + "/actuator/counts?days=" + days))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(List.of(new ObjectMapper().readValue(response.body(), JdbcCounts.Row[].class)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The bot's own default database, read from the application.properties it ships with, so the two agree. */
    private static String botsDefaultDatabase() {
        Properties shipped = new Properties();
        try (InputStream in = StatsCommand.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the jar's application.properties cannot be read", e);
        }
        return shipped.getProperty("alliance.storage.url");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    public static String text(StatsReport report) {
        StringBuilder text = new StringBuilder("Last " + report.days() + " day(s). Counts under "
                + StatsReport.SMALL + " show as <" + StatsReport.SMALL + ".\n");
        for (StatsReport.Funnel funnel : report.funnels()) {
            text.append("\n").append(funnel.title()).append(" (").append(funnel.tree()).append(")\n");
            text.append(String.format("  %-28s %8s %10s %8s %9s %7s  %s%n", "node", "reached", "continued",
                    "dropped", "drop rate", "", "where"));
            for (StatsReport.Step step : funnel.steps()) {
                String mark = funnel.worst().contains(step.node()) ? "<- most drop-off" : "";
                text.append(String.format("  %-28s %8s %10s %8s %9s %7s  %s %s%n", step.node(),
                        StatsReport.shown(step.reached()),
                        step.outcome() ? "outcome" : StatsReport.shown(step.continued()),
                        step.outcome() ? "" : StatsReport.shown(step.dropped()),
                        step.outcome() ? "" : StatsReport.rate(step.dropped(), step.reached()), "",
                        step.location(), mark).stripTrailing()).append("\n");
            }
        }
        long typed = report.typedAnswered() + report.typedNoAnswer();
        text.append("\nTyped questions: ").append(StatsReport.shown(typed)).append(", no good answer for ")
                .append(StatsReport.shown(report.typedNoAnswer())).append(" (")
                .append(StatsReport.rate(report.typedNoAnswer(), typed)).append(")\n");
        section(text, "Safety responses", report.safety());
        section(text, "Check-in answers", report.checkIns());
        section(text, "Articles", report.articles());
        return text.toString();
    }

    private static void section(StringBuilder text, String title, Map<String, Long> counts) {
        text.append(title).append(counts.isEmpty() ? ": none\n" : ":\n");
        counts.forEach((what, n) -> text.append("  ").append(what).append(": ").append(StatsReport.shown(n))
                .append("\n"));
    }

    public static String json(StatsReport report) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("days", report.days());
        root.put("smallCountsShownAs", "<" + StatsReport.SMALL);
        ArrayNode trees = root.putArray("trees");
        for (StatsReport.Funnel funnel : report.funnels()) {
            ObjectNode t = trees.addObject();
            t.put("id", funnel.tree());
            t.put("title", funnel.title());
            ArrayNode nodes = t.putArray("nodes");
            for (StatsReport.Step step : funnel.steps()) {
                ObjectNode n = nodes.addObject();
                n.put("id", step.node());
                n.put("at", step.location());
                n.put("outcome", step.outcome());
                n.put("reached", StatsReport.shown(step.reached()));
                if (step.outcome()) {
                    n.put("outcomeReached", StatsReport.shown(step.outcomes()));
                } else {
                    n.put("continued", StatsReport.shown(step.continued()));
                    n.put("wentBack", StatsReport.shown(step.back()));
                    n.put("restarted", StatsReport.shown(step.restarted()));
                    n.put("droppedOff", StatsReport.shown(step.dropped()));
                    n.put("dropOffRate", StatsReport.rate(step.dropped(), step.reached()));
                }
            }
            t.putPOJO("mostDropOff", funnel.worst());
        }
        ObjectNode typed = root.putObject("typedQuestions");
        typed.put("answered", StatsReport.shown(report.typedAnswered()));
        typed.put("noGoodAnswer", StatsReport.shown(report.typedNoAnswer()));
        typed.put("noGoodAnswerRate", StatsReport.rate(report.typedNoAnswer(),
                report.typedAnswered() + report.typedNoAnswer()));
        counts(root.putObject("safety"), report.safety());
        counts(root.putObject("checkIns"), report.checkIns());
        counts(root.putObject("articles"), report.articles());
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach((what, n) -> node.put(what, StatsReport.shown(n)));
    }
}
