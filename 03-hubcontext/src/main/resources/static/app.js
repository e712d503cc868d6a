// The chat page: connects to the hub, shows what arrives, sends what the user types.
import { Client } from '/webjars/stomp__stompjs/esm6/index.js';

const statusText = document.getElementById('status');
const connectionIdText = document.getElementById('connection-id');
const messageList = document.getElementById('messages');
const sendForm = document.getElementById('send-form');
const messageInput = document.getElementById('message-text');
const sendButton = document.getElementById('send-button');
const targetSelect = document.getElementById('target');
const connectionTargets = document.getElementById('connection-targets');
const groupForm = document.getElementById('group-form');
const groupNameInput = document.getElementById('group-name');
const joinButton = document.getElementById('join-group');
const leaveButton = document.getElementById('leave-group');
const myGroupsText = document.getElementById('my-groups');
const errorText = document.getElementById('error');
const statsConnections = document.getElementById('stats-connections');
const statsRate = document.getElementById('stats-rate');

let connectionId = null;
const connectionIds = new Set();
// Connection events that arrive before the list, applied after it; null once it has arrived.
let heldEvents = null;
// When the statistics shown were taken, in milliseconds since 1970.
let statsShownAt = 0;

const client = new Client({
  brokerURL: hubUrl(),
  reconnectDelay: 1000,
  onConnect: onConnected,
  onWebSocketClose: () => showStatus('reconnecting'),
  onStompError: (frame) => showError(frame.headers.message),
});

