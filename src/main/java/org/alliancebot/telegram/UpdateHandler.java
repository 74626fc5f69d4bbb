package org.alliancebot.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.alliancebot.content.Markdown;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Input;
import org.alliancebot.conversation.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

/**
 * Handles one Telegram update: turns it into engine input, and the engine's replies into Telegram messages.
 * Everything Telegram-specific about a conversation lives here: callback answers, editing the pressed message,
 * the typing indicator, non-text messages, and group chats.
 */
final class UpdateHandler implements UpdateJournal.Answerer {

    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);

    static final String NOT_TEXT = "I can only read text messages. Type a question, or use /menu to see the topics.";
    static final String GROUP_INVITE = "These are private matters, so I only talk one to one. Tap below to open a "
            + "private chat with me.";
    static final String APOLOGY = "Sorry, something went wrong on my side. Please try again, or type /menu.";

    private final Conversation conversation;
    private final TelegramApi api;
    private final Supplier<Optional<String>> botUsername;

    UpdateHandler(Conversation conversation, TelegramApi api, Supplier<Optional<String>> botUsername) {
        this.conversation = conversation;
        this.api = api;
        this.botUsername = botUsername;
    }

    /** The chat an update belongs to, for ordering; empty for updates the bot does not act on. */
    static Optional<Long> chatOf(Update update) {
        if (update.hasMessage()) {
            return Optional.ofNullable(update.getMessage().getChatId());
        }
        if (update.hasCallbackQuery()) {
            CallbackQuery query = update.getCallbackQuery();
            return Optional.of(query.getMessage() != null ? query.getMessage().getChatId() : query.getFrom().getId());
        }
        return Optional.empty();
    }

    /**
     * Decides the calls that answer an update, without making them (only the typing indicator goes at once: it
     * only says the bot is on it). Never throws: a failure is logged by kind, without any text, and the person
     * gets an apology.
     */
    @Override
    public Outgoing decide(Update update) {
        try {
            if (update.hasMessage()) {
                return onMessage(update.getMessage());
            }
            if (update.hasCallbackQuery()) {
                return onCallback(update.getCallbackQuery());
            }
            // Edited messages, channel posts and membership changes need no answer.
            return Outgoing.NOTHING;
        } catch (RuntimeException failure) {
            log.error("Update {} failed with {}", update.getUpdateId(), failure.getClass().getName());
            return chatOf(update).map(chat -> Outgoing.builder()
                    .send(TelegramRenderer.message(chat, Markdown.escapeHtml(APOLOGY), null)).build())
                    .orElse(Outgoing.NOTHING);
        }
    }

    /**
     * Makes the calls: those marked alongside travel while the others go out in order, and all have finished
     * when this returns, so one chat's calls never overtake an earlier update's.
     */
    @Override
    public void send(Outgoing outgoing) {
        List<CompletableFuture<?>> alongside = new ArrayList<>();
        for (Outgoing.Call call : outgoing.calls()) {
            if (call.alongside()) {
                alongside.add(api.callInBackground(call.method()));
            } else if (call.method() instanceof SendMessage message) {
                api.send(message);
            } else {
                api.call(call.method());
            }
        }
        alongside.forEach(CompletableFuture::join);
    }

    private Outgoing onMessage(Message message) {
        long chat = message.getChatId();
        if (!message.isUserMessage()) {
            return onGroupMessage(message);
        }
        if (!message.hasText()) {
            return Outgoing.builder().send(TelegramRenderer.message(chat, Markdown.escapeHtml(NOT_TEXT), null))
                    .build();
        }
        Input input = Input.fromTyped(message.getText());
        if (input instanceof Input.Text || input instanceof Input.Command c && c.name().equals("search")) {
            // Searching takes a moment; the indicator tells the person the bot is on it. Nothing waits for it.
            api.callInBackground(SendChatAction.builder().chatId(chat).action(ActionType.TYPING.toString()).build());
        }
        Outgoing.Builder answer = Outgoing.builder();
        messages(chat, conversation.handle(ChatId.of(chat), input, languageOf(message.getFrom())), answer);
        return answer.build();
    }

    /** In a group the bot answers only commands addressed to it, and invites people to a private chat. */
    private Outgoing onGroupMessage(Message message) {
        if (!message.hasText() || !message.getText().startsWith("/")) {
            return Outgoing.NOTHING;
        }
        String command = message.getText().strip().split("\\s+", 2)[0];
        Optional<String> username = botUsername.get();
        int at = command.indexOf('@');
        if (at < 0 || username.isEmpty() || !command.substring(at + 1).equalsIgnoreCase(username.get())) {
            return Outgoing.NOTHING;
        }
        String url = "https://t.me/" + username.get();
        if (Input.fromTyped(message.getText()) instanceof Input.Command c && c.name().equals("start")
                && !c.argument().isBlank()) {
            url += "?start=" + c.argument().strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
        }
        return Outgoing.builder().send(TelegramRenderer.message(message.getChatId(), Markdown.escapeHtml(GROUP_INVITE),
                TelegramRenderer.linkButton("Open a private chat", url))).build();
    }

    private Outgoing onCallback(CallbackQuery query) {
        // The answer goes first, so the button stops spinning whatever happens next. It and the edit of the
        // pressed message travel while the next step is sent: a press waits one round trip to Telegram, not three.
        Outgoing.Builder answer = Outgoing.builder()
                .alongside(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build());
        if (!(query.getMessage() instanceof Message message) || !message.isUserMessage()) {
            return answer.build();
        }
        long chat = message.getChatId();
        List<Reply> replies = conversation.handle(ChatId.of(chat), new Input.Press(query.getData()),
                languageOf(query.getFrom()));
        boolean refused = !replies.isEmpty() && replies.getFirst().kind() == Reply.Kind.REFUSED;
        answer.alongside(closeKeyboard(message, query.getData(), refused));
        messages(chat, replies, answer);
        return answer.build();
    }

    /**
     * The pressed message shows what was chosen and loses its buttons, so the chat reads as a transcript and old
     * buttons cannot be pressed again. A refused press only loses the buttons: nothing was chosen.
     */
    private static BotApiMethod<?> closeKeyboard(Message message, String data, boolean refused) {
        Optional<String> label = refused ? Optional.empty() : labelOf(message.getReplyMarkup(), data);
        if (label.isEmpty() || !message.hasText()) {
            return EditMessageReplyMarkup.builder().chatId(message.getChatId())
                    .messageId(message.getMessageId()).replyMarkup(null).build();
        }
        String html = EntityHtml.toHtml(message.getText(), message.getEntities())
                + "\n\n✓ <b>" + Markdown.escapeHtml(label.get()) + "</b>";
        return EditMessageText.builder().chatId(message.getChatId())
                .messageId(message.getMessageId()).text(html).parseMode(ParseMode.HTML).build();
    }

    private static String languageOf(org.telegram.telegrambots.meta.api.objects.User user) {
        return user == null ? null : user.getLanguageCode();
    }

    private static Optional<String> labelOf(InlineKeyboardMarkup keyboard, String data) {
        if (keyboard == null || keyboard.getKeyboard() == null) {
            return Optional.empty();
        }
        return keyboard.getKeyboard().stream()
                .flatMap(List::stream)
                .filter(button -> data != null && data.equals(button.getCallbackData()))
                .map(InlineKeyboardButton::getText)
                .findFirst();
    }

    private static void messages(long chat, List<Reply> replies, Outgoing.Builder answer) {
        for (Reply reply : replies) {
            TelegramRenderer.messages(chat, reply).forEach(answer::send);
        }
    }
}
