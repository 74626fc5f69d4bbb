package org.alliancebot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Telegram's objects as JSON, written the way the library writes them: with Jackson 2, whose annotations they
 * carry, ignoring fields a newer Bot API adds. One mapper for the bot's client, the journal's updates and the
 * outbox's answers.
 */
public final class TelegramJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TelegramJson() {
    }

    public static String write(Update update) {
        try {
            return MAPPER.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an update could not be written as JSON", e);
        }
    }

    public static Update readUpdate(String json) {
        try {
            return MAPPER.readValue(json, Update.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded update could not be read back", e);
        }
    }
}
