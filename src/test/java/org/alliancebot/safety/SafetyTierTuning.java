package org.alliancebot.safety;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.TestEmbeddings;

/**
 * Prints the meaning tier's figures over a grid of thresholds: on the bank, leave one out, and on a development
 * set (an earlier held-out round). A tool for choosing {@link ExampleBank.Thresholds}, not a test:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.alliancebot.safety.SafetyTierTuning}.
 */
public final class SafetyTierTuning {

    record Row(float sim, float margin, float safeSim) {
    }

    public static void main(String[] args) {
        Embeddings embeddings = TestEmbeddings.miniLm();
        Content content = new ContentLoader().load(Path.of("content")).orThrow();
        ExampleBank bank = ExampleBank.of(content.safetyExamples(), embeddings);
        SafetyCheck rules = SafetyCheck.of(content.safety());
        // Leave one out over the bank.
        List<Row> bankCrisis = new ArrayList<>();
        for (int i = 0; i < bank.crisisSize(); i++) {
            var r = bank.read(bank.crisisVector(i), i, -1).orElseThrow();
            bankCrisis.add(new Row(r.similarity(), r.margin(), r.safeNearby()));
        }
        List<Row> bankSafe = new ArrayList<>();
        for (int i = 0; i < bank.safeSize(); i++) {
            var r = bank.read(bank.safeVector(i), -1, i).orElseThrow();
            bankSafe.add(new Row(r.similarity(), r.margin(), r.safeNearby()));
        }
        String devFile = args.length > 0 ? args[0] : "/safety/heldout-3.yaml";
        var dev = SafetyQualityTest.labelled(devFile);
        List<Row> devCrisis = new ArrayList<>();
        int devCrisisByRules = 0;
        for (Map.Entry<String, List<String>> category : dev.fire().entrySet()) {
            for (String text : category.getValue()) {
                if (rules.checkRules(text).isPresent()) {
                    devCrisisByRules++;
                    continue;
                }
                var r = bank.read(embeddings.ofTyped(text)).orElseThrow();
                devCrisis.add(new Row(r.similarity(), r.margin(), r.safeNearby()));
                if (r.margin() < 0.02f || r.similarity() < 0.45f) {
                    System.out.printf("  dev miss %.2f %+.2f %s [%s]%n", r.similarity(), r.margin(), text, r.nearest().text());
                }
            }
        }
        List<Row> devSafe = new ArrayList<>();
        int devSafeByRules = 0;
        for (String text : dev.safe()) {
            if (rules.checkRules(text).isPresent()) {
                devSafeByRules++;
                continue;
            }
            var r = bank.read(embeddings.ofTyped(text)).orElseThrow();
            devSafe.add(new Row(r.similarity(), r.margin(), r.safeNearby()));
            if (r.margin() >= 0.02f && r.similarity() >= 0.45f) {
                System.out.printf("  dev alarm %.2f %+.2f %s [%s]%n", r.similarity(), r.margin(), text, r.nearest().text());
            }
        }
        int devFire = devCrisis.size() + devCrisisByRules;
        int devNear = devSafe.size() + devSafeByRules;
        System.out.printf("bank: %d crisis, %d safe; dev (%s): %d fire (%d by rules), %d near-miss (%d by rules)%n",
                bankCrisis.size(), bankSafe.size(), devFile, devFire, devCrisisByRules, devNear, devSafeByRules);
        System.out.println("check-in grid (sim >= s and margin >= m): share of crisis caught / of near-misses flagged");
        for (float s : new float[] {0.25f, 0.30f, 0.35f, 0.40f, 0.45f, 0.50f}) {
            for (float m : new float[] {-0.10f, -0.05f, -0.04f, -0.03f, -0.02f, 0.0f, 0.02f, 0.05f}) {
                System.out.printf("  s=%.2f m=%+.2f  bank %.3f / %.3f   dev %.3f / %.3f%n", s, m,
                        share(bankCrisis, s, m), share(bankSafe, s, m),
                        (devCrisisByRules + count(devCrisis, s, m)) / (double) devFire,
                        (devSafeByRules + count(devSafe, s, m)) / (double) devNear);
            }
        }
        // Ordinary questions people ask the bot (the search tuning set): how many would a check-in interrupt?
        List<Row> questions = new ArrayList<>();
        try (var in = SafetyTierTuning.class.getResourceAsStream("/search/questions.yaml")) {
            List<Map<String, Object>> items = tools.jackson.dataformat.yaml.YAMLMapper.builder().build()
                    .readValue(in, new tools.jackson.core.type.TypeReference<>() { });
            for (Map<String, Object> item : items) {
                String q = (String) item.get("q");
                if (rules.checkRules(q).isPresent()) {
                    continue;
                }
                var r = bank.read(embeddings.ofTyped(q)).orElseThrow();
                questions.add(new Row(r.similarity(), r.margin(), r.safeNearby()));
                if (r.similarity() >= 0.40f && r.margin() >= -0.02f) {
                    System.out.printf("  question flagged %.2f %+.2f %s [%s]%n", r.similarity(), r.margin(), q,
                            r.nearest().text());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.println("ordinary questions flagged (check-in grid):");
        for (float s : new float[] {0.35f, 0.40f, 0.45f, 0.50f}) {
            for (float m : new float[] {-0.05f, -0.04f, -0.03f, -0.02f, 0.0f, 0.02f}) {
                System.out.printf("  s=%.2f m=%+.2f  %.3f%n", s, m, share(questions, s, m));
            }
        }
        if (args.length > 1) {
            topK(bank, embeddings, rules, dev);
        }
        System.out.println("respond grid: share of crisis / of near-misses given the full response");
        for (float s : new float[] {0.55f, 0.60f, 0.65f, 0.70f, 0.75f}) {
            for (float m : new float[] {0.0f, 0.05f, 0.10f, 0.15f}) {
                System.out.printf("  s=%.2f m=%+.2f  bank %.3f / %.3f   dev %.3f / %.3f%n", s, m,
                        share(bankCrisis, s, m), share(bankSafe, s, m),
                        count(devCrisis, s, m) / (double) devFire, count(devSafe, s, m) / (double) devNear);
            }
        }
    }

    /** Scores by the mean of the k nearest on each side; prints near-misses flagged at fixed recalls on dev. */
    static void topK(ExampleBank bank, Embeddings embeddings, SafetyCheck rules, SafetyQualityTest.Labelled dev) {
        List<float[]> crisis = new ArrayList<>();
        List<float[]> safe = new ArrayList<>();
        for (var texts : dev.fire().values()) {
            for (String t : texts) {
                if (rules.checkRules(t).isEmpty()) {
                    crisis.add(embeddings.ofTyped(t));
                }
            }
        }
        for (String t : dev.safe()) {
            if (rules.checkRules(t).isEmpty()) {
                safe.add(embeddings.ofTyped(t));
            }
        }
        for (int k : new int[] {1, 2, 3, 5, 8}) {
            for (float alpha : new float[] {0f, 0.5f, 1f}) {
                double[] cs = crisis.stream().mapToDouble(v -> score(bank, v, k, alpha)).sorted().toArray();
                double[] ss = safe.stream().mapToDouble(v -> score(bank, v, k, alpha)).toArray();
                StringBuilder line = new StringBuilder(String.format("  k=%d alpha=%.1f:", k, alpha));
                for (double recall : new double[] {0.90, 0.95, 0.98, 1.0}) {
                    int missesAllowed = (int) Math.floor((1 - recall) * cs.length);
                    double threshold = cs[missesAllowed];
                    long flagged = java.util.Arrays.stream(ss).filter(x -> x >= threshold).count();
                    line.append(String.format("  recall %.2f -> %.3f flagged", recall, flagged / (double) ss.length));
                }
                System.out.println(line);
            }
        }
    }

    /** Mean of the k nearest crisis similarities minus alpha times the mean of the k nearest safe ones. */
    static double score(ExampleBank bank, float[] v, int k, float alpha) {
        double[] c = new double[bank.crisisSize()];
        for (int i = 0; i < c.length; i++) {
            c[i] = org.alliancebot.embedding.Vectors.dot(v, bank.crisisVector(i));
        }
        double[] s = new double[bank.safeSize()];
        for (int i = 0; i < s.length; i++) {
            s[i] = org.alliancebot.embedding.Vectors.dot(v, bank.safeVector(i));
        }
        java.util.Arrays.sort(c);
        java.util.Arrays.sort(s);
        double mc = 0;
        double ms = 0;
        for (int i = 1; i <= k; i++) {
            mc += c[c.length - i] / k;
            ms += s[s.length - i] / k;
        }
        return mc - alpha * ms;
    }

    static int count(List<Row> rows, float s, float m) {
        return (int) rows.stream().filter(r -> r.sim() >= s && r.margin() >= m).count();
    }

    static double share(List<Row> rows, float s, float m) {
        return count(rows, s, m) / (double) rows.size();
    }
}
