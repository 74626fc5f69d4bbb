package org.alliancebot.conversation;

import java.util.Objects;

/** Identifies one conversation on one channel, e.g. a Telegram chat id or the console. */
public record ChatId(String value) {

    public ChatId {
        Objects.requireNonNull(value, "chat id");
    }

    public static ChatId of(long telegramChatId) {
        return new ChatId(Long.toString(telegramChatId));
    }

    @Override
    public String toString() {
        return value;
    }
}
