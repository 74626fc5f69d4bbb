package org.alliancebot.safety;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.alliancebot.content.Safety;
import org.alliancebot.content.SafetyExamples;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.Vectors;

/**
 * The second safety tier: reads a message by its meaning, against the hand-labelled examples in
 * {@code safety-examples.yaml}. A message is judged by how close it is to its nearest crisis example, and by how
 * much closer its {@value #NEIGHBOURS} nearest crisis examples are, on average, than its {@value #NEIGHBOURS}
 * nearest near-misses: a harmless use of crisis words ("this essay is killing me") is held back by the near-misses
 * that resemble it. Averaging a few neighbours rather than taking one measured better on two held-out rounds
 * (docs/safety.md). Built once per content snapshot; thread-safe.
 */
public final class ExampleBank {

    /** How many nearest examples on each side are averaged. */
    static final int NEIGHBOURS = 3;

    /**
     * Where the tier draws its lines, chosen on the labelled examples and an earlier held-out set (docs/safety.md).
     *
     * @param respondSimilarity the nearest crisis example at least this close, and ...
     * @param respondMargin     ... the crisis neighbours this much closer than the near-miss ones: the response
     * @param checkInSimilarity the nearest crisis example at least this close, and ...
     * @param checkInMargin     ... the crisis neighbours at least this much closer (may be negative): a check-in
     */
    public record Thresholds(float respondSimilarity, float respondMargin, float checkInSimilarity,
                             float checkInMargin) {
        public static final Thresholds DEFAULT = new Thresholds(0.60f, 0.10f, 0.35f, -0.03f);
    }

    /**
     * What the bank makes of one message.
     *
     * @param similarity    how close its nearest crisis example is
     * @param crisisNearby  the mean similarity of its nearest crisis examples
     * @param safeNearby    the mean similarity of its nearest near-misses
     */
    public record Reading(SafetyExamples.Example nearest, String category, float similarity, float crisisNearby,
                          float safeNearby) {
        public float margin() {
            return crisisNearby - safeNearby;
        }
    }

    private final Thresholds thresholds;
    private final List<SafetyExamples.Example> crisis;
    private final List<String> categories;
    private final float[][] crisisVectors;
    private final float[][] safeVectors;

    private ExampleBank(Thresholds thresholds, List<SafetyExamples.Example> crisis, List<String> categories,
                        float[][] crisisVectors, float[][] safeVectors) {
        this.thresholds = thresholds;
        this.crisis = crisis;
        this.categories = categories;
        this.crisisVectors = crisisVectors;
        this.safeVectors = safeVectors;
    }

    public static ExampleBank of(SafetyExamples examples, Embeddings embeddings) {
        return of(examples, embeddings, Thresholds.DEFAULT);
    }

    public static ExampleBank of(SafetyExamples examples, Embeddings embeddings, Thresholds thresholds) {
        List<SafetyExamples.Example> crisis = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (String category : Safety.CATEGORIES) {
            for (SafetyExamples.Example example : examples.crisis().getOrDefault(category, List.of())) {
                crisis.add(example);
                categories.add(category);
            }
        }
        float[][] crisisVectors = embeddings.ofContent(crisis.stream().map(SafetyExamples.Example::text).toList())
                .toArray(float[][]::new);
        float[][] safeVectors = embeddings.ofContent(examples.safe().stream().map(SafetyExamples.Example::text)
                .toList()).toArray(float[][]::new);
        return new ExampleBank(thresholds, List.copyOf(crisis), List.copyOf(categories), crisisVectors, safeVectors);
    }

    /** An empty bank, for the phrase rules alone (tests, tools that load no model): it never fires. */
    public static ExampleBank empty() {
        return new ExampleBank(Thresholds.DEFAULT, List.of(), List.of(), new float[0][], new float[0][]);
    }

    public boolean isEmpty() {
        return crisis.isEmpty();
    }

    /**
     * The nearest crisis example to a message's vector, and how near the near-misses are; empty when the bank has
     * no crisis examples or no near-misses to compare with.
     */
    public Optional<Reading> read(float[] vector) {
        return read(vector, -1, -1);
    }

    /**
     * The same, leaving out one crisis and one safe example (by position; -1 for none): how the bank would read
     * the example had it not been written, which is how its figures are measured (leave one out).
     */
    Optional<Reading> read(float[] vector, int skipCrisis, int skipSafe) {
        // Without near-misses the margin means nothing, and every message would look like crisis: no verdict.
        if (crisis.isEmpty() || safeVectors.length == 0) {
            return Optional.empty();
        }
        Nearest crisisNearest = nearest(vector, crisisVectors, skipCrisis);
        Nearest safeNearest = nearest(vector, safeVectors, skipSafe);
        if (crisisNearest.index() < 0 || safeNearest.index() < 0) {
            return Optional.empty();
        }
        return Optional.of(new Reading(crisis.get(crisisNearest.index()), categories.get(crisisNearest.index()),
                crisisNearest.best(), crisisNearest.mean(), safeNearest.mean()));
    }

    /** The closest of some vectors, and the mean similarity of the closest few. */
    private record Nearest(int index, float best, float mean) {
    }

    private static Nearest nearest(float[] vector, float[][] vectors, int skip) {
        float[] top = new float[NEIGHBOURS];
        Arrays.fill(top, -1);
        int index = -1;
        int seen = 0;
        for (int i = 0; i < vectors.length; i++) {
            if (i == skip) {
                continue;
            }
            seen++;
            float similarity = Vectors.dot(vector, vectors[i]);
            if (similarity > top[NEIGHBOURS - 1]) {
                if (similarity > top[0]) {
                    index = i;
                }
                // Insert into the short sorted list of the best few.
                int at = NEIGHBOURS - 1;
                while (at > 0 && top[at - 1] < similarity) {
                    top[at] = top[at - 1];
                    at--;
                }
                top[at] = similarity;
            }
        }
        int counted = Math.min(NEIGHBOURS, seen);
        float sum = 0;
        for (int i = 0; i < counted; i++) {
            sum += top[i];
        }
        return new Nearest(index, counted == 0 ? -1 : top[0], counted == 0 ? -1 : sum / counted);
    }

    /** The tier's decision for a reading: respond, check in, or let the message pass. */
    public Optional<SafetyCheck.Tier> decide(Reading reading) {
        if (reading.similarity() >= thresholds.respondSimilarity()
                && reading.margin() >= thresholds.respondMargin()) {
            return Optional.of(SafetyCheck.Tier.RESPOND);
        }
        if (reading.similarity() >= thresholds.checkInSimilarity()
                && reading.margin() >= thresholds.checkInMargin()) {
            return Optional.of(SafetyCheck.Tier.CHECK_IN);
        }
        return Optional.empty();
    }

    int crisisSize() {
        return crisisVectors.length;
    }

    int safeSize() {
        return safeVectors.length;
    }

    float[] crisisVector(int i) {
        return crisisVectors[i];
    }

    float[] safeVector(int i) {
        return safeVectors[i];
    }
}
