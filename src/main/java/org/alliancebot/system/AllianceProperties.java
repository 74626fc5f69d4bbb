package org.alliancebot.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Every setting of the bot, bound from {@code alliance.*} properties, with defaults that suit a first run. */
@ConfigurationProperties("alliance")
@Validated
public record AllianceProperties(@Valid @DefaultValue ContentProperties content,
                                 @Valid @DefaultValue SessionProperties sessions) {

    /** @param dir the folder holding menu.yaml, trees/ and the rest */
    public record ContentProperties(@NotNull @DefaultValue("content") Path dir) {
    }

    /**
     * @param idle    a session untouched this long is forgotten
     * @param maxSize at most this many sessions are held; the least recently used go first
     */
    public record SessionProperties(@NotNull @DefaultValue("24h") Duration idle,
                                    @Min(1) @DefaultValue("100000") long maxSize) {
    }
}
