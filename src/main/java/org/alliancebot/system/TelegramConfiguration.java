package org.alliancebot.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.regex.Pattern;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.telegram.StartUp;
import org.alliancebot.telegram.TelegramBot;
import org.alliancebot.telegram.TelegramSettings;
import org.alliancebot.telegram.UpdateJournal;
import org.alliancebot.telegram.WebhookController;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the Telegram bot when the app starts with a token: long polling by default, or a webhook. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "alliance.channel", havingValue = "telegram")
class TelegramConfiguration {

    /** What Telegram accepts as a webhook secret. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,256}");

    @Bean(destroyMethod = "close")
    TelegramBot telegramBot(AllianceProperties properties, Conversation conversation, UpdateJournal journal,
                            MeterRegistry registry, SnapshotHolder holder) {
        var telegram = properties.telegram();
        TelegramMeters meters = new TelegramMeters(registry);
        TelegramBot bot = new TelegramBot(new TelegramSettings(telegram.token(), telegram.apiUrl(),
                telegram.pollTimeout(), telegram.rateLimit().enabled(), telegram.send().attempts(),
                telegram.send().deadline(), telegram.shutdownGrace()), conversation, Clock.systemUTC(), journal,
                meters);
        meters.watch(bot, journal, telegram.mode() == AllianceProperties.TelegramProperties.Mode.POLLING,
                Clock.systemUTC());
        // A refused content change is told to the operator's chat, when there is one (alliance.admin.chat-id).
        Long adminChat = properties.admin().chatId();
        if (adminChat != null) {
            holder.onReload(new RefusedReloadNotice(adminChat, bot::sendNotice));
        }
        return bot;
    }

    @Bean
    SmartLifecycle telegramLifecycle(TelegramBot bot, AllianceProperties properties,
                                     ConfigurableApplicationContext context) {
        var telegram = properties.telegram();
        if (telegram.mode() == AllianceProperties.TelegramProperties.Mode.WEBHOOK) {
            if (telegram.webhook().publicUrl() == null) {
                throw new IllegalStateException("alliance.telegram.webhook.public-url is required in webhook mode");
            }
            if (!SECRET.matcher(telegram.webhook().secret()).matches()) {
                throw new IllegalStateException("alliance.telegram.webhook.secret must be 16 to 256 characters of "
                        + "A-Z, a-z, 0-9, _ and -");
            }
        }
        // A rejected token cannot start working later: the app ends, with the one line StartUp logged. Not a daemon
        // thread (it would inherit that from the virtual thread that asks), or the JVM could end with 0 before it.
        Runnable exit = () -> Thread.ofPlatform().name("exit").daemon(false).start(() ->
                System.exit(SpringApplication.exit(context, () -> 1)));
        return new TelegramLifecycle(bot, telegram, exit);
    }

    @Bean
    @ConditionalOnProperty(name = "alliance.telegram.mode", havingValue = "webhook")
    WebhookController webhookController(TelegramBot bot, AllianceProperties properties) {
        return new WebhookController(bot, properties.telegram().webhook().secret());
    }

    @Bean
    TelegramHealthIndicator telegramHealthIndicator(TelegramBot bot) {
        return new TelegramHealthIndicator(bot, Clock.systemUTC());
    }

    /**
     * Starts the bot once everything else is up, trying again while Telegram cannot be reached (health is DOWN
     * meanwhile), and stops it first, letting updates in hand finish.
     */
    private static final class TelegramLifecycle implements SmartLifecycle {
        private final TelegramBot bot;
        private final AllianceProperties.TelegramProperties telegram;
        private final Runnable exit;
        private StartUp startUp;
        private volatile boolean running;

        TelegramLifecycle(TelegramBot bot, AllianceProperties.TelegramProperties telegram, Runnable exit) {
            this.bot = bot;
            this.telegram = telegram;
            this.exit = exit;
        }

        @Override
        public void start() {
            StartUp.Start start = telegram.mode() == AllianceProperties.TelegramProperties.Mode.WEBHOOK
                    ? () -> bot.startWebhook(telegram.webhook().publicUrl(), telegram.webhook().secret())
                    : bot::startPolling;
            startUp = new StartUp(bot, start, exit);
            startUp.begin();
            running = true;
        }

        @Override
        public void stop() {
            startUp.close();
            bot.stop(telegram.webhook().deleteOnShutdown());
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            // Before the web server stops, so webhook deliveries in hand can still be answered.
            return Integer.MAX_VALUE - 1;
        }
    }
}
