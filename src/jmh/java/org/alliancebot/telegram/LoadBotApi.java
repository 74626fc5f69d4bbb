package org.alliancebot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Bot API server on 127.0.0.1 for load runs, built to cost as little as possible per request: the JDK's HTTP
 * server on virtual threads, nothing recorded beyond counters, and every sent message handed at once to an
 * {@link Observer} instead of being kept for lookup. {@link FakeBotApi} suits tests but not load: it keeps every
 * call in a copy-on-write list (each request copies all earlier ones), finds buttons by scanning every message
 * ever sent, and MockWebServer logs and keeps every request.
 *
 * <p>getUpdates behaves like Telegram's: it answers at once when updates are waiting, and otherwise holds the
 * request until one arrives or its timeout passes.
 *
 * <p>With a round-trip time, every request takes half of it to arrive and its answer half of it to return, as
 * over the internet to Telegram's servers; the waiting costs no CPU (virtual threads sleep).
 */
final class LoadBotApi implements AutoCloseable {

    static final String TOKEN = "123456:LOAD-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode BOT_NODE;
    private static final byte[] OK_TRUE = "{\"ok\":true,\"result\":true}".getBytes(StandardCharsets.UTF_8);
    private static final String BOT_USER =
            "{\"id\":1,\"is_bot\":true,\"first_name\":\"Alliance\",\"username\":\"AllianceLoadBot\"}";

