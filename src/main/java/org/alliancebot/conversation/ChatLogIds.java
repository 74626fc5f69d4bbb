package org.alliancebot.conversation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What logs call a chat: a keyed hash of its id, so log lines about one chat can be followed without the logs
 * naming anyone. Without the key the hash cannot be traced back to a Telegram account.
 */
public final class ChatLogIds {

    private final byte[] key;

    /** @param key a secret; the same key across instances and restarts keeps log ids comparable */
    public ChatLogIds(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a log key needs at least 16 bytes but had " + key.length);
        }
        this.key = key.clone();
    }

    /** A fresh random key: ids are stable for this process only. */
    public static ChatLogIds random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ChatLogIds(key);
    }

    public String of(ChatId chat) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(chat.value().getBytes(StandardCharsets.UTF_8));
            return "chat-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
