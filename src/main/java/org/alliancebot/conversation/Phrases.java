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
    static final String ALSO = "Also: %s";
    static final String WALK_THROUGH = "Walk through: %s";
    static final String MORE_IN_ARTICLE = "_There is more in the article._";
    static final String CHECK_IN_YES = "Yes";
    static final String CHECK_IN_NO = "No, I'm OK";
    static final String CHECK_IN_RATHER_NOT_SAY = "I'd rather not say";
    static final String NOTHING_FOUND = "I don't have a good answer to that in my articles. You could try other "
            + "words, or pick one of these topics:";
    static final String SEARCH_HOW = "Type /search and then your question, for example: "
            + "/search how do I tell my therapist I want to stop";
    static final String EMPTY = "I didn't catch anything there. Use the buttons, or type /help.";
    static final String NO_WORDS = "I can only work with words, so I couldn't read that one. Type a question, or use "
            + "the buttons.";
    static final String SLOW_DOWN = "You're sending messages faster than I can read them. I'll pick up again in a "
            + "few seconds; take your time.";
    static final String GET_HELP = "Get help now";
    static final String CHOOSE_COUNTRY = "Numbers for my country";
    static final String WHICH_COUNTRY = "Which country should I show numbers for?";
    static final String COUNTRY_CHOSEN = "I'll show numbers for **%s** from now on.";
    static final String FORGOTTEN = "Done: I've forgotten our conversation, your place in any topic and your "
            + "country choice. Type /start whenever you'd like to begin again.";
    static final String PRIVACY = """
            **What I keep, and why**

            - **Where you are in a topic**: the step, the way back and which answers you gave (as flags, not words),             and the country you chose for crisis numbers. It lets /back and "Back to where I was" work.
            - **For how long**: until you have been away for %s, or until you type /forget, which deletes it at once.
            - **What I never keep**: anything you type. Your messages are read to answer them and then dropped; they             are not stored and not written to any log. Logs name chats only by a scrambled code, never by name or             number.

            I offer information, not therapy or diagnosis, and I am not an emergency service: for urgent help,             type /sos.""";

    private Phrases() {
    }
}
