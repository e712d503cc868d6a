// The hub client: one STOMP connection over WebSocket that reconnects by itself, and
// invoke(), which calls a hub method and returns a promise of the hub's answer.
import { Client } from '/webjars/stomp__stompjs/esm6/index.js';

// The hub lives on the server that served this page: ws:// for http://, wss:// for https://.
const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
const client = new Client({ brokerURL: `${scheme}//${location.host}/messages`, reconnectDelay: 1000 });

let connectionId = null;
// Sends the hub has not answered yet, oldest first. The hub handles a connection's frames
// in order and answers each send once, in that order: with the sender's own copy of the
// message on /topic/messages, or with an error on /user/queue/errors.
const unanswered = [];

// Connects, and calls back on every change of the connection and for every message.
export function connect({ onStatus, onMessage, onError }) {
  client.onConnect = () => {
    client.subscribe('/topic/messages', (frame) => {
      const message = JSON.parse(frame.body);
      if (message.from === connectionId) {
        unanswered.shift()?.resolve(message);
      }
      onMessage(message, connectionId);
    });
    client.subscribe('/user/queue/errors', (frame) => {
      const error = JSON.parse(frame.body);
      const send = unanswered.shift();
      send ? send.reject(error) : onError(error.detail);
    });
    // Subscribed last: once the id arrives, the subscriptions above are in place.
    client.subscribe('/app/connectionId', (frame) => {
      connectionId = JSON.parse(frame.body).connectionId;
      onStatus('connected', connectionId);
    });
  };
  client.onWebSocketClose = () => {
    connectionId = null;
    // The hub may or may not have handled these: say so, and let the user send again.
    unanswered.splice(0).forEach((send) => send.reject({
      error: 'not-confirmed',
      detail: 'The connection closed before the hub confirmed your message. It may not have been sent.',
    }));
    onStatus('reconnecting', null);
  };
  client.onStompError = (frame) => onError(frame.headers.message);
  onStatus('connecting', null);
  client.activate();
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