// The hub lives on the server that served this page: ws:// for http://, wss:// for https://.
function hubUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/messages`;
}

function connect() {
  showStatus('connecting');
  client.activate();
}

// Runs after every successful (re)connect: subscriptions do not survive a reconnect.
function onConnected() {
  client.subscribe('/app/connectionId', (frame) => showConnectionId(JSON.parse(frame.body).connectionId));
  client.subscribe('/topic/messages', (frame) => showMessage(JSON.parse(frame.body)));
  client.subscribe('/user/queue/messages', (frame) => showMessage(JSON.parse(frame.body)));
  client.subscribe('/user/queue/errors', (frame) => showError(JSON.parse(frame.body).detail));
  client.subscribe('/user/queue/groups', (frame) => showGroups(JSON.parse(frame.body).groups));
  // Events first, then the current list: together they keep the list up to date.
  heldEvents = [];
  client.subscribe('/topic/connections', (frame) => updateConnections(JSON.parse(frame.body)));
  client.subscribe('/app/connections', (frame) => showConnections(JSON.parse(frame.body)));
  // As for connections: changes first, then the current numbers.
  client.subscribe('/topic/stats', (frame) => showStats(JSON.parse(frame.body)));
  client.subscribe('/app/stats', (frame) => showStats(JSON.parse(frame.body)));
  showGroups([]);
  showStatus('connected');
}

function sendMessage(event) {
  event.preventDefault();
  const text = messageInput.value;
  if (!text.trim()) {
    return;
  }
  const [method, body] = hubCallFor(targetSelect.value, text);
  client.publish({ destination: `/app/${method}`, body: JSON.stringify(body) });
  messageInput.value = '';
  messageInput.focus();
}

// The hub method, and what to send it, for the target chosen in the "To" list.
function hubCallFor(target, text) {
  switch (target) {
    case 'all': return ['sendMessageToAll', { text }];
    case 'caller': return ['sendMessageToCaller', { text }];
    case 'others': return ['sendMessageToOthers', { text }];
    case 'group': return ['sendMessageToGroup', { group: groupNameInput.value, text }];
    default: return ['sendMessageToConnection', { connectionId: target, text }];
  }
}

function joinGroup(event) {
  event.preventDefault();
  client.publish({ destination: '/app/joinGroup', body: JSON.stringify({ group: groupNameInput.value }) });
}

function leaveGroup() {
  client.publish({ destination: '/app/leaveGroup', body: JSON.stringify({ group: groupNameInput.value }) });
}

function showStatus(state) {
  statusText.textContent = state;
  statusText.dataset.state = state;
  for (const button of [sendButton, joinButton, leaveButton]) {
    button.disabled = state !== 'connected';
  }
  if (state !== 'connected') {
    showConnectionId(null);
  }
}

function showConnectionId(id) {
  connectionId = id;
  connectionIdText.textContent = id ?? 'none yet';
}

// Everything from the network goes into the page as text (textContent), never as HTML.
function showMessage(message) {
  const item = document.createElement('li');
  item.className = 'message';
  item.dataset.from = message.from;
  item.dataset.target = message.target;

  const time = document.createElement('time');
  time.dateTime = message.sentAt;
  time.textContent = new Date(message.sentAt).toLocaleTimeString();

  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = describeSender(message);
  from.title = message.from;

  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;

  const target = document.createElement('span');
  target.className = 'target';
  target.textContent = describeTarget(message);

  item.append(time, from, target, text);
  messageList.append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function describeSender(message) {
  if (message.target === 'announcement') {
    return 'Announcement';
  }
  return message.from === connectionId ? 'you' : message.from.slice(0, 8);
}

function describeTarget(message) {
  switch (message.target) {
    case 'all': return 'to everyone';
    case 'caller': return 'to themselves';
    case 'others': return 'to everyone else';
    case 'connection': return 'to you only';
    case 'group': return `to group ${message.group}`;
    case 'announcement': return 'to everyone';
    default: return `to ${message.target}`;
  }
}

function showGroups(groups) {
  myGroupsText.textContent = groups.length > 0 ? groups.join(', ') : 'no group';
}

// The list may have been taken before or after the events held back; either way,
// applying them after it gives the current state, since each says how one connection is now.
function showConnections(connections) {
  connectionIds.clear();
  connections.forEach((connection) => connectionIds.add(connection.connectionId));
  heldEvents.forEach(applyConnectionEvent);
  heldEvents = null;
  showConnectionTargets();
}

function updateConnections(event) {
  if (heldEvents) {
    heldEvents.push(event);
    return;
  }
  applyConnectionEvent(event);
  showConnectionTargets();
}

function applyConnectionEvent(event) {
  if (event.type === 'connected') {
    connectionIds.add(event.connectionId);
  }
  else {
    connectionIds.delete(event.connectionId);
  }
}

// One entry in the "To" list per other connection, kept in step with the hub.
function showConnectionTargets() {
  const chosen = targetSelect.selectedOptions[0];
  const options = [...connectionIds].filter((id) => id !== connectionId).map((id) => {
    const option = document.createElement('option');
    option.value = id;
    option.textContent = id.slice(0, 8);
    return option;
  });
  keepChosenIfGone(chosen, connectionTargets, options);
  connectionTargets.replaceChildren(...options);
  targetSelect.value = chosen.value;
}

// A private message must never turn into a broadcast: when the chosen target leaves, it
// stays chosen, marked as gone, and the hub answers a message to it with an error.
function keepChosenIfGone(chosen, list, options) {
  if (chosen.parentElement === list && !options.some((option) => option.value === chosen.value)) {
    chosen.textContent = chosen.textContent.replace(/( \(left\))?$/, ' (left)');
    options.push(chosen);
  }
}

// The newest numbers win: the reply to /app/stats may arrive after a newer change.
function showStats(stats) {
  const at = Date.parse(stats.at);
  if (at < statsShownAt) {
    return;
  }
  statsShownAt = at;
  statsConnections.textContent = stats.connections;
  statsRate.textContent = stats.messagesPerMinute;
}

function showError(detail) {
  errorText.textContent = detail;
  errorText.hidden = false;
}

sendForm.addEventListener('submit', sendMessage);
groupForm.addEventListener('submit', joinGroup);
leaveButton.addEventListener('click', leaveGroup);
messageInput.addEventListener('input', () => { errorText.hidden = true; });
connect();
