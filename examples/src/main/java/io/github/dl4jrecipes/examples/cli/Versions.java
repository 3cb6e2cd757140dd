package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine;

/** {@code --version}: this build's version and the DL4J it runs on. */
final class Versions implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String ours = Dl4jRecipes.class.getPackage().getImplementationVersion();
        return new String[] {"dl4j-recipes " + (ours == null ? "(development build)" : ours),
            "Deeplearning4j 1.0.0-M2.1, Java " + Runtime.version()};
    }
}
