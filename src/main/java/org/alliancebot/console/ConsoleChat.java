package org.alliancebot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.alliancebot.content.Markdown;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Input;
import org.alliancebot.conversation.Reply;

/**
 * A chat in the terminal on the same engine as Telegram: buttons are numbered, the person types a number, a
 * command or a question. Works the same with piped input, printing plain text with no escape codes, so a
 * conversation can be scripted.
 */
public final class ConsoleChat {

    static final ChatId CHAT = new ChatId("console");
    private static final Set<String> QUIT = Set.of("/quit", "/exit");

    private final Conversation conversation;
    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;
    private List<Reply.Button> numbered = List.of();

    /** @param interactive whether a person is typing at a terminal; only then is a prompt shown */
    public ConsoleChat(Conversation conversation, BufferedReader in, PrintStream out, boolean interactive) {
        this.conversation = conversation;
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    /** Runs until {@code /quit} or the end of input. */
    public void run() {
        show(conversation.handle(CHAT, new Input.Command("start", "")));
        String line;
        while ((line = readLine()) != null) {
            String typed = line.strip();
            if (QUIT.contains(typed.toLowerCase(Locale.ROOT))) {
                out.println("Take care. You can come back any time.");
                break;
            }
            if (isNumber(typed) && !numbered.isEmpty() && !isButton(typed)) {
                out.println();
                out.println(numbered.size() == 1 ? "Type 1 to continue, or a command such as /menu."
                        : "Please type a number from 1 to " + numbered.size() + ", or a command such as /menu.");
                out.println();
                continue;
            }
            show(conversation.handle(CHAT, toInput(typed)));
        }
        out.flush();
    }

    private Input toInput(String typed) {
        return isButton(typed) ? new Input.Press(numbered.get(parse(typed) - 1).data()) : Input.fromTyped(typed);
    }

    private static boolean isNumber(String typed) {
        return !typed.isEmpty() && typed.length() < 10 && typed.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private boolean isButton(String typed) {
        return isNumber(typed) && parse(typed) >= 1 && parse(typed) <= numbered.size();
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String readLine() {
        if (interactive) {
            out.print("> ");
            out.flush();
        }
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from the terminal", e);
        }
    }

    /** Prints replies in order; every button of the batch gets its own number, counting on from the first. */
    private void show(List<Reply> replies) {
        List<Reply.Button> shown = new ArrayList<>();
        for (Reply reply : replies) {
            out.println();
            out.println(Markdown.toPlain(reply.text()));
            if (!reply.buttons().isEmpty()) {
                out.println();
                for (Reply.Button button : reply.buttons()) {
                    shown.add(button);
                    out.println("  [" + shown.size() + "] " + button.label());
                }
            }
        }
        if (!shown.isEmpty()) {
            numbered = List.copyOf(shown);
        }
        out.println();
        out.flush();
    }
}
