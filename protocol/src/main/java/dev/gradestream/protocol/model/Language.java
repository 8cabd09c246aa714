package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The source language of a submission. The wire name is what clients send in {@code language}. */
public enum Language {
    C("c", "c"),
    CPP("cpp", "cpp");

    private final String wireName;
    private final String fileExtension;

    Language(String wireName, String fileExtension) {
        this.wireName = wireName;
        this.fileExtension = fileExtension;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String fileExtension() {
        return fileExtension;
    }

    /** Lenient on case so that "C" and "c" both work; unknown names are a validation error upstream. */
    @JsonCreator
    public static Language fromWireName(String name) {
        for (Language language : values()) {
            if (language.wireName.equalsIgnoreCase(name)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language '" + name + "': use one of c, cpp");
    }
}
