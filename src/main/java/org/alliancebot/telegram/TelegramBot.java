package org.alliancebot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.alliancebot.content.Markdown;
import org.alliancebot.conversation.Command;
import org.alliancebot.conversation.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The Telegram channel as one unit: the Bot API client, the long-polling loop or the webhook registration, the
 * per-chat lanes, and an orderly start and stop. Spring wiring creates it; it does not need Spring itself.
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
    /** The update kinds the bot acts on; Telegram sends no others. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query");

    private final TelegramSettings settings;
    private final Conversation conversation;
    private final Clock clock;
    private final PollMonitor monitor;
    private final OkHttpClient http;
    private final TelegramApi api;
    private final OkHttpTelegramClient client;
    private final PerChatExecutor lanes = new PerChatExecutor();
    /** Bot API calls that travel while an update's reply is sent; each update waits for its own before it ends. */
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final UpdateDispatcher dispatcher;
    private final UpdateJournal journal;
    /** Looks now and then for chats left waiting, such as those of an instance that died while answering. */
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("journal-sweep").daemon().factory());
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicReference<String> username = new AtomicReference<>();
    private final ObjectMapper json = TelegramJson.MAPPER;
    /** Written by the thread that starts the bot, read by health checks and shutdown. */
    private volatile TelegramBotsLongPollingApplication poller;
    private volatile Instant startedAt;

    public TelegramBot(TelegramSettings settings, Conversation conversation, Clock clock) {
        this(settings, conversation, clock, UpdateJournal.inMemory());
    }

    /** @param journal where updates wait between arriving and being handled; durable in production */
    public TelegramBot(TelegramSettings settings, Conversation conversation, Clock clock, UpdateJournal journal) {
        this(settings, conversation, clock, journal, TelegramMetrics.NONE);
    }

    /** @param metrics told of updates, Bot API calls, retries and rate-limit waits, for operators */
    public TelegramBot(TelegramSettings settings, Conversation conversation, Clock clock, UpdateJournal journal,
                       TelegramMetrics metrics) {
        this.settings = settings;
        this.conversation = conversation;
        this.clock = clock;
        this.monitor = new PollMonitor(clock, metrics);
        Dispatcher requests = new Dispatcher();
        // Replies to many chats go out at once; OkHttp's default allows five requests per host.
        requests.setMaxRequests(512);
        requests.setMaxRequestsPerHost(512);
        this.http = new OkHttpClient.Builder()
                .dispatcher(requests)
                // OkHttp keeps 5 idle connections by default; over HTTP/1.1 (a self-hosted Bot API server) replies
                // to many chats then open thousands of new connections a second. A press makes up to three calls at
                // once, so hundreds of busy chats need about a thousand. Measured in docs/benchmarks.md.
                .connectionPool(new ConnectionPool(1024, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(settings.pollTimeout().plusSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .addInterceptor(monitor)
                .build();
        this.client = new OkHttpTelegramClient(json, http, settings.token(), settings.telegramUrl());
        this.api = new TelegramApi(client, settings.rateLimit() ? new OutgoingLimiter() : OutgoingLimiter.none(),
                new RetryPolicy(), settings.sendAttempts(), settings.sendDeadline(),
                duration -> TimeUnit.MILLISECONDS.sleep(duration.toMillis()), background, metrics);
        this.journal = journal;
        this.dispatcher = new UpdateDispatcher(new UpdateHandler(conversation, api, this::username), lanes, journal,
                metrics);
    }

    /** What one attempt to reach Telegram found. */
    public sealed interface Contact {
        /** Telegram answered and knows the token. */
        record Reached() implements Contact {
        }

        /** Telegram refused the token (401, or 404 for a malformed one): trying again will not help. */
        record TokenRejected() implements Contact {
        }

        /** Telegram could not be reached, or failed: worth trying again. {@code reason} names no content. */
        record Failed(String reason) implements Contact {
        }
    }

    /** One getMe, without retries: can Telegram be reached, and does it accept the token? */
    public Contact contact() {
        try {
            User me = client.execute(new GetMe());
            if (me != null) {
                username.set(me.getUserName());
            }
            return new Contact.Reached();
        } catch (TelegramApiRequestException e) {
            // 401 for a token Telegram does not know; 404 for one so malformed that no bot path matches it.
            if (e.getErrorCode() != null && (e.getErrorCode() == 401 || e.getErrorCode() == 404)) {
                return new Contact.TokenRejected();
            }
            return new Contact.Failed(TelegramApi.describe(e));
        } catch (TelegramApiException e) {
            return new Contact.Failed(TelegramApi.describe(e));
        } catch (RuntimeException e) {
            return new Contact.Failed(e.getClass().getSimpleName());
        }
    }

    public String apiHost() {
        return settings.apiHost();
    }

    /** Starts long polling: learns the bot's name, registers its commands, and begins reading updates. */
    public void startPolling() throws TelegramApiException {
        introduce();
        TelegramBotsLongPollingApplication starting = new TelegramBotsLongPollingApplication(() -> json, () -> http,
                Executors::newSingleThreadScheduledExecutor,
                () -> new PollBackOff(monitor, () -> ThreadLocalRandom.current().nextDouble()));
        // Telegram lets one poller per token, so answers an earlier run left unsent are this instance's to send.
        journal.adoptUnsent();
        resumePending();
        try {
            starting.registerBot(settings.token(), settings::telegramUrl, this::getUpdates, dispatcher);
        } catch (TelegramApiException | RuntimeException e) {
            // Not started: the next attempt makes a new poller.
            close(starting);
            throw e;
        }
        // Published only once it polls, so health and shutdown never see a poller that is not running.
        poller = starting;
        startedAt = clock.instant();
        log.info("Alliance Bot is running on Telegram as @{} by long polling {}", username().orElse("?"),
                settings.apiHost());
    }

    /** Starts webhook mode: Telegram will POST updates to {@code publicUrl} with the secret in a header. */
    public void startWebhook(URI publicUrl, String secret) {
        introduce();
        api.setWebhook(SetWebhook.builder().url(publicUrl.toString()).secretToken(secret)
                .allowedUpdates(ALLOWED_UPDATES).build())
                .orElseThrow(() -> new IllegalStateException("Telegram did not accept the webhook; see the log"));
        resumePending();
        startedAt = clock.instant();
        log.info("Alliance Bot is running on Telegram as @{} by webhook at {} (API {})", username().orElse("?"),
                publicUrl.getHost(), settings.apiHost());
    }

    /** Now, and then every 30 s: chats an instance that died left waiting are taken over once its claim is old. */
    private void resumePending() {
        dispatcher.resumePending();
        if (!sweeping.compareAndSet(false, true)) {
            return; // a start that failed and is tried again has scheduled it already
        }
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                dispatcher.resumePending();
            } catch (RuntimeException e) {
                log.warn("Looking for waiting chats failed: {}", e.getClass().getSimpleName());
            }
        }, 30, 30, TimeUnit.SECONDS);
    }

    private GetUpdates getUpdates(Integer lastReceived) {
        return GetUpdates.builder()
                .offset(lastReceived + 1)
                .limit(100)
                .timeout((int) settings.pollTimeout().toSeconds())
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
    }

    /** getMe and setMyCommands: the command menu people see lists what the conversation understands. */
    private void introduce() {
        api.call(new GetMe()).map(User::getUserName).ifPresent(username::set);
        List<BotCommand> commands = conversation.commands().stream()
                .map((Command c) -> new BotCommand(c.name(), c.description()))
                .toList();
        api.call(SetMyCommands.builder().commands(commands).build());
    }

    Optional<String> username() {
        return Optional.ofNullable(username.get());
    }

    /**
     * A webhook delivery: recorded in the journal (a re-delivery of an update already recorded is recognised by
     * its id and not handled again), then handed to its chat's lane. False when the body is not an update.
     */
    public boolean receive(byte[] body) {
        Update update;
        try {
            update = json.readValue(body, Update.class);
        } catch (IOException e) {
            return false;
        }
        // Answered once the update is kept: Telegram delivers it again if this instance dies before.
        dispatcher.accept(update).join();
        return true;
    }

    /** When getUpdates last succeeded; empty before the first success or in webhook mode. */
    public Optional<Instant> lastPoll() {
        return monitor.lastSuccess();
    }

    /** When Telegram last answered getUpdates with 409: another instance polls with the same token. */
    public Optional<Instant> lastConflict() {
        return monitor.lastConflict();
    }

    /** Updates handed to the chats' lanes and not yet finished, across all chats. */
    public int pendingTasks() {
        return lanes.pending();
    }

    /**
     * Sends a short plain-text message to a chat that is not a conversation (an operator's), in the background,
     * with the usual retries and rate limits; the future holds whether it was sent. Not kept in the journal: a
     * notice lost to a crash is not worth resending.
     */
    public CompletableFuture<Boolean> sendNotice(long chatId, String text) {
        return CompletableFuture.supplyAsync(() -> api.send(TelegramRenderer.message(chatId,
                Markdown.escapeHtml(text), null)).isPresent(), background);
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public boolean polling() {
        return poller != null;
    }

    public Duration pollTimeout() {
        return settings.pollTimeout();
    }

    /** Closes a poller that never started polling. */
    private static void close(TelegramBotsLongPollingApplication poller) {
        try {
            poller.close();
        } catch (Exception e) {
            log.warn("Closing the poller failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Stops taking updates, lets the updates in hand finish, then deletes the webhook if asked. */
    public void stop(boolean deleteWebhook) {
        sweeper.shutdownNow();
        TelegramBotsLongPollingApplication poller = this.poller;
        if (poller != null) {
            try {
                poller.unregisterBot(settings.token());
                poller.close();
            } catch (Exception e) {
                log.warn("Stopping the poller failed: {}", e.getClass().getSimpleName());
            }
        }
        try {
            if (!lanes.awaitIdle(settings.shutdownGrace())) {
                log.warn("Shutting down with {} update(s) unfinished after {}", lanes.pending(),
                        settings.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            journal.flush();
        } catch (RuntimeException e) {
            log.warn("Writing down the journal at shutdown failed: {}", e.getClass().getSimpleName());
        }
        if (deleteWebhook && poller == null && startedAt != null) {
            api.call(DeleteWebhook.builder().build());
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        lanes.close();
        background.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
