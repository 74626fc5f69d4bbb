package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The packaged bot, as a separate process, against the fake Bot API server: dozens of people click through
 * trees while the bot is killed with SIGKILL twice and started again. Every step must be answered; a reply may
 * repeat only where it was in flight at a kill; every session must resume where it was. Prints the figures
 * for docs/reliability.md.
 */
class CrashRecoveryIT {

    static final int PEOPLE = 40;
    static final String[] TREES = {"fit", "transference", "leaving"};
    static final int KILLS = Integer.getInteger("crash.kills", 2);

    /** The bot's database and logs, kept under target/ to read after a run. */
    final Path data = Path.of("target", "crash-test-" + System.currentTimeMillis());

    FakeBotApi telegram;
    Process bot;
    final AtomicInteger starts = new AtomicInteger();

    Process start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-jar", Path.of("target", "alliance-bot.jar").toString(),
                "--alliance.telegram.api-url=" + telegram.url(),
                "--alliance.telegram.poll-timeout=1s",
                "--alliance.telegram.rate-limit.enabled=false",
                "--alliance.storage.url=jdbc:h2:file:" + data.resolve("db").toAbsolutePath()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "--alliance.content.watch=false",
                "--server.port=0",
                "--management.server.port=0");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("bot-" + starts.incrementAndGet() + ".log").toFile());
        builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        return builder.start();
    }

    /**
     * One person: opens a tree and presses the first button until an outcome; returns the steps taken. A step
     * is answered by a message the person has not seen before: a repeat of an earlier reply (one in flight at a
     * kill, sent again after the restart) is counted, not mistaken for the answer.
     */
    int person(long chat, String tree, Map<Long, List<Integer>> unanswered) throws Exception {
        java.util.Set<String> seen = new java.util.HashSet<>();
        telegram.sendText(chat, "/start " + tree);
        int steps = 1;
        FakeBotApi.Call current = awaitNew(chat, seen);
        while (current != null && steps < 12) {
            List<String> buttons = current.buttonLabels();
            if (buttons.isEmpty() || buttons.contains("Main menu")) {
                return steps;
            }
            telegram.press(chat, buttons.getFirst());
            steps++;
            current = awaitNew(chat, seen);
        }
        if (current == null) {
            unanswered.computeIfAbsent(chat, c -> new ArrayList<>()).add(steps);
        }
        return steps;
    }

    FakeBotApi.Call awaitNew(long chat, java.util.Set<String> seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            for (FakeBotApi.Call call : telegram.sentTo(chat)) {
                if (seen.add(call.text("text") + call.buttonLabels())) {
                    return call;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    @Test
    void everyStepIsAnsweredAcrossKillsAndSessionsResume() throws Exception {
        telegram = new FakeBotApi();
        Files.createDirectories(data);
        try {
            bot = start();
            Map<Long, List<Integer>> unanswered = new ConcurrentHashMap<>();
            AtomicInteger driven = new AtomicInteger();
            ExecutorService people = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<Integer>> runs = new ArrayList<>();
            for (int p = 0; p < PEOPLE; p++) {
                long chat = 10_000 + p;
                String tree = TREES[p % TREES.length];
                runs.add(people.submit(() -> {
                    Thread.sleep((chat % 10) * 150);
                    int steps = person(chat, tree, unanswered);
                    driven.addAndGet(steps);
                    return steps;
                }));
            }
            int kills = 0;
            while (kills < KILLS) {
                // Kill while people are mid-tree: after a few replies have gone out since the last start.
                int sentAtStart = telegram.calls("sendMessage").size();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (telegram.calls("sendMessage").size() < sentAtStart + 25 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                bot.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
                kills++;
                Thread.sleep(500);
                bot = start();
            }
            for (Future<Integer> run : runs) {
                run.get(5, TimeUnit.MINUTES);
            }
            people.shutdown();

            int duplicated = 0;
            int refusedOrRestarted = 0;
            for (int p = 0; p < PEOPLE; p++) {
                Map<String, Integer> seen = new HashMap<>();
                for (FakeBotApi.Call call : telegram.sentTo(10_000 + p)) {
                    String text = call.text("text");
                    seen.merge(text + call.buttonLabels(), 1, Integer::sum);
                    if (text.contains("earlier step") || text.contains("I've been updated")) {
                        refusedOrRestarted++;
                    }
                }
                duplicated += seen.values().stream().mapToInt(n -> n - 1).sum();
            }
            int lost = unanswered.values().stream().mapToInt(List::size).sum();
            String figures = "people %d, updates driven %d, kills %d, lost %d, duplicated replies %d, sessions not resumed %d"
                    .formatted(PEOPLE, driven.get(), kills, lost, duplicated, refusedOrRestarted);
            System.out.println("CRASH TEST: " + figures);
            Files.writeString(Path.of("target", "crash-test.txt"), figures + "\n");

            assertThat(lost).as("steps never answered").isZero();
            assertThat(refusedOrRestarted).as("steps not resumed after a restart").isZero();
            // Only a reply in flight at a kill may repeat: at most one per person per kill.
            assertThat(duplicated).isLessThanOrEqualTo(PEOPLE * KILLS);
        } finally {
            if (bot != null) {
                bot.destroyForcibly();
            }
            telegram.close();
        }
    }
}
