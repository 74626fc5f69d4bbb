package org.alliancebot.preview;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.MessageSplitter;
import org.alliancebot.content.Problem;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Input;
import org.alliancebot.conversation.Reply;
import org.alliancebot.conversation.SnapshotHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editors' browser preview: a chat page on the same engine as Telegram, showing replies as Telegram would
 * (the same HTML subset, split the same way, with inline buttons), and the content version, with a banner when
 * content is reloaded or a change is refused. A local authoring tool: it never talks to Telegram.
 */
@RestController
public class PreviewController {

    /** Each browser tab is its own chat; the id comes from the page and is checked before use. */
    private static final Pattern TAB = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final Conversation conversation;
    private final SnapshotHolder holder;
    private final byte[] page;

    public PreviewController(Conversation conversation, SnapshotHolder holder) throws IOException {
        this.conversation = conversation;
        this.holder = holder;
        try (InputStream in = PreviewController.class.getResourceAsStream("/preview/index.html")) {
            this.page = in.readAllBytes();
        }
    }

    @GetMapping(value = "/preview", produces = MediaType.TEXT_HTML_VALUE)
    public byte[] page() {
        return page;
    }

    /** What the person did in the page: typed a line (text or /command) or pressed a button. */
    public record Action(String tab, String text, String press) {
    }

    @PostMapping(value = "/preview/api/send", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> send(@RequestBody Action action) {
        if (action == null || action.tab() == null || !TAB.matcher(action.tab()).matches()) {
            return ResponseEntity.badRequest().build();
        }
        Input input = action.press() != null ? new Input.Press(action.press())
                : Input.fromTyped(action.text() == null ? "" : action.text());
        List<Reply> replies = conversation.handle(new ChatId("preview-" + action.tab()), input, "en");
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Reply reply : replies) {
            List<String> parts = MessageSplitter.split(reply.text());
            for (int i = 0; i < parts.size(); i++) {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("kind", reply.kind().name().toLowerCase(java.util.Locale.ROOT));
                message.put("html", Markdown.toHtml(parts.get(i)));
                message.put("buttons", i == parts.size() - 1 ? reply.buttons().stream()
                        .map(b -> Map.of("label", b.label(), "data", b.data())).toList() : List.of());
                messages.add(message);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replies", messages);
        body.put("version", holder.get().content().version());
        return ResponseEntity.ok(body);
    }

    @GetMapping(value = "/preview/api/status", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> status() {
        SnapshotHolder.Status status = holder.status();
        var content = holder.get().content();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", status.version());
        body.put("loadedAt", status.loadedAt().toString());
        body.put("generation", status.generation());
        body.put("trees", content.trees(content.menu().trees()).stream()
                .map(t -> Map.of("id", t.id(), "label", t.label())).toList());
        status.lastFailure().ifPresent(failure -> body.put("failure", Map.of(
                "at", failure.at().toString(),
                "problems", failure.problems().stream().filter(Problem::isError).map(Problem::toString).toList())));
        return body;
    }
}
