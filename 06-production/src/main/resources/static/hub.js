// The hub client: one STOMP connection over WebSocket that reconnects by itself with a
// token from the access token factory, invoke(), which calls a hub method and returns a
// promise of the hub's answer, and the hub's list of open connections and its
// statistics, kept up to date.
import { Client } from '/webjars/stomp__stompjs/esm6/index.js';

// The hub lives on the server that served this page: ws:// for http://, wss:// for https://.
const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
const hubUrl = `${scheme}//${location.host}/messages`;
const client = new Client({ reconnectDelay: 1000 });

let connectionId = null;
// Calls the hub has not answered yet, oldest first. The hub handles a connection's frames
// in order and answers each call once, in that order: with a reply on /user/queue/replies
// (/user/queue/groups for joinGroup and leaveGroup) or with an error on /user/queue/errors.
const unanswered = [];
// Every open connection, by id, kept from the hub's list and its connection events.
const connections = new Map();
// Connection events that arrive before the list, applied after it; null once it has arrived.
let heldEvents = null;
// When the statistics last passed on were taken, in milliseconds since 1970.
let statsTakenAt = 0;

// Connects, and calls back on every change of the connection, for every message, and
// whenever the groups of this connection, the list of connections or the statistics
// change. Without a token it stops, and calls back onSessionEnded.
export function connect({ accessTokenFactory, onStatus, onMessage, onGroups, onConnections, onStats, onError,
  onSessionEnded }) {
  // Runs before every connect and reconnect. A browser cannot set an Authorization
  // header on a WebSocket, and it prints the address of one that fails in its console:
  // the address carries a ticket that opens one connection, never the token itself.
  client.beforeConnect = async () => {
    const token = await accessTokenFactory();
    if (!token) {
      client.deactivate();
      onSessionEnded();
      return;
    }
    client.brokerURL = `${hubUrl}?ticket=${encodeURIComponent(await ticketFor(token))}`;
  };
  client.onConnect = () => {
    client.subscribe('/topic/messages', (frame) => onMessage(JSON.parse(frame.body), connectionId));
    client.subscribe('/user/queue/messages', (frame) => onMessage(JSON.parse(frame.body), connectionId));
    client.subscribe('/user/queue/replies', (frame) => unanswered.shift()?.resolve(JSON.parse(frame.body)));
    client.subscribe('/user/queue/groups', (frame) => {
      const reply = JSON.parse(frame.body);
      onGroups(reply.groups);
      unanswered.shift()?.resolve(reply);
    });
    client.subscribe('/user/queue/errors', (frame) => {
      const error = JSON.parse(frame.body);
      const call = unanswered.shift();
      call ? call.reject(error) : onError(error.detail);
    });
    // Events first, then the current list: together they keep the list up to date.
    heldEvents = [];
    client.subscribe('/topic/connections', (frame) => {
      heldEvents ? heldEvents.push(JSON.parse(frame.body)) : apply(JSON.parse(frame.body));
      onConnections([...connections.values()]);
    });
    client.subscribe('/app/connections', (frame) => {
      // The list may have been taken before or after the events held back; either way,
      // applying them after it gives the current state, since each says how one
      // connection is now.
      connections.clear();
      JSON.parse(frame.body).forEach((connection) => connections.set(connection.connectionId, connection));
      heldEvents.forEach(apply);
      heldEvents = null;
      onConnections([...connections.values()]);
    });
    // As for connections: changes first, then the current numbers. The newest numbers
    // win: the reply to /app/stats may arrive after a newer change.
    const showStats = (frame) => {
      const stats = JSON.parse(frame.body);
      if (Date.parse(stats.at) >= statsTakenAt) {
        statsTakenAt = Date.parse(stats.at);
        onStats(stats);
      }
    };
    client.subscribe('/topic/stats', showStats);
    client.subscribe('/app/stats', showStats);
    // Subscribed last: once the id arrives, the subscriptions above are in place.
    client.subscribe('/app/connectionId', (frame) => {
      const connection = JSON.parse(frame.body);
      connectionId = connection.connectionId;
      onStatus('connected', connectionId, connection.instance);
    });
    onGroups([]);
  };
  client.onWebSocketClose = () => {
    connectionId = null;
    // Who is connected is unknown until the hub says so again.
    connections.clear();
    onConnections([]);
    // The hub may or may not have handled these: say so, and let the user try again.
    unanswered.splice(0).forEach((call) => call.reject({
      error: 'not-confirmed',
      detail: 'The connection closed before the hub confirmed your message. It may not have been sent.',
    }));
    // After disconnect() the page says what happened; otherwise the client reconnects.
    if (client.active) {
      onStatus('reconnecting', null);
    }
  };
  client.onStompError = (frame) => onError(frame.headers.message);
  onStatus('connecting', null);
  client.activate();
}

// A ticket for the next handshake, or none when the server cannot be reached: the attempt
// then fails like any other, and the client tries again a second later.
async function ticketFor(token) {
  try {
    const response = await fetch('/token/ticket', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    return response.ok ? (await response.json()).ticket : '';
  }
  catch {
    return '';
  }
}

// Each event says how one connection is now: there, with these details, or gone.
function apply({ type, ...connection }) {
  if (type === 'connected') {
    connections.set(connection.connectionId, connection);
  }
  else {
    connections.delete(connection.connectionId);
  }
}

export function disconnect() {
  client.deactivate();
}

// SignalR's connection.invoke(method, ...): sends to /app/<method>, resolves with the
// hub's answer, rejects with the hub's error ({error, detail}) if it refused.
export function invoke(method, body) {
  return new Promise((resolve, reject) => {
    if (!client.connected) {
      reject({ error: 'not-connected', detail: 'Not connected to the hub: nothing was sent. Try again once connected.' });
      return;
    }
    client.publish({ destination: `/app/${method}`, body: JSON.stringify(body) });
    // Queued after the send: only a call that went out waits for an answer.
    unanswered.push({ resolve, reject });
  });
}
