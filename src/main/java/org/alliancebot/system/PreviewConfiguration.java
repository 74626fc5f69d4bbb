package org.alliancebot.system;

import java.io.IOException;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.preview.PreviewController;
import org.alliancebot.preview.StatsPage;
import org.alliancebot.storage.JdbcCounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The browser preview for editors, at /preview. On by default where the app runs locally (the console chat binds
 * its web server to 127.0.0.1); off with alliance.preview.enabled=false. The Telegram bot leaves it off unless
 * asked, since its server may face the internet.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "alliance.preview.enabled", havingValue = "true")
class PreviewConfiguration {

    @Bean
    PreviewController previewController(Conversation conversation, SnapshotHolder holder) throws IOException {
        return new PreviewController(conversation, holder);
    }

    /** Each tree's funnel at /preview/stats, from the counts (and those not yet written down). */
    @Bean
    StatsPage statsPage(SnapshotHolder holder, JdbcCounts counts, DailyCounts memory) {
        return new StatsPage(holder, counts, memory);
    }
}
