package org.alliancebot.cli;

import java.nio.file.Path;

/** The content folder commands use when none is named: {@code alliance.content.dir}, else {@code ./content}. */
final class ContentDir {

    private ContentDir() {
    }

    static Path orDefault(Path given) {
        if (given != null) {
            return given;
        }
        String property = System.getProperty("alliance.content.dir");
        if (property == null || property.isBlank()) {
            property = System.getenv("ALLIANCE_CONTENT_DIR");
        }
        return Path.of(property == null || property.isBlank() ? "content" : property);
    }
}
