package org.alliancebot.content;

/**
 * A place in a content file, shown to editors as {@code file:line:column}. Lines and columns count from 1.
 */
public record Location(String file, int line, int column) {

    /** For problems that concern a whole file, or a file that could not be read at all. */
    public static Location of(String file) {
        return new Location(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
