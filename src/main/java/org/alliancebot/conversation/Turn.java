package org.alliancebot.conversation;

import org.alliancebot.content.Content;
import org.alliancebot.content.Safety;

/**
 * Everything one input is handled with: the person, the snapshot read once for the whole turn (so a reload
 * mid-turn cannot mix versions), their session as it was when the input arrived, and the language their app
 * reports (Telegram's language_code), which may say which country's crisis resources fit.
 */
public record Turn(ChatId chat, Snapshot snapshot, Session session, String languageCode) {

    public Content content() {
        return snapshot.content();
    }

    /** Resources for the person: the country they chose, else one their language implies, else the default. */
    public Safety.Country country() {
        Safety safety = content().safety();
        if (session.country() != null && safety.countries().containsKey(session.country())) {
            return safety.countries().get(session.country());
        }
        return safety.forLanguage(languageCode).orElse(safety.defaultResources());
    }
}
