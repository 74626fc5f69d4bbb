package org.alliancebot.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives updates Telegram POSTs in webhook mode. A request without the secret Telegram was given is refused
 * (401 when missing, 403 when wrong, compared in constant time) and changes nothing. A valid update is handed to
 * its chat's lane and acknowledged at once, so Telegram never waits on a conversation.
 */
@RestController
public class WebhookController {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramBot bot;
    private final byte[] secret;

    public WebhookController(TelegramBot bot, String secret) {
        this.bot = bot;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("${alliance.telegram.webhook.path:/telegram/webhook}")
    public ResponseEntity<Void> receive(@RequestHeader(name = SECRET_HEADER, required = false) String given,
                                        @RequestBody(required = false) byte[] body) {
        if (given == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (body == null || !bot.receive(body)) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok().build();
    }
}
