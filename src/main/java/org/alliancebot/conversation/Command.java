package org.alliancebot.conversation;

/**
 * One slash command: its name, the line shown for it in help and in chat apps' command menus, and what it does.
 */
public record Command(String name, String description, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        Result handle(Turn turn, String argument);
    }
}
