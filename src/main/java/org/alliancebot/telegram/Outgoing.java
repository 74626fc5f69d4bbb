package org.alliancebot.telegram;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;

/**
 * The Bot API calls one update has been answered with, decided before any of them is made: so they can be kept
 * in the journal's outbox in the same transaction as the session, and sent after it has committed. Calls marked
 * {@code alongside} (a press's callback answer and the edit of the pressed message) travel while the others are
 * sent one after another in order.
 */
public record Outgoing(List<Call> calls) {

    /** One call; {@code alongside} when nothing after it needs to wait for it. */
    public record Call(BotApiMethod<?> method, boolean alongside) {
    }

    /** The methods an answer is made of, by their Bot API name, to read them back from their JSON. */
    private static final Map<String, Class<? extends BotApiMethod<?>>> KINDS = Map.of(
            SendMessage.PATH, SendMessage.class,
            AnswerCallbackQuery.PATH, AnswerCallbackQuery.class,
            EditMessageText.PATH, EditMessageText.class,
            EditMessageReplyMarkup.PATH, EditMessageReplyMarkup.class);
    private static final ObjectMapper JSON = TelegramJson.MAPPER;

    public static final Outgoing NOTHING = new Outgoing(List.of());

    public Outgoing {
        calls = List.copyOf(calls);
        for (Call call : calls) {
            if (!KINDS.containsKey(call.method().getMethod())) {
                throw new IllegalArgumentException("not a method an answer is made of: " + call.method().getMethod());
            }
        }
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    /** A builder-like start: calls are added in the order they are to be made. */
    static Outgoing.Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final List<Call> calls = new ArrayList<>();

        Builder send(BotApiMethod<?> method) {
            calls.add(new Call(method, false));
            return this;
        }

        Builder alongside(BotApiMethod<?> method) {
            calls.add(new Call(method, true));
            return this;
        }

        Outgoing build() {
            return new Outgoing(calls);
        }
    }

    /** As kept in the outbox: {@code [{"method": "sendmessage", "alongside": false, "call": {...}}, ...]}. */
    public String toJson() {
        // Streamed, not built as a tree first: this runs for every answer, on the way to the person.
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Call call : calls) {
                json.writeStartObject();
                json.writeStringField("method", call.method().getMethod());
                json.writeBooleanField("alongside", call.alongside());
                json.writeFieldName("call");
                JSON.writeValue(json, call.method());
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
        return out.toString();
    }

    public static Outgoing fromJson(String json) {
        try {
            List<Call> calls = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(json)) {
                Class<? extends BotApiMethod<?>> kind = KINDS.get(entry.path("method").asText());
                if (kind == null) {
                    throw new IllegalStateException("a kept answer names an unknown method");
                }
                calls.add(new Call(JSON.treeToValue(entry.get("call"), kind), entry.path("alongside").asBoolean()));
            }
            return new Outgoing(calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept answer could not be read back", e);
        }
    }
}
