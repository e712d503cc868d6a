package com.example.hub;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import static com.example.hub.SendMessageRequest.MAX_TEXT_LENGTH;

/** {@code {"user": "...", "text": "..."}} */
record SendToUserRequest(@NotBlank(message = "is required") String user,
        @NotBlank(message = "is required") @Size(max = MAX_TEXT_LENGTH,
                message = "must be at most " + MAX_TEXT_LENGTH + " characters") String text) {

}
