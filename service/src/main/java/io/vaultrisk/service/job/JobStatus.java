package io.vaultrisk.service.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
