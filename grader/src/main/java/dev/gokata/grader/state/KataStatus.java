package dev.gokata.grader.state;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a student stands with a kata. */
public enum KataStatus {
    NOT_STARTED("not started"),
    FAILING("failing"),
    PASSED("passed");

    private final String text;

    KataStatus(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }
}
