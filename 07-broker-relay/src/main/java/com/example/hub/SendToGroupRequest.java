package com.example.hub;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static com.example.hub.GroupRequest.GROUP_NAME;
import static com.example.hub.GroupRequest.GROUP_NAME_RULE;
import static com.example.hub.SendMessageRequest.MAX_TEXT_LENGTH;

/** {@code {"group": "...", "text": "..."}} */
record SendToGroupRequest(
        @NotNull(message = "is required") @Pattern(regexp = GROUP_NAME, message = GROUP_NAME_RULE) String group,
        @NotBlank(message = "is required") @Size(max = MAX_TEXT_LENGTH,
                message = "must be at most " + MAX_TEXT_LENGTH + " characters") String text) {

}
