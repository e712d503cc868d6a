package com.example.hub;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The guard on its own, for frames without the headers STOMP requires: each is refused
 * with an error to its sender, instead of reaching the broker, which would log an error
 * and tell the client nothing.
 */
class DestinationGuardTests {

    private final HubClients clients = mock(HubClients.class);

    private final DestinationGuard guard = new DestinationGuard(this.clients);

    @Test
    void subscribeWithoutADestinationIsRefused() {
        StompHeaderAccessor subscribe = frame(StompCommand.SUBSCRIBE);
        subscribe.setSubscriptionId("sub-0");

        assertThat(this.guard.preSend(message(subscribe), null)).isNull();
        verify(this.clients).error("connection-1",
                new HubError("forbidden-destination", "There is nothing to subscribe to at null."));
    }

    @Test
    void subscribeAndUnsubscribeWithoutAnIdAreRefused() {
        StompHeaderAccessor subscribe = frame(StompCommand.SUBSCRIBE);
        subscribe.setDestination("/topic/messages");

        assertThat(this.guard.preSend(message(subscribe), null)).isNull();
        assertThat(this.guard.preSend(message(frame(StompCommand.UNSUBSCRIBE)), null)).isNull();
        verify(this.clients).error("connection-1",
                new HubError("invalid-frame", "A SUBSCRIBE frame needs an id header."));
        verify(this.clients).error("connection-1",
                new HubError("invalid-frame", "A UNSUBSCRIBE frame needs an id header."));
    }

    @Test
    void subscribeAndUnsubscribeWithAnOverlongIdAreRefused() {
        String id = "x".repeat(DestinationGuard.MAX_ID_LENGTH + 1);
        StompHeaderAccessor subscribe = frame(StompCommand.SUBSCRIBE);
        subscribe.setDestination("/topic/messages");
        subscribe.setSubscriptionId(id);
        StompHeaderAccessor unsubscribe = frame(StompCommand.UNSUBSCRIBE);
        unsubscribe.setSubscriptionId(id);

        assertThat(this.guard.preSend(message(subscribe), null)).isNull();
        assertThat(this.guard.preSend(message(unsubscribe), null)).isNull();
        verify(this.clients, times(2)).error("connection-1",
                new HubError("invalid-frame", "A subscription id has at most 64 characters."));
    }

    @Test
    void aRefusalQuotesTheFirst100CharactersOfADestination() {
        String destination = "/topic/" + "x".repeat(30_000);
        StompHeaderAccessor subscribe = frame(StompCommand.SUBSCRIBE);
        subscribe.setSubscriptionId("sub-0");
        subscribe.setDestination(destination);

        assertThat(this.guard.preSend(message(subscribe), null)).isNull();
        verify(this.clients).error("connection-1", new HubError("forbidden-destination",
                "There is nothing to subscribe to at " + destination.substring(0, 100) + " (truncated)...."));
    }

    private static StompHeaderAccessor frame(StompCommand command) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(command);
        headers.setSessionId("connection-1");
        return headers;
    }

    private static Message<byte[]> message(StompHeaderAccessor headers) {
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

}
