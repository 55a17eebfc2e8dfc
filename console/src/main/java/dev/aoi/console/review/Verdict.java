package dev.aoi.console.review;

import java.util.Locale;

/** A reviewer's verdict on a reported defect: real, a false call of the model, or not sure. */
public enum Verdict {
    DEFECT, FALSE_CALL, UNSURE;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict parse(String text) {
        for (Verdict v : values()) {
            if (v.dbName().equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("verdict must be defect, false_call or unsure, got '" + text + "'");
    }
}
