package org.alliancebot.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alliancebot.content.Content;
import org.alliancebot.content.Node;
import org.alliancebot.content.Tree;
import org.alliancebot.conversation.Tally;
import org.alliancebot.storage.JdbcCounts;

/**
 * The counts as editors read them: each tree's funnel, node by node in the order the editor wrote them, with how
 * many reached a node, moved on from it and dropped off there; outcomes; typed questions; safety. A count under
 * {@link #SMALL} is shown as "&lt;5" so that no one person's path can be picked out when traffic is low.
 */
public record StatsReport(int days, List<Funnel> funnels, long typedAnswered, long typedNoAnswer,
                   Map<String, Long> safety, Map<String, Long> checkIns, Map<String, Long> articles) {

    public static final int SMALL = 5;

    /** One node of a funnel. Dropped off: reached and neither moved on, went back nor restarted from it. */
    public record Step(String node, String location, boolean outcome, long reached, long continued, long back,
                long restarted, long dropped, long outcomes) {
        public double dropRate() {
            return reached == 0 ? 0 : (double) dropped / reached;
        }
    }

    public record Funnel(String tree, String title, List<Step> steps, List<String> worst) {
    }

    public static StatsReport of(Content content, List<JdbcCounts.Row> rows, int days, String onlyTree) {
        Map<String, Long> byKey = new LinkedHashMap<>();
        Map<String, Long> safety = new LinkedHashMap<>();
        Map<String, Long> checkIns = new LinkedHashMap<>();
        Map<String, Long> articles = new LinkedHashMap<>();
        long answered = 0;
        long noAnswer = 0;
        for (JdbcCounts.Row row : rows) {
            byKey.merge(row.event() + "|" + row.subject() + "|" + row.detail(), row.n(), Long::sum);
            switch (row.event()) {
                case TYPED_ANSWERED -> answered += row.n();
                case TYPED_NO_ANSWER -> noAnswer += row.n();
                case SAFETY -> safety.merge(row.subject() + " (" + row.detail() + ")", row.n(), Long::sum);
                case CHECK_IN_ANSWER -> checkIns.merge(row.subject() + ": " + row.detail(), row.n(), Long::sum);
                case ARTICLE_FROM_SEARCH -> articles.merge(row.subject() + " from search", row.n(), Long::sum);
                case ARTICLE_FROM_TREE -> articles.merge(row.subject() + " from a tree", row.n(), Long::sum);
                case READ_ARTICLE -> articles.merge(row.subject() + " read in full", row.n(), Long::sum);
                default -> {
                }
            }
        }
        List<Funnel> funnels = new ArrayList<>();
        for (Tree tree : content.trees().values()) {
            if (onlyTree != null && !onlyTree.equals(tree.id())) {
                continue;
            }
            List<Step> steps = new ArrayList<>();
            for (Node node : tree.nodes().values()) {
                if (!node.isShown()) {
                    continue;
                }
                long reached = count(byKey, Tally.Event.REACHED, tree, node);
                long continued = count(byKey, Tally.Event.LEFT_BY_BUTTON, tree, node);
                long back = count(byKey, Tally.Event.WENT_BACK, tree, node);
                long restarted = count(byKey, Tally.Event.RESTARTED, tree, node);
                boolean outcome = node instanceof Node.Outcome;
                long dropped = outcome ? 0 : Math.max(0, reached - continued - back - restarted);
                steps.add(new Step(node.id(), node.at().file() + ":" + node.at().line(), outcome, reached,
                        continued, back, restarted, dropped, count(byKey, Tally.Event.OUTCOME, tree, node)));
            }
            List<String> worst = steps.stream().filter(s -> s.dropped() > 0)
                    .sorted(Comparator.comparingLong(Step::dropped).reversed().thenComparing(Step::node))
                    .limit(3).map(Step::node).toList();
            funnels.add(new Funnel(tree.id(), tree.title(), steps, worst));
        }
        return new StatsReport(days, funnels, answered, noAnswer, safety, checkIns, articles);
    }

    private static long count(Map<String, Long> byKey, Tally.Event event, Tree tree, Node node) {
        return byKey.getOrDefault(event + "|" + tree.id() + "|" + node.id(), 0L);
    }

    /** A count as a report shows it: "<5" under five (but 0 as 0: nothing happened), else the number. */
    public static String shown(long n) {
        return n > 0 && n < SMALL ? "<" + SMALL : Long.toString(n);
    }

    /** A rate as a report shows it: only when both counts are large enough to say something about no one. */
    public static String rate(long part, long whole) {
        return whole < SMALL || part > 0 && part < SMALL ? "-" : Math.round(100.0 * part / whole) + "%";
    }

    public double noAnswerRate() {
        long typed = typedAnswered + typedNoAnswer;
        return typed == 0 ? 0 : (double) typedNoAnswer / typed;
    }
}
