package org.alliancebot.telegram;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Bot API server on 127.0.0.1 for tests: serves queued updates to getUpdates, answers every other method the
 * way Telegram does, records what the bot sent, and can fail chosen calls (429, 500, an HTML page, a dropped
 * connection). Method names are matched case-insensitively, as the library mixes {@code sendmessage} and
 * {@code sendChatAction}.
 */
final class FakeBotApi implements AutoCloseable {

    static final String TOKEN = "123456:TEST-token";
    static final String USERNAME = "AllianceTestBot";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A call the bot made: the method, lower-cased, and its JSON body. */
    record Call(String method, JsonNode body, Instant at) {
        String text(String field) {
            JsonNode value = body.get(field);
            return value == null ? null : value.asString();
        }

        List<String> buttonLabels() {
            List<String> labels = new ArrayList<>();
            JsonNode keyboard = body.path("reply_markup").path("inline_keyboard");
            keyboard.forEach(row -> row.forEach(button -> labels.add(button.path("text").asString())));
            return labels;
        }
    }

    /** SLOW is no failure: the call succeeds, but its answer leaves the server {@link #SLOW_BY} late. */
    enum Fault { TOO_MANY_REQUESTS, SERVER_ERROR, HTML_PAGE, DISCONNECT, CONFLICT, SLOW }

    static final Duration SLOW_BY = Duration.ofMillis(1500);

    private final MockWebServer server = new MockWebServer();
    private final Deque<ObjectNode> updates = new ConcurrentLinkedDeque<>();
    private final AtomicInteger nextUpdateId = new AtomicInteger(1);
    private final AtomicInteger nextMessageId = new AtomicInteger(100);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<Integer, ObjectNode> sentMessages = new ConcurrentHashMap<>();
    private final Object newUpdates = new Object();
    private volatile Duration emptyPollWait = Duration.ofMillis(100);

    FakeBotApi() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return answer(request);
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    /** For static test fields, which cannot throw. */
    static FakeBotApi startQuietly() {
        try {
            return new FakeBotApi();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    TelegramSettings settings() {
        return new TelegramSettings(TOKEN, url(), Duration.ofSeconds(1), false, 6, Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    // ---- updates the bot will receive ----

    int sendText(long chat, String text) {
        ObjectNode message = message(chat, "private", text);
        return enqueue("message", message);
    }

    int sendGroupText(long chat, String text) {
        return enqueue("message", message(chat, "group", text));
    }

    int sendSticker(long chat) {
        ObjectNode message = message(chat, "private", null);
        message.putObject("sticker").put("file_id", "sticker-1").put("file_unique_id", "u1").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
        return enqueue("message", message);
    }

    int editText(long chat, String text) {
        ObjectNode message = message(chat, "private", text);
        message.put("edit_date", Instant.now().getEpochSecond());
        return enqueue("edited_message", message);
    }

    /** Presses the button with this label on the latest message sent to the chat that has one. */
    int press(long chat, String label) {
        ObjectNode sent = latestWithButton(chat, label)
                .orElseThrow(() -> new AssertionError("no message to chat " + chat + " has a button " + label));
        String data = null;
        for (JsonNode row : sent.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (button.path("text").asString().equals(label)) {
                    data = button.path("callback_data").asString();
                }
            }
        }
        return pressData(chat, sent, data);
    }

    /** A callback with any data, as a forged or very old button would send. */
    int pressData(long chat, ObjectNode message, String data) {
        ObjectNode callback = JSON.createObjectNode();
        callback.put("id", "cb-" + nextUpdateId.get());
        callback.set("from", user(chat));
        callback.put("chat_instance", "ci-" + chat);
        callback.put("data", data);
        callback.set("message", message);
        return enqueue("callback_query", callback);
    }

    Optional<ObjectNode> latestWithButton(long chat, String label) {
        return sentMessages.values().stream()
                .filter(m -> m.path("chat").path("id").asLong() == chat)
                .filter(m -> m.path("reply_markup").toString().contains("\"text\":" + JSON.writeValueAsString(label)))
                .max(java.util.Comparator.comparingInt(m -> m.path("message_id").asInt()));
    }

    /**
     * Numbers and queues an update in one step, as Telegram does: were a later id queued before an earlier one, a
     * poll could see the later, its offset would confirm the earlier unseen, and the earlier would be lost.
     */
    private int enqueue(String kind, ObjectNode payload) {
        ObjectNode update = JSON.createObjectNode();
        synchronized (newUpdates) {
            int id = nextUpdateId.getAndIncrement();
            update.put("update_id", id);
            update.set(kind, payload);
            updates.add(update);
            newUpdates.notifyAll();
            return id;
        }
    }

    private ObjectNode message(long chat, String type, String text) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", nextMessageId.getAndIncrement());
        message.put("date", Instant.now().getEpochSecond());
        message.set("from", user(chat));
        ObjectNode chatNode = message.putObject("chat");
        chatNode.put("id", chat);
        chatNode.put("type", type);
        if (text != null) {
            message.put("text", text);
            if (text.startsWith("/")) {
                int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
                ArrayNode entities = message.putArray("entities");
                entities.addObject().put("type", "bot_command").put("offset", 0).put("length", end);
            }
        }
        return message;
    }

    private static ObjectNode user(long id) {
        ObjectNode user = JSON.createObjectNode();
        user.put("id", id);
        user.put("is_bot", false);
        user.put("first_name", "Person");
        user.put("language_code", "en");
        return user;
    }

    // ---- faults ----

    void failNext(String method, Fault... kinds) {
        Deque<Fault> queue = faults.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ConcurrentLinkedDeque<>());
        queue.addAll(List.of(kinds));
    }

    // ---- what the bot did ----

    List<Call> calls(String method) {
        String wanted = method.toLowerCase(Locale.ROOT);
        return calls.stream().filter(c -> c.method().equals(wanted)).toList();
    }

    List<Call> sentTo(long chat) {
        return calls("sendMessage").stream().filter(c -> c.body().path("chat_id").asLong() == chat).toList();
    }

    /** Waits until a call matches, failing after a few seconds. */
    Call await(String method, Predicate<Call> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Optional<Call> found = calls(method).stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + method + " call matched within 15 s; calls: " + calls);
    }

