package org.glassbox.app.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = GlassBoxCli.class.getPackage().getImplementationVersion();
        return new String[] {"GlassBox " + (v == null ? "development build" : v)};
    }
}
