package com.example.hub;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import com.example.announcements.HubStatistics;
import com.example.announcements.HubStats;
import com.example.cluster.InstanceName;

/**
 * The hub: clients call a method by sending to {@code /app/<method name>}, and the caller
 * gets the method's answer on {@code /user/queue/replies}. The connection id is the STOMP
 * session id that Spring gives every WebSocket connection; the {@link Principal} is the
 * user whose access token opened the connection. Each instance runs its own hub;
 * {@link HubClients} reaches the connections of the others.
 */
@Controller
class MessageHub {

    /** How many groups one connection may be in at once. */
    static final int MAX_GROUPS = 100;

    private final ConnectionRegistry connections;

    private final HubClients clients;

    private final HubStatistics statistics;

    private final InstanceName instance;

    /**
     * Held while a connection is listed or unlisted and the change announced: a
     * connection's two events come on different threads, and this way every page receives
     * the changes in the order they happened.
     */
    private final Object connectionChanges = new Object();

    MessageHub(ConnectionRegistry connections, HubClients clients, HubStatistics statistics, InstanceName instance) {
        this.connections = connections;
        this.clients = clients;
        this.statistics = statistics;
        this.instance = instance;
    }

    @MessageMapping("/sendMessageToAll")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Sent sendMessageToAll(@Valid SendMessageRequest request, Principal user) {
        return new Sent(this.clients.all(new HubMessage(user.getName(), request.text(), "all", Instant.now())));
    }

    @MessageMapping("/sendMessageToCaller")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Sent sendMessageToCaller(@Valid SendMessageRequest request,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connectionId, Principal user) {
        this.clients.connection(connectionId, new HubMessage(user.getName(), request.text(), "caller", Instant.now()));
        return new Sent(1);
    }

    @MessageMapping("/sendMessageToOthers")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Sent sendMessageToOthers(@Valid SendMessageRequest request,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connectionId, Principal user) {
        List<String> others = this.connections.connectionIds()
            .stream()
            .filter((id) -> !id.equals(connectionId))
            .toList();
        return new Sent(this.clients.connections(others,
                new HubMessage(user.getName(), request.text(), "others", Instant.now())));
    }

    /** SignalR's {@code Clients.Client(connectionId)}. */
    @MessageMapping("/sendMessageToConnection")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Sent sendMessageToConnection(@Valid SendToConnectionRequest request, Principal user) {
        if (!this.connections.contains(request.connectionId())) {
            throw new HubException("unknown-connection", "No connection has the id " + request.connectionId() + ".");
        }
        int reached = this.clients.connection(request.connectionId(),
                new HubMessage(user.getName(), request.text(), "connection", Instant.now()));
        if (reached == 0) {
            throw new HubException("unreachable",
                    "That connection is on an instance this one cannot reach right now. Try again in a moment.");
        }
        return new Sent(reached);
    }

    /** SignalR's {@code Clients.User(name)}: every connection of the user. */
    @MessageMapping("/sendMessageToUser")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Sent sendMessageToUser(@Valid SendToUserRequest request, Principal user) {
        List<String> connections = this.connections.connectionsOf(request.user());
        if (connections.isEmpty()) {
            throw new HubException("unknown-user", "No user named " + request.user() + " is connected.");
        }
        return new Sent(this.clients.connections(connections,
                new HubMessage(user.getName(), request.text(), "user", Instant.now())));
    }

    @MessageMapping("/joinGroup")
    @SendToUser(destinations = "/queue/groups", broadcast = false)
    GroupList joinGroup(@Valid GroupRequest request,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connectionId) {
        List<String> groups = this.connections.groupsOf(connectionId);
        if (groups.size() >= MAX_GROUPS && !groups.contains(request.group())) {
            throw new HubException("too-many-groups", "A connection can be in at most " + MAX_GROUPS + " groups.");
        }
        GroupList joined = new GroupList(this.connections.join(connectionId, request.group()));
        this.clients.announceGroups(connectionId);
        return joined;
    }

    @MessageMapping("/leaveGroup")
    @SendToUser(destinations = "/queue/groups", broadcast = false)
    GroupList leaveGroup(@Valid GroupRequest request,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connectionId) {
        GroupList left = new GroupList(this.connections.leave(connectionId, request.group()));
        this.clients.announceGroups(connectionId);
        return left;
    }

    /** The members at the moment of sending; the sender too, if it is one. */
    @MessageMapping("/sendMessageToGroup")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Sent sendMessageToGroup(@Valid SendToGroupRequest request, Principal user) {
        Set<String> members = this.connections.members(request.group());
        return new Sent(this.clients.connections(members,
                new HubMessage(user.getName(), request.text(), "group", Instant.now(), request.group())));
    }

    /** SignalR's {@code [Authorize(Roles = "ADMIN")]} on a hub method. */
    @MessageMapping("/sendAnnouncement")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    @PreAuthorize("hasRole('ADMIN')")
    Sent sendAnnouncement(@Valid SendMessageRequest request) {
        return new Sent(this.clients.all(HubMessage.announcement(request.text())));
    }

    /**
     * Replies once, to the subscriber only, with its connection id, user and instance.
     */
    @SubscribeMapping("/connectionId")
    ConnectionInfo connectionId(@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connectionId,
            Principal user) {
        return new ConnectionInfo(connectionId, user.getName(), this.instance.value());
    }

    /**
     * Replies once, to the subscriber only, with every open connection of every instance.
     */
    @SubscribeMapping("/connections")
    List<ConnectionInfo> connections() {
        return this.connections.connections();
    }

    /** Replies once, to the subscriber only, with the latest statistics. */
    @SubscribeMapping("/stats")
    HubStats stats() {
        return this.statistics.latest();
    }

    /** Catches a send to any {@code /app} destination that no method above handles. */
    @MessageMapping("/**")
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    HubError unknownMethod(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination) {
        return new HubError("unknown-method", "The hub has no method at " + destination + ".");
    }

    /**
     * SignalR's {@code OnConnectedAsync}. Spring publishes this event on the thread that
     * read the CONNECT frame, so the connection is listed before it can close. (The later
     * {@code SessionConnectedEvent} comes from a sending thread and may arrive after the
     * connection has already closed, which would list it for good.)
     */
    @EventListener
    void onConnect(SessionConnectEvent event) {
        ConnectionInfo connection = new ConnectionInfo(
                SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders()), event.getUser().getName(),
                this.instance.value());
        synchronized (this.connectionChanges) {
            this.connections.add(connection);
            this.clients.announce(ConnectionEvent.connected(connection));
        }
    }

    /**
     * SignalR's {@code OnDisconnectedAsync}: however the connection ended. Spring may
     * publish the event twice for one connection (when it cuts off a client that does not
     * keep up, and again when the socket has closed), so only the call that removes the
     * connection announces it.
     */
    @EventListener
    void onDisconnected(SessionDisconnectEvent event) {
        synchronized (this.connectionChanges) {
            this.connections.remove(event.getSessionId())
                .ifPresent((connection) -> this.clients.announce(ConnectionEvent.disconnected(connection)));
        }
    }

}