    static {
        try {
            BOT_NODE = JSON.readTree(BOT_USER);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A button on a message the bot sent; data is null for link buttons. */
    record Button(String label, String data) {
    }

    /** A message the bot sent, as the server answered it, for a simulated person to press its buttons. */
    record Sent(long chat, String messageJson, List<Button> buttons, String text, long arrivedNanos) {
        boolean hasCallbackButtons() {
            return buttons.stream().anyMatch(b -> b.data() != null);
        }
    }

    /** What the load harness is told, on the server's request threads. */
    interface Observer {
        /** An update went out in a getUpdates answer for the first time. */
        void handedOut(Object tag, long nanos);

        /** A call other than getUpdates or sendMessage, for a chat when the server could tell which. */
        void called(String method, long chat, long nanos);

        /** The bot sent a message; called before the bot gets its answer, so one chat's messages come in order. */
        void sent(Sent message);
    }

    private record Pending(int id, String json, Object tag) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> updates = new ArrayDeque<>();
    private int nextUpdateId = 1;
    private int handedOutUpTo;
    private final AtomicInteger nextMessageId = new AtomicInteger(1000);
    private final AtomicInteger nextCallbackId = new AtomicInteger(1);
    private final LongAdder requests = new LongAdder();
    /** Bytes of request bodies by method, and how many calls: what a bot's calls weigh. */
    private final java.util.concurrent.ConcurrentHashMap<String, LongAdder[]> weights =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder polls = new LongAdder();
    private final LongAdder emptyPolls = new LongAdder();
    private final LongAdder updatesHandedOut = new LongAdder();
    private volatile Observer observer = new Observer() {
        @Override
        public void handedOut(Object tag, long nanos) {
        }

        @Override
        public void called(String method, long chat, long nanos) {
        }

        @Override
        public void sent(Sent message) {
        }
    };
    private volatile boolean closing;
    private final long halfRoundTripNanos;

    LoadBotApi() throws IOException {
        this(Duration.ZERO);
    }

    LoadBotApi(Duration roundTrip) throws IOException {
        this.halfRoundTripNanos = roundTrip.toNanos() / 2;
        // Without it, a response's headers and body may wait on Nagle's algorithm and a delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Telegram keeps idle connections open; the JDK server's default closes all but 200.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void observe(Observer observer) {
        this.observer = observer;
    }

    /** Settings as TelegramBot needs them: no rate limit (a local server), production's poll timeout. */
    TelegramSettings settings() {
        return new TelegramSettings(TOKEN, url(), Duration.ofSeconds(50), false, 6, Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    /** The mean request body of each method but getUpdates, e.g. "sendmessage 412 B, editmessagetext 230 B". */
    String meanRequestBytes() {
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(weights).forEach((method, weight) -> {
            if (!method.equals("getupdates") && weight[1].sum() > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(method).append(' ')
                        .append(weight[0].sum() / weight[1].sum()).append(" B");
            }
        });
        return out.toString();
    }

    long requests() {
        return requests.sum();
    }

    long polls() {
        return polls.sum();
    }

    long emptyPolls() {
        return emptyPolls.sum();
    }

    long updatesHandedOut() {
        return updatesHandedOut.sum();
    }

    // ---- updates ----

    /** A typed message from a person in a private chat. */
    void sendText(long chat, String text, Object tag) {
        StringBuilder json = new StringBuilder(256);
        json.append("\"message\":{\"message_id\":").append(nextMessageId.getAndIncrement())
                .append(",\"date\":").append(Instant.now().getEpochSecond())
                .append(",\"from\":").append(user(chat))
                .append(",\"chat\":{\"id\":").append(chat).append(",\"type\":\"private\",\"first_name\":\"Person\"}")
                .append(",\"text\":").append(quote(text));
        if (text.startsWith("/")) {
            int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
            json.append(",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":").append(end).append("}]");
        }
        json.append('}');
        enqueue(json.toString(), tag);
    }

    /** A press of a button on a message the bot sent. */
    void press(long chat, Sent message, Button button, Object tag) {
        String json = "\"callback_query\":{\"id\":\"cb-" + chat + "-" + nextCallbackId.getAndIncrement()
                + "\",\"from\":" + user(chat) + ",\"chat_instance\":\"ci-" + chat + "\",\"data\":"
                + quote(button.data()) + ",\"message\":" + message.messageJson() + "}";
        enqueue(json, tag);
    }

    private void enqueue(String body, Object tag) {
        lock.lock();
        try {
            int id = nextUpdateId++;
            updates.add(new Pending(id, "{\"update_id\":" + id + "," + body + "}", tag));
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lets every waiting getUpdates return now and later ones return at once: for shutting down. */
    void wakeAll() {
        closing = true;
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static String user(long id) {
        return "{\"id\":" + id + ",\"is_bot\":false,\"first_name\":\"Person\",\"language_code\":\"en\"}";
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the server ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.increment();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            travel();
            if (!path.startsWith("/bot" + TOKEN + "/")) {
                respond(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            LongAdder[] weight = weights.computeIfAbsent(method,
                    m -> new LongAdder[] {new LongAdder(), new LongAdder()});
            weight[0].add(body.length);
            weight[1].increment();
            switch (method) {
                case "getupdates" -> respond(exchange, 200, getUpdates(body));
                case "sendmessage" -> respond(exchange, 200, sendMessage(body));
                case "getme" -> respond(exchange, 200, ok(BOT_USER));
                default -> {
                    observer.called(method, chatOf(body), System.nanoTime());
                    respond(exchange, 200, OK_TRUE);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] getUpdates(byte[] body) throws IOException, InterruptedException {
        polls.increment();
        JsonNode request = JSON.readTree(body);
        int offset = request.path("offset").asInt(0);
        long waitNanos = TimeUnit.SECONDS.toNanos(request.path("timeout").asInt(0));
        int limit = Math.min(100, Math.max(1, request.path("limit").asInt(100)));
        List<Pending> batch = new ArrayList<>();
        lock.lock();
        try {
            while (!updates.isEmpty() && updates.peekFirst().id() < offset) {
                updates.pollFirst();
            }
            while (updates.isEmpty() && waitNanos > 0 && !closing) {
                waitNanos = arrived.awaitNanos(waitNanos);
                while (!updates.isEmpty() && updates.peekFirst().id() < offset) {
                    updates.pollFirst();
                }
            }
            for (Pending update : updates) {
                if (batch.size() == limit) {
                    break;
                }
                batch.add(update);
            }
        } finally {
            lock.unlock();
        }
        if (batch.isEmpty()) {
            emptyPolls.increment();
        }
        long now = System.nanoTime();
        StringBuilder json = new StringBuilder(64 + batch.size() * 1024).append("{\"ok\":true,\"result\":[");
        for (int i = 0; i < batch.size(); i++) {
            Pending update = batch.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append(update.json());
            if (firstHandOut(update.id())) {
                updatesHandedOut.increment();
                observer.handedOut(update.tag(), now);
            }
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private synchronized boolean firstHandOut(int id) {
        if (id > handedOutUpTo) {
            handedOutUpTo = id;
            return true;
        }
        return false;
    }

    private byte[] sendMessage(byte[] body) throws IOException {
        long arrived = System.nanoTime();
        JsonNode request = JSON.readTree(body);
        long chat = request.path("chat_id").asLong();
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", nextMessageId.getAndIncrement());
        message.set("from", BOT_NODE);
        message.put("date", Instant.now().getEpochSecond());
        message.putObject("chat").put("id", chat).put("type", "private").put("first_name", "Person");
        String text = plain(request.path("text").asText(""));
        message.put("text", text);
        List<Button> buttons = new ArrayList<>();
        JsonNode markup = request.get("reply_markup");
        if (markup != null && !markup.isNull()) {
            message.set("reply_markup", markup);
            for (JsonNode row : markup.path("inline_keyboard")) {
                for (JsonNode button : row) {
                    JsonNode data = button.get("callback_data");
                    buttons.add(new Button(button.path("text").asText(),
                            data == null || data.isNull() ? null : data.asText()));
                }
            }
        }
        String messageJson = JSON.writeValueAsString(message);
        observer.sent(new Sent(chat, messageJson, buttons, text, arrived));
        return ok(messageJson);
    }

    /** The text a person sees: HTML tags removed and the four escapes undone, as Telegram does. */
    private static String plain(String html) {
        StringBuilder text = new StringBuilder(html.length());
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>' && inTag) {
                inTag = false;
            } else if (!inTag) {
                text.append(c);
            }
        }
        return text.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    /** The chat a call is about, found without parsing: chat_id, or the chat in a callback id; 0 if neither. */
    private static long chatOf(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"chat_id\":");
        if (at >= 0) {
            return digits(text, at + "\"chat_id\":".length());
        }
        at = text.indexOf("\"callback_query_id\":\"cb-");
        if (at >= 0) {
            return digits(text, at + "\"callback_query_id\":\"cb-".length());
        }
        return 0;
    }

    private static long digits(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == ' ')) {
            i++;
        }
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return value;
    }

    private static byte[] ok(String result) {
        return ("{\"ok\":true,\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Half a round trip: the request on its way here, or the answer on its way back. */
    private void travel() throws InterruptedException {
        if (halfRoundTripNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(halfRoundTripNanos);
        }
    }

    private void respond(HttpExchange exchange, int code, byte[] body) throws IOException, InterruptedException {
        travel();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        wakeAll();
        server.stop(0);
        threads.shutdownNow();
    }
}
