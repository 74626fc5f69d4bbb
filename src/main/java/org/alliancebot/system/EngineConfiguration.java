package org.alliancebot.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.conversation.ChatLogIds;
import org.alliancebot.conversation.ContentWatcher;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.FloodGuard;
import org.alliancebot.conversation.SessionStore;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.conversation.Tally;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.MiniLmEmbedder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the engine: content loaded and checked at start-up (invalid content stops the app, and
 * {@link InvalidContentFailureAnalyzer} lists every problem), reloaded when the folder changes, sessions, and the
 * conversation.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AllianceProperties.class)
class EngineConfiguration {

    @Bean
    Embeddings embeddings(AllianceProperties properties) {
        return Embeddings.cachedIn(new MiniLmEmbedder(), properties.embedding().cacheDir());
    }

    @Bean(destroyMethod = "close")
    SnapshotHolder snapshotHolder(AllianceProperties properties, Embeddings embeddings) {
        return new SnapshotHolder(properties.content().dir(), new ContentLoader(), Clock.systemUTC(), embeddings);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "alliance.content.watch", havingValue = "true", matchIfMissing = true)
    ContentWatcher contentWatcher(SnapshotHolder holder, AllianceProperties properties) {
        return new ContentWatcher(holder, properties.content().quietPeriod());
    }

    @Bean
    ContentMeters contentMeters(MeterRegistry registry, SnapshotHolder holder) {
        return new ContentMeters(registry, holder);
    }

    @Bean
    ContentHealthIndicator contentHealthIndicator(SnapshotHolder holder) {
        return new ContentHealthIndicator(holder);
    }

    @Bean
    DailyCounts dailyCounts() {
        return new DailyCounts(Clock.systemUTC());
    }

    @Bean
    Conversation conversation(SnapshotHolder holder, SessionStore sessions, AllianceProperties properties,
                              @Value("${alliance.channel:console}") String channel, DailyCounts counts,
                              MeterRegistry registry) {
        String key = properties.privacy().logKey();
        ChatLogIds logIds = key.isBlank() ? ChatLogIds.random() : new ChatLogIds(key.getBytes(StandardCharsets.UTF_8));
        // The console has one person, who may pipe in a long script; flood limits are for shared channels.
        FloodGuard flood = channel.equals("console") ? FloodGuard.unlimited() : new FloodGuard();
        // The console is an editor trying content out: what they do there is not what people do.
        // Safety responses are counted for operators' metrics too (never who, never what was typed).
        Tally tally = channel.equals("console") ? Tally.NONE : new SafetyMeters(counts, registry);
        return new Conversation(holder, sessions, Conversation.searchAnswers(), flood, logIds,
                properties.sessions().idle(), tally);
    }
}
