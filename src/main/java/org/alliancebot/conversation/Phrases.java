package org.alliancebot.conversation;

/** The engine's own words, kept together so their tone can be read and changed in one place. */
final class Phrases {

    static final String MENU = "What would you like to think through?";
    static final String CONTINUE = "Continue";
    static final String MAIN_MENU = "Main menu";
    static final String RESUME = "Back to where I was";
    static final String STALE_BUTTON =
            "That button belongs to an earlier step, so I've left it alone. Here is where we are now:";
    static final String CONTENT_CHANGED =
            "I've been updated since your last step, so let's start this topic again from the top.";
    static final String AT_FIRST_STEP = "This is the first step, so there is nothing to go back to.";
    static final String BACK_AT_MENU = "You're at the main menu. Pick a topic to begin.";
    static final String UNKNOWN_TREE = "I don't have a topic called \"%s\". Here are the ones I know:";
    static final String UNKNOWN_COMMAND = "I don't know the command /%s. These are the ones I understand:";
    static final String READ_ARTICLE = "Read the article";
    static final String NOTHING_FOUND = "I don't have a good answer to that in my articles. You could try other "
            + "words, or pick one of these topics:";
    static final String SEARCH_HOW = "Type /search and then your question, for example: "
            + "/search how do I tell my therapist I want to stop";
    static final String EMPTY = "I didn't catch anything there. Use the buttons, or type /help.";

    private Phrases() {
    }
}
