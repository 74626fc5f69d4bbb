package org.alliancebot.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return new String[] {"alliance-bot " + (version == null ? "development" : version)};
    }
}
