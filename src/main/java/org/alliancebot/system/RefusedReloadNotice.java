package org.alliancebot.system;

import java.util.List;
import java.util.Objects;
import org.alliancebot.content.Problem;
import org.alliancebot.conversation.SnapshotHolder;

/**
 * Tells the operator's chat ({@code alliance.admin.chat-id}) when a content change is refused: one short, plain
 * message listing the first errors as {@code file:line: message}. Once per broken state: saving the same refused
 * files again says nothing more; a different refusal, or the same one after good content was served in between,
 * is told again.
 */
final class RefusedReloadNotice implements SnapshotHolder.ReloadListener {

    /** Errors listed in one message; the rest are counted. */
    static final int MAX_LINES = 10;
    /** A line longer than this is cut, so the message stays short (and well within Telegram's 4,096). */
    static final int MAX_LINE_LENGTH = 200;

    /** Sends a plain-text message to a chat; must not block for long (the reloading thread calls it). */
    @FunctionalInterface
    interface Sender {
        void send(long chatId, String text);
    }

    private final long chatId;
    private final Sender sender;
    /** The refused version told about, while content stays refused; null once a reload succeeds. */
    private String told;

    RefusedReloadNotice(long chatId, Sender sender) {
        this.chatId = chatId;
        this.sender = sender;
    }

    @Override
    public synchronized void reloaded(SnapshotHolder.Outcome outcome, SnapshotHolder.Status status) {
        if (outcome != SnapshotHolder.Outcome.REFUSED) {
            told = null;
            return;
        }
        SnapshotHolder.Failure failure = status.lastFailure().orElseThrow();
        if (Objects.equals(failure.version(), told)) {
            return;
        }
        told = failure.version();
        sender.send(chatId, text(status.version(), failure.problems()));
    }

    /** The message: what happened, then up to {@link #MAX_LINES} errors, then how many more. */
    static String text(String serving, List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).sorted().toList();
        StringBuilder text = new StringBuilder("Content change refused; still serving version ").append(serving)
                .append(". ").append(errors.size()).append(errors.size() == 1 ? " error:" : " errors:");
        errors.stream().limit(MAX_LINES).forEach(error -> text.append('\n').append(line(error)));
        if (errors.size() > MAX_LINES) {
            text.append("\nand ").append(errors.size() - MAX_LINES).append(" more");
        }
        return text.toString();
    }

    private static String line(Problem error) {
        String line = error.at().file() + ":" + error.at().line() + ": " + error.message();
        return line.length() <= MAX_LINE_LENGTH ? line : line.substring(0, MAX_LINE_LENGTH - 1) + "…";
    }
}
