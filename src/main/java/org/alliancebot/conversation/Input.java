package org.alliancebot.conversation;

import java.util.Locale;
import java.util.Objects;

/** What a person did: pressed a button, sent a command, or typed text. Channels translate their events into these. */
public sealed interface Input {

    /** A button press, carrying the button's data exactly as the channel returned it (it may be forged). */
    record Press(String data) implements Input {
        public Press {
            Objects.requireNonNull(data, "data");
        }
    }

    /** A command such as {@code /start leaving}: the name without slash, lowercased, and what followed it. */
    record Command(String name, String argument) implements Input {
        public Command {
            Objects.requireNonNull(name, "name");
            argument = argument == null ? "" : argument.strip();
        }
    }

    /** Anything else the person typed. */
    record Text(String text) implements Input {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Reads a typed line: {@code /name rest} is a command (a Telegram-style {@code @botname} suffix is dropped),
     * anything else is text.
     */
    static Input fromTyped(String typed) {
        String line = typed == null ? "" : typed.strip();
        if (line.length() > 1 && line.charAt(0) == '/' && Character.isLetter(line.charAt(1))) {
            int space = indexOfWhitespace(line);
            String word = space < 0 ? line.substring(1) : line.substring(1, space);
            int at = word.indexOf('@');
            String name = (at < 0 ? word : word.substring(0, at)).toLowerCase(Locale.ROOT);
            return new Command(name, space < 0 ? "" : line.substring(space + 1));
        }
        return new Text(line);
    }

    private static int indexOfWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
