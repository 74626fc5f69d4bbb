package org.alliancebot.conversation;

import org.alliancebot.content.Content;

/**
 * Everything one input is handled with: the person, the snapshot read once for the whole turn (so a reload
 * mid-turn cannot mix versions) and their session as it was when the input arrived.
 */
public record Turn(ChatId chat, Snapshot snapshot, Session session) {

    public Content content() {
        return snapshot.content();
    }
}
