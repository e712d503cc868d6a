package com.example.production;

import java.util.List;

import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

import com.example.hub.ConnectionRegistry;
import com.example.hub.GroupRequest;
import com.example.hub.HubClients;

/**
 * Bounds the characters of the group names one connection may be in, together. Every
 * page's list and every presence message between instances carries each connection's
 * groups: 100 connections in 100 groups of 64 characters each made every presence message
 * 682 KB. A {@code joinGroup} past the bound is answered with an error, as a hub method
 * refuses a call, and the connection keeps its groups. {@code WebSocketConfig} puts it
 * after the destination guard, among the hub's interceptors.
 */
@Component
public class GroupNameLimit implements ChannelInterceptor {

    static final String ERROR = "group-names-too-long";

    private final ConnectionRegistry registry;

    private final HubClients clients;

    private final JsonMapper json;

    private final Validator validator;

    private final int max;

    // Lazy: the clients' messaging template is built from the channels this limit is
    // part of.
    GroupNameLimit(ConnectionRegistry registry, @Lazy HubClients clients, JsonMapper json, Validator validator,
            LimitsProperties limits) {
        this.registry = registry;
        this.clients = clients;
        this.json = json;
        this.validator = validator;
        this.max = limits.groupNameCharacters();
    }

    /**
     * A connection's frames are handled one after another, so its groups are those its
     * earlier joins and leaves left.
     */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE
                || !"/app/joinGroup".equals(SimpMessageHeaderAccessor.getDestination(message.getHeaders()))) {
            return message;
        }
        String group = validGroup(message.getPayload());
        String connectionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        List<String> groups = this.registry.groupsOf(connectionId);
        if (group == null || groups.contains(group) || characters(groups) + group.length() <= this.max) {
            return message;
        }
        this.clients.error(connectionId, ERROR, "The names of a connection's groups can have at most " + this.max
                + " characters together. Leave a group first.");
        return null;
    }

    /** The group to join; {@code null} for a request the hub refuses anyway. */
    private String validGroup(Object payload) {
        try {
            GroupRequest request = this.json.readValue((byte[]) payload, GroupRequest.class);
            return (request != null && this.validator.validate(request).isEmpty()) ? request.group() : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static int characters(List<String> groups) {
        return groups.stream().mapToInt(String::length).sum();
    }

}
