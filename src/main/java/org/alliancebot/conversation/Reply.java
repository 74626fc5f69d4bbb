package org.alliancebot.conversation;

import java.util.List;
import java.util.Objects;
import org.alliancebot.content.NodeRef;

/**
 * One message for the person: text in content Markdown and the buttons under it. Channels render it; the engine
 * never builds HTML or knows how buttons are drawn.
 *
 * @param node the tree node this reply shows, or null for menus and notices
 */
public record Reply(Kind kind, String text, List<Button> buttons, NodeRef node) {

    public enum Kind {
        /** The welcome and the main menu. */
        MENU,
        /** A question or message of a tree. */
        STEP,
        /** The end of a path. */
        OUTCOME,
        /** A passage from an article that answers a typed question. */
        ANSWER,
        /** A whole article, or one part of a long one. */
        ARTICLE,
        /** Help, apologies and other short notes about the conversation itself. */
        NOTICE,
        /** A button was pressed that no longer belongs to the person's step, and nothing was done. */
        REFUSED,
        /** Crisis resources: the answer to a message that suggests danger or misconduct, or to /sos. */
        SAFETY
    }

    public Reply {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        buttons = List.copyOf(buttons);
    }

    public static Reply notice(String text, List<Button> buttons) {
        return new Reply(Kind.NOTICE, text, buttons, null);
    }

    /** A button: what it says and the data it sends back when pressed. */
    public record Button(String label, String data) {
        public Button {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(data, "data");
        }
    }
}
