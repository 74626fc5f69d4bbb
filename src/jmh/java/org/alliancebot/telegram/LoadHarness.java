package org.alliancebot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.ChatLogIds;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.FloodGuard;
import org.alliancebot.conversation.SessionStore;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.embedding.TestEmbeddings;
import org.alliancebot.storage.Databases;
import org.alliancebot.storage.FileCompacting;
import org.alliancebot.storage.H2FileCompaction;
import org.alliancebot.storage.StorageConfiguration;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * A closed-loop load run of the Telegram channel against a local Bot API server ({@link LoadBotApi}): N simulated
 * people, each in their own private chat, click through the shipped trees as fast as the bot answers. Each
 * person sends {@code /start}, presses a tree, then keeps pressing the first button of the bot's latest message;
 * at an outcome they press "Main menu" and then the next tree (they take the trees in turn). A step is one update
 * and ends when the bot's message with buttons reaches the server; its latency runs from the moment the update
 * was made available to getUpdates. Not JMH, and not part of any test run.
 *
 * <p>Bots ({@code --bot}):
 * <ul>
 *   <li>{@code alliance}: TelegramBot with the shipped content, as production builds it, but without the flood
 *       guard (these people press far faster than one a second);</li>
 *   <li>{@code noop}: a do-nothing bot on the same library, the transport's ceiling: one fixed message with one
 *       button per update, sent on a virtual thread with TelegramBot's Jackson and OkHttp settings;</li>
 *   <li>{@code noop3}: the same, but a press also gets the two calls Alliance Bot makes beside its reply
 *       (answerCallbackQuery, editMessageText), sent as Alliance Bot sends them, alongside the reply, so it makes
 *       the same three Bot API calls per press.</li>
 * </ul>
 *
 * <p>Other options: {@code --chats N} (200), {@code --seconds S} measured (20) after {@code --warmup W} (10);
 * {@code --until-compiled} warms up on until the JIT is quiet (see {@link Run#measure});
 * {@code --burst-warmup S} first has 600 other people press about once a second each for S s (see
 * {@link #burst});
 * {@code --think-ms T} makes each person pause 0.5–1.5 × T between a reply and their next press, for latency
 * below saturation (0, the default, is the closed loop); {@code --arrive-over-ms A} spreads the people's first
 * messages over A ms (default: T); {@code --flood-guard} gives Alliance Bot production's flood guard; {@code --no-compaction} leaves the H2 file
 * uncompacted while it runs, as production did before 2026-12-01; {@code --idle-connections N} lets the bot's OkHttp pool
 * keep N idle connections instead of OkHttp's default 5 (Alliance Bot keeps 256; others by reflection: an
 * experiment, not a setting); {@code --rtt-ms R} gives every Bot API call a round trip of R ms, as over the
 * internet to Telegram (0, the default, is loopback). From the repository root:
 *
 * <pre>
 * mvn -Pbenchmarks -q test-compile
 * mvn -Pbenchmarks -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     org.alliancebot.telegram.LoadHarness --bot alliance --chats 200 --seconds 20 --warmup 10
 * </pre>
 *
 * Prints one Markdown table row on standard output, and the table header and details (latency split, requests,
 * connections opened, GC, CPU used by other processes) on standard error. Everything shares one JVM, so the CPU
 * column covers the people, the fake server and the bot together.
 */
public final class LoadHarness {

    static final long FIRST_CHAT = 1_000_000;
    static final String MAIN_MENU = "Main menu";
    static final int TREES = 3;
    static final String STALE = "belongs to an earlier step";

    public static void main(String[] args) throws Exception {
        String botKind = "alliance";
        int chats = 200;
        int seconds = 20;
        int warmup = 10;
        int idleConnections = 0;
        int thinkMillis = 0;
        int roundTripMillis = 0;
        String journal = "memory";
        int arriveOverMillis = -1;
        boolean floodGuard = false;
        boolean untilCompiled = false;
        boolean compaction = true;
        int burstSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bot" -> botKind = args[++i];
                case "--chats" -> chats = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--idle-connections" -> idleConnections = Integer.parseInt(args[++i]);
                case "--think-ms" -> thinkMillis = Integer.parseInt(args[++i]);
                case "--rtt-ms" -> roundTripMillis = Integer.parseInt(args[++i]);
                case "--journal" -> journal = args[++i];
                case "--arrive-over-ms" -> arriveOverMillis = Integer.parseInt(args[++i]);
                case "--flood-guard" -> floodGuard = true;
                case "--until-compiled" -> untilCompiled = true;
                case "--no-compaction" -> compaction = false;
                case "--burst-warmup" -> burstSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: LoadHarness "
                        + "[--bot alliance|noop|noop3|noop3-sized] "
                        + "[--chats N] [--seconds S] [--warmup W] [--idle-connections N] [--think-ms T] [--rtt-ms R] "
                        + "[--journal memory|h2|h2-memory|postgres] [--arrive-over-ms A] [--flood-guard] [--until-compiled] "
                        + "[--no-compaction] [--burst-warmup S]");
            }
        }
        logAt("INFO");
        try (LoadBotApi api = new LoadBotApi(Duration.ofMillis(roundTripMillis))) {
            Run run = new Run(api, chats, thinkMillis, arriveOverMillis < 0 ? thinkMillis : arriveOverMillis,
                    FIRST_CHAT);
            Bot bot = switch (botKind) {
                case "alliance" -> new AllianceBot(api.settings(), idleConnections, journal, floodGuard,
                        compaction);
                case "noop" -> new NoopBot(api.settings(), false, idleConnections);
                case "noop3" -> new NoopBot(api.settings(), true, idleConnections);
                case "noop3-sized" -> new NoopBot(api.settings(), true, idleConnections, true);
                default -> throw new IllegalArgumentException("--bot alliance, noop, noop3 or noop3-sized, not "
                        + botKind);
            };
            try {
                bot.start();
                if (burstSeconds > 0) {
                    burst(api, Duration.ofSeconds(burstSeconds));
                }
                api.observe(run);
                Result result = run.measure(Duration.ofSeconds(warmup), untilCompiled, Duration.ofSeconds(seconds));
                System.err.println(Result.HEADER);
                System.out.println(result.row(botKind + (idleConnections > 0 ? ", " + idleConnections
                        + " idle connections" : "") + (thinkMillis > 0 ? ", think " + thinkMillis + " ms" : "")
                        + (roundTripMillis > 0 ? ", round trip " + roundTripMillis + " ms" : "")
                        + (botKind.equals("alliance") && !journal.equals("memory") ? ", " + journal + " journal" : "")
                        + (botKind.equals("alliance") && floodGuard ? ", flood guard" : "")
                        + (journal.equals("h2") && !compaction ? ", not compacted" : "")
                        + (arriveOverMillis >= 0 ? ", arriving over " + arriveOverMillis + " ms" : "")));
                System.err.println(result.details());
                System.err.println("mean request body: " + api.meanRequestBytes());
            } finally {
                run.stop();
                api.wakeAll();
                bot.close();
            }
        }
        System.exit(0);
    }

    static final long BURST_FIRST_CHAT = 5_000_000;
    static final int BURST_CHATS = 600;
    static final int BURST_THINK_MILLIS = 1_000;

    /**
     * Warms the bot up at many times the measured rate, in chats of their own, before the measured people arrive:
     * at 100 presses a second a method called once per press needs minutes to be compiled by C2, so a paced run
     * measured after a short warm-up still shares its two cores with the JIT. Each of these people presses about
     * once a second, which the flood guard allows, so the bot answers every press as it would a real one.
     */
    private static void burst(LoadBotApi api, Duration length) throws InterruptedException {
        Run burst = new Run(api, BURST_CHATS, BURST_THINK_MILLIS, BURST_THINK_MILLIS, BURST_FIRST_CHAT);
        api.observe(burst);
        long started = System.nanoTime();
        burst.begin();
        Thread.sleep(length);
        burst.stop();
        System.err.printf(Locale.ROOT, "burst warm-up: %d chats, %,d replies in %.0f s%n", BURST_CHATS,
                burst.replies(), (System.nanoTime() - started) / 1e9);
    }

    /** Quiets logback's default DEBUG console output to production's level. */
    private static void logAt(String level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.toLevel(level));
        }
    }

    // ---- the people ----

    /** One simulated person; its fields are guarded by itself, the timestamps are written by the server. */
    static final class Person {
        final long chat;
        long availableAt;
        volatile long handedOutAt;
        volatile long firstCallAt;
        boolean atMenu = true;
        int treeTurn;
        boolean idle;
        boolean awaiting;

        Person(long chat, int index) {
            this.chat = chat;
            this.treeTurn = index;
        }
    }

    static final class Run implements LoadBotApi.Observer {
        private final LoadBotApi api;
        private final Person[] people;
        private volatile boolean running = true;
        private volatile boolean measuring;
        private final Samples latency = new Samples();
        private final Samples queueWait = new Samples();
        private final Samples inBot = new Samples();
        private final Samples toFirstCall = new Samples();
        private final LongAdder extraMessages = new LongAdder();
        private final LongAdder staleReplies = new LongAdder();
        private final LongAdder apologies = new LongAdder();
        private final LongAdder replies = new LongAdder();
        /** The first person's chat; the others follow. */
        private final long firstChat;

        /** Mean pause between a reply and the next press; 0 for a closed loop at full speed. */
        private final int thinkMillis;
        /** People send their first message at a uniformly random moment within this many ms of the start. */
        private final int arriveOverMillis;
        private final ScheduledExecutorService thinking = Executors.newSingleThreadScheduledExecutor();

        Run(LoadBotApi api, int chats, int thinkMillis, int arriveOverMillis, long firstChat) {
            this.api = api;
            this.firstChat = firstChat;
            this.thinkMillis = thinkMillis;
            this.arriveOverMillis = arriveOverMillis;
            this.people = new Person[chats];
            for (int i = 0; i < chats; i++) {
                people[i] = new Person(firstChat + i, i);
            }
        }

        /**
         * @param untilCompiled after the warm-up, warm up on in steps of {@link LoadHarness#COMPILED_STEP} until the JIT
         *                      compiles for less than {@link LoadHarness#COMPILED_QUIET} in a step (at most
         *                      {@link LoadHarness#COMPILED_MOST} more): on two cores a JVM still compiling spends up to a core
         *                      on its compiler threads, and the run would measure its warm-up, not its pace
         */
        Result measure(Duration warmup, boolean untilCompiled, Duration window) throws InterruptedException {
            begin();
            Thread.sleep(warmup);
            if (untilCompiled) {
                long started = System.nanoTime();
                long compiled = Gauges.compiledMillis();
                while (System.nanoTime() - started < COMPILED_MOST.toNanos()) {
                    Thread.sleep(COMPILED_STEP);
                    long now = Gauges.compiledMillis();
                    if (now - compiled < COMPILED_QUIET.toMillis()) {
                        break;
                    }
                    compiled = now;
                }
                System.err.printf(Locale.ROOT, "warmed up for %d s, then %.0f s more until the JIT was quiet%n",
                        warmup.toSeconds(), (System.nanoTime() - started) / 1e9);
            }
            Gauges before = Gauges.now(api);
            measuring = true;
            Thread.sleep(window);
            measuring = false;
            Gauges after = Gauges.now(api);
            int stuck = 0;
            for (Person person : people) {
                synchronized (person) {
                    if (person.awaiting && after.nanos() - person.availableAt > Duration.ofSeconds(2).toNanos()) {
                        stuck++;
                    }
                }
            }
            return new Result(people.length, after.minus(before), latency.sorted(), queueWait.sorted(),
                    inBot.sorted(), toFirstCall.sorted(), extraMessages.sum(), staleReplies.sum(),
                    apologies.sum(), stuck);
        }

        /** Each person sends {@code /start} at a random moment within the arrival spread. */
        void begin() {
            for (Person person : people) {
                later(arriveOverMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(arriveOverMillis), person,
                        () -> api.sendText(person.chat, "/start", person));
            }
        }

        /** Replies with buttons received so far. */
        long replies() {
            return replies.sum();
        }

        /** People stop after their current step; waits a moment (at most 3 s) for the steps in hand. */
        void stop() throws InterruptedException {
            running = false;
            thinking.shutdownNow();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (Person person : people) {
                while (System.nanoTime() < deadline) {
                    synchronized (person) {
                        if (person.idle || !person.awaiting) {
                            break;
                        }
                    }
                    Thread.sleep(5);
                }
            }
        }

        private Person person(long chat) {
            long index = chat - firstChat;
            return index >= 0 && index < people.length ? people[(int) index] : null;
        }

        @Override
        public void handedOut(Object tag, long nanos) {
            if (tag instanceof Person person) {
                person.handedOutAt = nanos;
            }
        }

        @Override
        public void called(String method, long chat, long nanos) {
            Person person = person(chat);
            if (person != null && person.firstCallAt == 0) {
                person.firstCallAt = nanos;
            }
        }

        @Override
        public void sent(LoadBotApi.Sent message) {
            Person person = person(message.chat());
            if (person == null) {
                return;
            }
            if (message.text().contains(STALE)) {
                staleReplies.increment();
            }
            if (message.text().startsWith("Sorry, something went wrong")) {
                apologies.increment();
            }
            if (!message.hasCallbackButtons()) {
                extraMessages.increment();
                return;
            }
            replies.increment();
            synchronized (person) {
                person.awaiting = false;
                long now = message.arrivedNanos();
                if (measuring) {
                    latency.add(now - person.availableAt);
                    queueWait.add(person.handedOutAt - person.availableAt);
                    inBot.add(now - person.handedOutAt);
                    long first = person.firstCallAt == 0 ? now : person.firstCallAt;
                    toFirstCall.add(first - person.handedOutAt);
                }
                if (!running) {
                    person.idle = true;
                    return;
                }
                LoadBotApi.Button next = next(person, message.buttons());
                long pause = thinkMillis == 0 ? 0
                        : ThreadLocalRandom.current().nextLong(thinkMillis / 2, thinkMillis * 3L / 2 + 1);
                later(pause, person, () -> api.press(person.chat, message, next, person));
            }
        }

        /** Makes the person's next update available now, or after a pause (uniform around the mean). */
        private void later(long millis, Person person, Runnable update) {
            Runnable send = () -> {
                synchronized (person) {
                    if (!running) {
                        person.idle = true;
                        return;
                    }
                    person.availableAt = System.nanoTime();
                    person.firstCallAt = 0;
                    person.awaiting = true;
                    update.run();
                }
            };
            if (millis == 0) {
                send.run();
            } else {
                thinking.schedule(send, millis, TimeUnit.MILLISECONDS);
            }
        }

        /** At an outcome "Main menu"; at the menu the person's next tree; anywhere else the first button. */
        private static LoadBotApi.Button next(Person person, List<LoadBotApi.Button> buttons) {
            List<LoadBotApi.Button> pressable = buttons.stream().filter(b -> b.data() != null).toList();
            for (LoadBotApi.Button button : pressable) {
                if (button.label().equals(MAIN_MENU)) {
                    person.atMenu = true;
                    return button;
                }
            }
            if (person.atMenu) {
                person.atMenu = false;
                return pressable.get(person.treeTurn++ % Math.min(TREES, pressable.size()));
            }
            return pressable.getFirst();
        }
    }

    // ---- measuring ----

    /** Nanosecond samples, appended from many threads. */
    static final class Samples {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    static final Duration COMPILED_STEP = Duration.ofSeconds(5);
    static final Duration COMPILED_QUIET = Duration.ofMillis(250);
    static final Duration COMPILED_MOST = Duration.ofSeconds(180);

    /** Counters read at the start and end of the measured window. */
    record Gauges(long nanos, long cpuNanos, long gcMillis, long jitMillis, long requests, long polls,
                  long emptyPolls, long updates, long tcpOpens, long machineBusyJiffies) {
        static Gauges now(LoadBotApi api) {
            long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
            return new Gauges(System.nanoTime(), cpu, gc, compiledMillis(), api.requests(), api.polls(), api.emptyPolls(),
                    api.updatesHandedOut(), tcpConnectionsOpened(), machineCpuJiffies());
        }

        /**
         * Time the JIT's compiler threads have spent compiling, summed over them: they share the two cores, so a
         * bot still being compiled is not yet at its pace.
         */
        static long compiledMillis() {
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        }

        /** CPU time used by everything on this machine, in 1/100 s (Linux only; -1 elsewhere). */
        static long machineCpuJiffies() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long busy = 0;
                for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(cpu[field]);
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** TCP connections opened on this machine so far (Linux only; -1 elsewhere): loopback churn shows here. */
        static long tcpConnectionsOpened() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
                for (int i = 0; i + 1 < lines.size(); i++) {
                    if (lines.get(i).startsWith("Tcp:") && lines.get(i + 1).startsWith("Tcp:")) {
                        List<String> names = List.of(lines.get(i).split("\\s+"));
                        return Long.parseLong(lines.get(i + 1).split("\\s+")[names.indexOf("ActiveOpens")]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or a format this does not know.
            }
            return -1;
        }

        Gauges minus(Gauges earlier) {
            return new Gauges(nanos - earlier.nanos, cpuNanos - earlier.cpuNanos, gcMillis - earlier.gcMillis,
                    jitMillis - earlier.jitMillis, requests - earlier.requests, polls - earlier.polls, emptyPolls - earlier.emptyPolls,
                    updates - earlier.updates, tcpOpens - earlier.tcpOpens,
                    machineBusyJiffies - earlier.machineBusyJiffies);
        }

        /** Cores' worth of CPU that other processes used in the window: should be near 0 for a clean run. */
        double othersCores() {
            return machineBusyJiffies / 100.0 / (nanos / 1e9) - cpuNanos / (double) nanos;
        }
    }

    record Result(int chats, Gauges window, long[] latency, long[] queueWait, long[] inBot, long[] toFirstCall,
                  long extraMessages, long staleReplies, long apologies, int stuck) {

        static final String HEADER = """
                | bot | chats | replies/s | p50 | p99 | max | wait for getUpdates p50 / p99 | handed out → reply p50 / p99 | Bot API requests/s | updates per poll | CPU (cores of 2) |
                |---|---|---|---|---|---|---|---|---|---|---|""";

        double seconds() {
            return window.nanos() / 1e9;
        }

        double throughput() {
            return latency.length / seconds();
        }

        String row(String bot) {
            double polls = Math.max(1, window.polls());
            return String.format(Locale.ROOT,
                    "| %s | %d | %.0f | %s | %s | %s | %s / %s | %s / %s | %.0f | %.1f | %.2f |",
                    bot, chats, throughput(), ms(pct(latency, 50)), ms(pct(latency, 99)), ms(pct(latency, 100)),
                    ms(pct(queueWait, 50)), ms(pct(queueWait, 99)), ms(pct(inBot, 50)), ms(pct(inBot, 99)),
                    window.requests() / seconds(), window.updates() / polls, window.cpuNanos() / (double) window.nanos());
        }

        String details() {
            double closedLoopLatencyMs = chats / Math.max(throughput(), 1e-9) * 1000;
            return String.format(Locale.ROOT, """
                    steps measured: %d in %.1f s; mean latency %s; N / throughput = %.2f ms (closed loop only)
                    handed out → first Bot API call of the step p50 / p99: %s / %s
                    getUpdates calls: %d (%d empty); GC time in window: %d ms; JIT compiling in window: %d ms; TCP connections opened: %.0f/s
                    messages without buttons: %d; stale-button replies: %d; apologies: %d; chats left without a reply for over 2 s: %d
                    other processes used %.2f cores during the window""",
                    latency.length, seconds(), ms(mean(latency)), closedLoopLatencyMs,
                    ms(pct(toFirstCall, 50)), ms(pct(toFirstCall, 99)),
                    window.polls(), window.emptyPolls(), window.gcMillis(), window.jitMillis(), window.tcpOpens() / seconds(), extraMessages, staleReplies, apologies, stuck,
                    window.othersCores());
        }

        static long pct(long[] sorted, double percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percentile / 100 * sorted.length);
            return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
        }

        static long mean(long[] values) {
            return values.length == 0 ? 0 : (long) Arrays.stream(values).average().orElse(0);
        }

        static String ms(long nanos) {
            double millis = nanos / 1e6;
            return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis)
                    : String.format(Locale.ROOT, "%.1f ms", millis);
        }
    }

    // ---- the bots ----

    interface Bot extends AutoCloseable {
        void start() throws Exception;

        @Override
        void close();
    }

    /**
     * The real thing, with the shipped content, and the update journal and session store of the kind asked for:
     * in memory, or durable as production's default (an H2 file, a pool of 20 connections, Flyway's schema), or
     * on PostgreSQL (embedded, started from Maven Central's binaries).
     */
    static final class AllianceBot implements Bot {
        private final TelegramBot bot;
        private final AutoCloseable database;

        AllianceBot(TelegramSettings settings, int idleConnections, String journalKind, boolean floodGuard,
                    boolean compaction) {
            Snapshot snapshot = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();
            SessionStore sessions = new CaffeineSessionStore(Duration.ofHours(1), 100_000);
            UpdateJournal journal = UpdateJournal.inMemory();
            AutoCloseable opened = () -> { };
            if (!journalKind.equals("memory")) {
                Path files = journalKind.equals("h2") ? temporaryDirectory() : null;
                HikariDataSource source = dataSource(journalKind, files);
                Flyway.configure().dataSource(source).load().migrate();
                var storage = new StorageConfiguration(source,
                        new TransactionTemplate(
                                new DataSourceTransactionManager(source)),
                        Clock.systemUTC(), Duration.ofHours(1), 100_000, journalKind.startsWith("h2"));
                sessions = storage.sessions();
                journal = storage.journal();
                // Production compacts an H2 file every 0.2 s (StorageWiring); so does this run.
                FileCompacting compacting = new FileCompacting(new H2FileCompaction(source),
                        files != null && compaction ? Duration.ofMillis(200) : null);
                opened = () -> {
                    compacting.close();
                    if (files != null) {
                        // Before closing, which compacts it.
                        System.err.printf(Locale.ROOT, "H2 file at the end: %.0f MB%n", sizeOf(files) / 1e6);
                    }
                    source.close();
                    if (files != null) {
                        // An H2 file grows to about 2 GB in a saturated run: a few left behind fill the disk.
                        FileSystemUtils.deleteRecursively(files);
                    }
                };
            }
            database = opened;
            // No flood guard unless asked: in a closed loop a simulated person presses hundreds of times a second,
            // which production's guard (a burst of ten, then one input a second per chat) would rightly drop.
            Conversation conversation = new Conversation(() -> snapshot, sessions, Conversation.searchAnswers(),
                    floodGuard ? new FloodGuard() : FloodGuard.unlimited(), ChatLogIds.random(), Duration.ofHours(24));
            bot = new TelegramBot(settings, conversation, Clock.systemUTC(), journal);
            if (idleConnections > 0) {
                keepIdle(bot, idleConnections);
            }
        }

        private static long sizeOf(Path dir) {
            try (var files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            } catch (IOException e) {
                return -1;
            }
        }

        private static Path temporaryDirectory() {
            try {
                return Files.createTempDirectory("alliance-load-h2");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Production's settings: the default H2 URL's options in {@code files}, a fresh directory, or PostgreSQL;
         * 20 connections.
         */
        private static HikariDataSource dataSource(String kind, Path files) {
            HikariConfig config = new HikariConfig();
            config.setMaximumPoolSize(20);
            switch (kind) {
                case "h2" -> {
                    config.setJdbcUrl("jdbc:h2:file:" + files.resolve("alliance") + ";MODE=PostgreSQL;"
                            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
                    config.setUsername("sa");
                }
                case "h2-memory" -> {
                    // A diagnosis, not a way to run the bot: H2's engine on the same path with no file at all.
                    config.setJdbcUrl("jdbc:h2:mem:load-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
                    config.setUsername("sa");
                }
                case "postgres" -> {
                    String name = Databases.newPostgresDatabase();
                    config.setJdbcUrl(Databases.postgresUrl(name));
                    config.setUsername("postgres");
                }
                default -> throw new IllegalArgumentException("--journal memory, h2, h2-memory or postgres, not " + kind);
            }
            return new HikariDataSource(config);
        }

        /**
         * An experiment, not a way to configure the bot: lets TelegramBot's OkHttp pool keep more than OkHttp's
         * default five idle connections, by reflection, to measure what that setting would change.
         */
        private static void keepIdle(TelegramBot bot, int connections) {
            try {
                java.lang.reflect.Field httpField = TelegramBot.class.getDeclaredField("http");
                httpField.setAccessible(true);
                OkHttpClient http = (OkHttpClient) httpField.get(bot);
                java.lang.reflect.Field delegate = ConnectionPool.class.getDeclaredField("delegate");
                delegate.setAccessible(true);
                Object pool = delegate.get(http.connectionPool());
                java.lang.reflect.Field max = pool.getClass().getDeclaredField("maxIdleConnections");
                max.setAccessible(true);
                max.setInt(pool, connections);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot change TelegramBot's connection pool", e);
            }
        }

        @Override
        public void start() throws TelegramApiException {
            bot.startPolling();
        }

        @Override
        public void close() {
            bot.stop(false);
            bot.close();
            try {
                database.close();
            } catch (Exception e) {
                System.err.println("closing the database: " + e);
            }
        }
    }

    /**
     * A bot that does nothing but answer: for every update one fixed message with one button, sent on a virtual
     * thread, over the same library, Jackson and OkHttp settings as TelegramBot. With {@code likeAlliance}, a
     * press also gets the two calls Alliance Bot makes alongside its reply: answerCallbackQuery and
     * editMessageText, sent while the reply is, and waited for before the update is done.
     */
    static final class NoopBot implements Bot {
        private static final InlineKeyboardMarkup KEYBOARD = InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("Next").callbackData("next")
                        .build()))
                .build();
        /**
         * noop3-sized: calls that weigh what Alliance Bot's do in this harness (mean request bodies measured by
         * LoadBotApi: sendMessage 564 B, editMessageText 296 B), so that only the work between the calls differs.
         */
        private static final String SIZED_TEXT = "When you talk about what matters to you, does your therapist follow "
                + "it and remember it the next week? There is no right answer here: what you notice is what "
                + "counts.";
        private static final String SIZED_EDIT = "Do you feel heard in your weekly sessions, most of the time? "
                + "Think of the last few rather than the best or the worst one, and of what you said that mattered to you."
                + "\n\n✓ <b>Yes, most of the time</b>";
        private static final InlineKeyboardMarkup SIZED_KEYBOARD = InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("Yes, most of the time")
                        .callbackData("p:fit:heard:3:a").build()))
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("Sometimes, not always")
                        .callbackData("p:fit:heard:3:b").build()))
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("Hardly ever")
                        .callbackData("p:fit:heard:3:c").build()))
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("↩ Back")
                        .callbackData("b:fit:heard:3").build(), InlineKeyboardButton.builder().text("Main menu")
                        .callbackData("m").build()))
                .build();

        private final TelegramSettings settings;
        private final boolean likeAlliance;
        /** What each press gets: noop3's few words, or noop3-sized's calls as heavy as Alliance Bot's. */
        private final String replyText;
        private final String replyParseMode;
        private final InlineKeyboardMarkup replyKeyboard;
        private final String editText;
        private final ObjectMapper json = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        private final OkHttpClient http;
        private final OkHttpTelegramClient client;
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private TelegramBotsLongPollingApplication poller;

        NoopBot(TelegramSettings settings, boolean likeAlliance, int idleConnections) {
            this(settings, likeAlliance, idleConnections, false);
        }

        NoopBot(TelegramSettings settings, boolean likeAlliance, int idleConnections, boolean sized) {
            this.settings = settings;
            this.likeAlliance = likeAlliance;
            this.replyText = sized ? SIZED_TEXT : "Nothing to see here.";
            this.replyParseMode = sized ? ParseMode.HTML : null;
            this.replyKeyboard = sized ? SIZED_KEYBOARD : KEYBOARD;
            this.editText = sized ? SIZED_EDIT : "Pressed\n\n✓ <b>Next</b>";
            Dispatcher requests = new Dispatcher();
            requests.setMaxRequests(512);
            requests.setMaxRequestsPerHost(512);
            this.http = new OkHttpClient.Builder()
                    .dispatcher(requests)
                    .connectionPool(idleConnections > 0 ? new ConnectionPool(idleConnections, 5, TimeUnit.MINUTES)
                            : new ConnectionPool())
                    .connectTimeout(Duration.ofSeconds(10))
                    .readTimeout(settings.pollTimeout().plusSeconds(30))
                    .writeTimeout(Duration.ofSeconds(30))
                    .build();
            this.client = new OkHttpTelegramClient(json, http, settings.token(), settings.telegramUrl());
        }

        @Override
        public void start() throws TelegramApiException {
            poller = new TelegramBotsLongPollingApplication(() -> json, () -> http,
                    Executors::newSingleThreadScheduledExecutor);
            poller.registerBot(settings.token(), settings::telegramUrl, last -> GetUpdates.builder()
                            .offset(last + 1).limit(100).timeout((int) settings.pollTimeout().toSeconds())
                            .allowedUpdates(TelegramBot.ALLOWED_UPDATES).build(),
                    updates -> updates.forEach(update -> threads.execute(() -> answer(update))));
        }

        private void answer(Update update) {
            try {
                long chat = UpdateHandler.chatOf(update).orElseThrow();
                List<Future<?>> alongside = new ArrayList<>();
                if (likeAlliance && update.hasCallbackQuery()
                        && update.getCallbackQuery().getMessage() instanceof Message pressed) {
                    // As Alliance Bot does: the answer and the edit travel while the reply is sent.
                    alongside.add(threads.submit(() -> client.execute(AnswerCallbackQuery.builder()
                            .callbackQueryId(update.getCallbackQuery().getId()).build())));
                    alongside.add(threads.submit(() -> client.execute(EditMessageText.builder().chatId(chat)
                            .messageId(pressed.getMessageId()).text(editText)
                            .parseMode(ParseMode.HTML).build())));
                }
                client.execute(SendMessage.builder().chatId(chat).text(replyText).parseMode(replyParseMode)
                        .replyMarkup(replyKeyboard).build());
                for (Future<?> call : alongside) {
                    call.get();
                }
            } catch (TelegramApiException | RuntimeException | ExecutionException e) {
                System.err.println("noop bot: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            try {
                poller.unregisterBot(settings.token());
                poller.close();
            } catch (Exception e) {
                System.err.println("noop bot stop: " + e);
            }
            threads.shutdownNow();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
