package com.example.hub;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"group": "..."}}, to join or leave a group. */
public record GroupRequest(
        @NotNull(message = "is required") @Pattern(regexp = GROUP_NAME, message = GROUP_NAME_RULE) String group) {

    /** 1 to 64 letters, digits, '-' or '_'. */
    static final String GROUP_NAME = "[A-Za-z0-9_-]{1,64}";

    static final String GROUP_NAME_RULE = "must be 1 to 64 letters, digits, '-' or '_'";

}
