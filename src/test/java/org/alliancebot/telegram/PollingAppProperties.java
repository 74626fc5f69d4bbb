package org.alliancebot.telegram;

import java.nio.file.Path;
import org.alliancebot.storage.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties of the whole app long polling a fake Bot API server, for the tests that start it that way. */
final class PollingAppProperties {

    private PollingAppProperties() {
    }

    /** Telegram's channel on {@code telegram}, the content in {@code content} (not watched), a fresh H2 database. */
    static void register(DynamicPropertyRegistry registry, FakeBotApi telegram, Path content, String database) {
        registry.add("alliance.storage.url", () -> Databases.h2Url(database));
        registry.add("alliance.channel", () -> "telegram");
        registry.add("alliance.telegram.token", () -> FakeBotApi.TOKEN);
        registry.add("alliance.telegram.api-url", () -> telegram.url().toString());
        registry.add("alliance.telegram.poll-timeout", () -> "1s");
        registry.add("alliance.content.dir", content::toString);
        registry.add("alliance.content.watch", () -> "false");
    }
}
