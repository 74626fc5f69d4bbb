package org.alliancebot.content;

/** One thing wrong with the content, located precisely enough for an editor to jump to it. */
public record Problem(Severity severity, Location at, String message) implements Comparable<Problem> {

    public enum Severity {
        /** Content with errors is never served. */
        ERROR,
        /** Served, but probably not what the editor meant. */
        WARNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Problem other) {
        int byFile = at.file().compareTo(other.at.file());
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(at.line(), other.at.line());
        return byLine != 0 ? byLine : Integer.compare(at.column(), other.at.column());
    }

    /** The form editors and their tools read: {@code file:line:column: error: message}. */
    @Override
    public String toString() {
        return at + ": " + severity.label() + ": " + message;
    }
}
