package org.alliancebot.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small content folders for tests: a valid menu and tree to start from, and methods to overwrite any
 * file with a broken variant.
 */
public final class ContentFixture {

    public static final String MENU = """
            welcome: Hello there.
            disclaimer: Information only, not therapy or an emergency service.
            help: Tap a button.
            trees: [sleep]
            """;

    /** A valid tree using every node kind but goto. Line numbers matter to tests: edit with care. */
    public static final String SLEEP = """
            id: sleep
            title: Is my sleep getting in the way?
            label: Sleep and therapy
            about: A few questions about tiredness.
            triggers: [tired, sleep]
            start: tired
            nodes:
              tired:
                question: How do you feel in sessions?
                choices:
                  - label: Wide awake
                    next: fine
                  - label: Worn out
                    next: how-long
                    flags: [worn-out]
                    score: 1
              how-long:
                message: Thanks for **saying** so.
                next: weigh
              weigh:
                check:
                  - if: { flag: worn-out, score-at-least: 1 }
                    next: mention-it
                else: fine
              mention-it:
                outcome: Mention it
                text: It is fine to say you are tired.
                follow-ups: [sleep]
              fine:
                outcome: Sounds fine
                text: Nothing suggests a problem.
            """;

    /** An article about anger, in a tree's words; line numbers matter to tests. */
    public static final String ANGER = """
            ---
            id: anger
            title: Anger at your therapist
            summary: Why strong feelings toward a therapist are common.
            tags: [anger, transference]
            trees: [sleep]
            further-reading:
              - title: Signs of a strong therapeutic alliance
                publisher: Counselling Directory
            reviewed: 2026-11-23
            ---

            ## Is it normal to be angry at my therapist?

            Yes. Many people feel **angry** with their therapist at times. It often echoes older relationships.

            ## What is transference?

            Transference is when feelings from the past land on the therapist in the room.
            """;

    /** An article about ending therapy; it never says "quit" or "counsellor". */
    public static final String ENDING = """
            ---
            id: ending
            title: Ending with a therapist
            summary: How to end respectfully.
            tags: [ending, goodbye]
            trees: []
            further-reading: []
            reviewed: 2026-11-23
            ---

            ## How do I end therapy?

            You can end in a session or in writing. You do not need to explain at length.

            ## Behaviour at the last session

            Thank the therapist if you like, and ask for a referral.
            """;

    public static final String SYNONYMS = """
            # test synonyms
            therapist, counsellor, counselor, shrink
            quit, end, break up
            behaviour, behavior
            """;

    private final Path dir;

    private ContentFixture(Path dir) {
        this.dir = dir;
    }

    /** A small safety file: one rule a category, two countries. */
    public static final String SAFETY = """
            default-country: INT
            countries:
              INT:
                name: Another country
                verified: 2026-11-01
                emergency: your local emergency number
                crisis: a helpline at findahelpline.com
                abuse: a helpline at findahelpline.com
                regulator: their professional body
              GB:
                name: United Kingdom
                verified: 2026-11-01
                languages: [en-gb]
                emergency: "999"
                crisis: Samaritans on 116 123
                abuse: 0808 2000 247
                regulator: the HCPC
            responses:
              self-harm: "Please call **{emergency}** or **{crisis}** now."
              others: "Your safety comes first: call {emergency}, or {abuse}."
              misconduct: "That is misconduct and not your fault. You can report it to {regulator}."
              sos: "Urgent help: {emergency}, {crisis}."
              check-in-self-harm: "Are you having thoughts of hurting yourself?"
              check-in-others: "Is someone hurting you?"
              check-in-misconduct: "Has your therapist crossed a line?"
              check-in-ok: "Glad to hear it."
              check-in-unsaid: "That's fine. Help is at {crisis}."
            no-fuzzy: [talking]
            classes:
              therapist: [therapist, counsellor]
            rules:
              - id: self-harm/kill-myself
                category: self-harm
                phrases: ["kill|killing myself", "kms"]
              - id: others/hit-me
                category: others
                phrases: ["partner * hits|hit me"]
                unless: ["hit me up"]
              - id: misconduct/kissed
                category: misconduct
                phrases: ["@therapist * kissed me"]
            """;

    /** A small example bank: five a list, the fewest the validator accepts without a warning. */
    public static final String SAFETY_EXAMPLES = """
            crisis:
              self-harm:
                - "i have been giving away my guitar and my books"
                - "i wrote letters to everyone i love"
                - "nobody will miss me when i am gone"
                - "i have saved up a lot of pills"
                - "i keep hurting myself when it gets bad"
              others:
                - "my partner hits me when he is angry"
                - "he locks me in the flat and takes my phone"
                - "my dad hurts my little brother"
                - "i am scared he will really hurt me this time"
                - "i want to hurt the man who did this"
              misconduct:
                - "my therapist kissed me after the session"
                - "my therapist told me not to tell my husband what we talk about"
                - "my therapist asked to borrow money from me"
                - "my therapist wants to meet for drinks"
                - "my therapist touched me in a way that felt wrong"
            safe:
              - "i gave my old clothes to charity"
              - "i wrote a leaving card for a colleague"
              - "this homework is killing me"
              - "my therapist charges a fee for missed sessions"
              - "my therapist said goodbye at our last planned session"
              - "i was angry at my therapist last week"
              - "is it normal to be annoyed with my counsellor"
              - "how do i end things with my shrink"
            """;

    /** A valid folder with the menu, the sleep tree, a small safety file and example bank. */
    public static ContentFixture validIn(Path dir) {
        return new ContentFixture(dir).write("menu.yaml", MENU).write("trees/sleep.yaml", SLEEP)
                .write("safety.yaml", SAFETY).write("safety-examples.yaml", SAFETY_EXAMPLES);
    }

    /** The valid folder plus two articles, synonyms, and the menu and an outcome linking the articles. */
    public static ContentFixture withArticlesIn(Path dir) {
        return validIn(dir)
                .write("articles/anger.md", ANGER)
                .write("articles/ending.md", ENDING)
                .write("search/synonyms.txt", SYNONYMS)
                .write("search/stopwords.txt", "hi\nhello\nthanks\n")
                .write("menu.yaml", MENU + "articles: [ending]\n")
                .sleepWith("follow-ups: [sleep]", "follow-ups: [sleep]\n    articles: [anger]");
    }

    public ContentFixture write(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence of {@code from} in the sleep tree as it stands. */
    public ContentFixture sleepWith(String from, String to) {
        try {
            String current = Files.readString(dir.resolve("trees/sleep.yaml"));
            int at = current.indexOf(from);
            if (at < 0) {
                throw new IllegalArgumentException("the sleep tree has no '" + from + "'");
            }
            return write("trees/sleep.yaml", current.substring(0, at) + to + current.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public LoadResult load() {
        return new ContentLoader().load(dir);
    }

    public Content content() {
        return load().orThrow();
    }
}
