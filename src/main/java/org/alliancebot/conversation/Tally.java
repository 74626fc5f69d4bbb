package org.alliancebot.conversation;

/**
 * Counts of what people do, never of what they wrote: an event and where it happened (a tree and a node, an
 * article, a safety category), nothing about who. Editors read them as funnels; see {@link DailyCounts}.
 */
public interface Tally {

    /** What can be counted, with what {@code subject} and {@code detail} name for each. */
    enum Event {
        /** A node was shown on the way through a tree: subject the tree, detail the node. */
        REACHED,
        /** A button of the node moved the person on: subject the tree, detail the node. */
        LEFT_BY_BUTTON,
        /** The person went back from the node. */
        WENT_BACK,
        /** The person started the tree again from the node. */
        RESTARTED,
        /** An outcome was reached: subject the tree, detail the node. */
        OUTCOME,
        /** An article answered a typed question: subject the article. */
        ARTICLE_FROM_SEARCH,
        /** "Read the article" was pressed while in a tree: subject the article. */
        ARTICLE_FROM_TREE,
        /** "Read the article" was pressed elsewhere (under a search answer): subject the article. */
        READ_ARTICLE,
        /** A typed question got an answer from the articles. */
        TYPED_ANSWERED,
        /** A typed question found no good answer. */
        TYPED_NO_ANSWER,
        /** The safety check fired: subject the category, detail the tier (respond or check-in). */
        SAFETY,
        /** A check-in was answered: subject the category, detail the answer (yes, no, rather-not-say). */
        CHECK_IN_ANSWER
    }

    void count(Event event, String subject, String detail);

    /** Counts nothing: for tests and the console's single runs. */
    Tally NONE = (event, subject, detail) -> { };
}