    /** Waits until the chat has received {@code count} messages. */
    List<Call> awaitSent(long chat, int count) throws InterruptedException {
        return awaitCount(() -> sentTo(chat), count, "chat " + chat + " messages");
    }

    /** Waits until the bot has called {@code method} {@code count} times. */
    List<Call> awaitCalls(String method, int count) throws InterruptedException {
        return awaitCount(() -> calls(method), count, method + " calls");
    }

    private static List<Call> awaitCount(java.util.function.Supplier<List<Call>> calls, int count, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            List<Call> found = calls.get();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(what + ": " + calls.get().size() + " of " + count + " within 15 s");
    }

    boolean handedOut(int updateId) {
        return updates.stream().noneMatch(u -> u.path("update_id").asInt() == updateId);
    }

    // ---- the server ----

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        String path = request.getPath() == null ? "" : request.getPath();
        String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (!path.startsWith("/bot" + TOKEN + "/")) {
            return json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        }
        Deque<Fault> pending = faults.get(method);
        Fault fault = pending == null ? null : pending.poll();
        if (fault != null && fault != Fault.SLOW) {
            return fail(fault);
        }
        JsonNode body = body(request);
        MockResponse response = switch (method) {
            case "getupdates" -> updates(body);
            case "getme" -> ok("{\"id\":1,\"is_bot\":true,\"first_name\":\"Alliance\",\"username\":\"" + USERNAME + "\"}");
            case "sendmessage" -> ok(JSON.writeValueAsString(sent(body)));
            default -> ok("true");
        };
        // Recorded once answered, so a test that sees a sent message can press its buttons at once.
        if (!method.equals("getupdates")) {
            calls.add(new Call(method, body, Instant.now()));
        }
        if (fault == Fault.SLOW) {
            response.setHeadersDelay(SLOW_BY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return response;
    }

    private MockResponse updates(JsonNode body) throws InterruptedException {
        int offset = body.path("offset").asInt(0);
        updates.removeIf(u -> u.path("update_id").asInt() < offset);
        if (updates.isEmpty()) {
            synchronized (newUpdates) {
                newUpdates.wait(emptyPollWait.toMillis());
            }
        }
        ArrayNode result = JSON.createArrayNode();
        updates.stream().filter(u -> u.path("update_id").asInt() >= offset).limit(100).forEach(result::add);
        return ok(JSON.writeValueAsString(result));
    }

    private ObjectNode sent(JsonNode body) {
        ObjectNode message = JSON.createObjectNode();
        int id = nextMessageId.getAndIncrement();
        message.put("message_id", id);
        message.put("date", Instant.now().getEpochSecond());
        ObjectNode chat = message.putObject("chat");
        chat.put("id", body.path("chat_id").asLong());
        chat.put("type", "private");
        message.put("text", body.path("text").asString().replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
        if (body.has("reply_markup")) {
            message.set("reply_markup", body.get("reply_markup"));
        }
        sentMessages.put(id, message);
        return message;
    }

    private static JsonNode body(RecordedRequest request) {
        String text = request.getBody().readString(StandardCharsets.UTF_8);
        if (text.isBlank() || !text.strip().startsWith("{")) {
            return JSON.createObjectNode().put("raw", text);
        }
        return JSON.readTree(text);
    }

    private static MockResponse fail(Fault fault) {
        return switch (fault) {
            case TOO_MANY_REQUESTS -> json(429, "{\"ok\":false,\"error_code\":429,\"description\":"
                    + "\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}");
            case SERVER_ERROR -> json(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
            case HTML_PAGE -> new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
                    .setBody("<html><body><h1>502 Bad Gateway</h1></body></html>");
            case DISCONNECT -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START);
            case CONFLICT -> json(409, "{\"ok\":false,\"error_code\":409,\"description\":"
                    + "\"Conflict: terminated by other getUpdates request\"}");
            case SLOW -> throw new IllegalArgumentException("a slow call succeeds");
        };
    }

    private static MockResponse ok(String result) {
        return json(200, "{\"ok\":true,\"result\":" + result + "}");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
