package io.github.dl4jrecipes.core.data;

/**
 * A setting of {@link TabularData.Builder} that an error message may tell the user to change.
 * Errors carry it as data ({@link DataLoadException#mentions()}), so that a front end such as the
 * command line can name its own option instead of the Java call.
 */
public enum TableSetting {
    /** {@link TabularData.Builder#target(String)}. */
    TARGET("target"),
    /** {@link TabularData.Builder#numeric(String...)}. */
    NUMERIC("numeric"),
    /** {@link TabularData.Builder#categorical(String...)}. */
    CATEGORICAL("categorical"),
    /** {@link TabularData.Builder#ignore(String...)}. */
    IGNORE("ignore"),
    /** {@link TabularData.Builder#delimiter(char)}. */
    DELIMITER("delimiter"),
    /** {@link TabularData.Builder#encoding(java.nio.charset.Charset)}. */
    ENCODING("encoding"),
    /** {@link TabularData.Builder#targetKind(TargetKind)}. */
    TARGET_KIND("targetKind");

    private final String method;

    TableSetting(String method) {
        this.method = method;
    }

    /** The builder method's name, e.g. {@code categorical}. */
    public String method() {
        return method;
    }

    /**
     * The Java call that sets this to {@code argument}, e.g. {@code .categorical("zip")},
     * {@code .delimiter(';')}, {@code .encoding(Charset.forName("ISO-8859-1"))}, or with a
     * placeholder when {@code argument} is null: {@code .target(...)}.
     */
    public String javaCall(String argument) {
        String shown = argument == null ? "..." : switch (this) {
            case TARGET, NUMERIC, CATEGORICAL, IGNORE -> "\"" + argument + "\"";
            case DELIMITER -> argument;
            case ENCODING -> "Charset.forName(\"" + argument + "\")";
            case TARGET_KIND -> "TargetKind." + argument;
        };
        return "." + method + "(" + shown + ")";
    }

    /** A mention of this setting with a suggested argument (or null for "some value"). */
    public Mention with(String argument) {
        return new Mention(this, argument);
    }

    /**
     * A setting named in an error, with the argument the fix suggests.
     *
     * @param setting the setting
     * @param argument the suggested value as text (a column name, {@code ';'} with its quotes, a
     *     charset name, a {@link TargetKind} name), or null
     */
    public record Mention(TableSetting setting, String argument) {

        /** Validates presence of the setting. */
        public Mention {
            java.util.Objects.requireNonNull(setting, "setting");
        }

        /** The Java call, as {@link TableSetting#javaCall(String)} writes it. */
        public String javaCall() {
            return setting.javaCall(argument);
        }
    }
}
