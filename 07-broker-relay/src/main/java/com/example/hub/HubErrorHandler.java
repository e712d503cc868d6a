package com.example.hub;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Answers a hub method that failed with a {@link HubError} on {@code /user/queue/errors},
 * to the calling connection only; nothing else is sent and the connection stays open.
 */
@ControllerAdvice
@SendToUser(destinations = "/queue/errors", broadcast = false)
public class HubErrorHandler {

    private static final Logger logger = LoggerFactory.getLogger(HubErrorHandler.class);

    @MessageExceptionHandler
    HubError refused(HubException ex) {
        return new HubError(ex.code(), ex.getMessage());
    }

    /** A hub method protected by {@code @PreAuthorize} refused the caller. */
    @MessageExceptionHandler
    HubError forbidden(AccessDeniedException ex) {
        return new HubError("forbidden", "You are not allowed to call this hub method.");
    }

    @MessageExceptionHandler
    HubError invalidJson(MessageConversionException ex) {
        return new HubError("invalid-json", "The message body is not the JSON this hub method expects.");
    }

    @MessageExceptionHandler
    HubError invalidMessage(MethodArgumentNotValidException ex) {
        BindingResult result = ex.getBindingResult();
        // Spring reports an empty body as an error of the whole payload, not of a field.
        if (result == null || !result.hasFieldErrors()) {
            return new HubError("invalid-message", "The message body is empty.");
        }
        return new HubError("invalid-message", describe(result));
    }

    /** Each field error as "field message", for example "text is required.". */
    public static String describe(BindingResult result) {
        return result.getFieldErrors()
            .stream()
            .map((error) -> error.getField() + " " + error.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; ", "", "."));
    }

    @MessageExceptionHandler
    HubError unexpected(Exception ex) {
        logger.error("Hub method failed", ex);
        return new HubError("internal-error", "The hub could not handle this message.");
    }

}
