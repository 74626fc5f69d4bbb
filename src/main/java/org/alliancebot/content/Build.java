package org.alliancebot.content;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * This build of the bot, as Maven records it at each build ({@code META-INF/build-info.properties}): what the
 * caches on disk are keyed by, so that only the build that wrote an entry ever trusts it.
 */
public final class Build {

    private static final Optional<String> IDENTITY = read();

    private Build() {
    }

    /**
     * The build's version and time; empty unless run from the jar Maven built. Run from a folder of classes (an
     * IDE, the tests), the properties file may be left from an earlier build while the code has changed since, so
     * no cache should trust it.
     */
    public static Optional<String> identity() {
        return IDENTITY;
    }

    private static Optional<String> read() {
        var source = Build.class.getProtectionDomain().getCodeSource();
        String location = source == null ? "" : source.getLocation().toString();
        // A jar file (the extracted layout), or a jar inside one (java -jar on the Spring Boot jar: jar:nested:...).
        if (!location.endsWith(".jar") && !location.startsWith("jar:")) {
            return Optional.empty();
        }
        try (InputStream in = Build.class.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            String time = properties.getProperty("build.time");
            return time == null ? Optional.empty()
                    : Optional.of(properties.getProperty("build.version", "") + "@" + time);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
