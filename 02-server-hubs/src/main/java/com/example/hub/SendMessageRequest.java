package com.example.hub;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a client sends to a hub method that takes a text: {@code {"text": "..."}}. */
record SendMessageRequest(@NotBlank(message = "is required") @Size(max = MAX_TEXT_LENGTH,
        message = "must be at most " + MAX_TEXT_LENGTH + " characters") String text) {

    static final int MAX_TEXT_LENGTH = 4000;

}
