package org.alliancebot.system;

import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.ChatLogIds;
import org.alliancebot.conversation.FloodGuard;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.SessionStore;
import org.alliancebot.conversation.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine: content loaded and checked once at start-up, sessions, and the conversation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AllianceProperties.class)
class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    /** Refuses to start on invalid content: {@link InvalidContentFailureAnalyzer} lists every problem. */
    @Bean
    Snapshot snapshot(AllianceProperties properties) {
        Snapshot.Loaded loaded = Snapshot.load(properties.content().dir());
        loaded.problems().stream().filter(p -> !p.isError()).forEach(p -> log.warn("{}", p));
        Snapshot snapshot = loaded.orThrow();
        Content content = snapshot.content();
        log.info("Content {} loaded from {}: {} trees, {} articles", content.version(),
                ContentLoader.display(properties.content().dir()), content.trees().size(), content.articles().size());
        return snapshot;
    }

    @Bean
    ContentHealthIndicator contentHealthIndicator(Snapshot snapshot) {
        return new ContentHealthIndicator(() -> snapshot);
    }

    @Bean
    SessionStore sessionStore(AllianceProperties properties) {
        return new CaffeineSessionStore(properties.sessions().idle(), properties.sessions().maxSize());
    }

    @Bean
    Conversation conversation(Snapshot snapshot, SessionStore sessions, AllianceProperties properties,
                              @org.springframework.beans.factory.annotation.Value("${alliance.channel:console}")
                              String channel) {
        String key = properties.privacy().logKey();
        ChatLogIds logIds = key.isBlank() ? ChatLogIds.random()
                : new ChatLogIds(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // The console has one person, who may pipe in a long script; flood limits are for shared channels.
        FloodGuard flood = channel.equals("console") ? FloodGuard.unlimited() : new FloodGuard();
        return new Conversation(() -> snapshot, sessions, Conversation.searchAnswers(), flood, logIds,
                properties.sessions().idle());
    }
}
