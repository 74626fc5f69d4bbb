package org.alliancebot.conversation;

/**
 * Answers text a person typed that is not a command. The seam where search plugs in; safety checks run before
 * any responder sees the text.
 */
@FunctionalInterface
public interface FreeTextResponder {

    Result respond(Turn turn, String text);
}
