// The chat page: logs in, connects to the hub with the access token, shows what arrives,
// sends what the user types.
import { Client } from '/webjars/stomp__stompjs/esm6/index.js';

const loginForm = document.getElementById('login-form');
const usernameInput = document.getElementById('username');
const passwordInput = document.getElementById('password');
const userText = document.getElementById('user');
const logoutButton = document.getElementById('logout-button');
const statusText = document.getElementById('status');
const connectionIdText = document.getElementById('connection-id');
const messageList = document.getElementById('messages');
const sendForm = document.getElementById('send-form');
const messageInput = document.getElementById('message-text');
const sendButton = document.getElementById('send-button');
const targetSelect = document.getElementById('target');
const userTargets = document.getElementById('user-targets');
const connectionTargets = document.getElementById('connection-targets');
const groupForm = document.getElementById('group-form');
const groupNameInput = document.getElementById('group-name');
const joinButton = document.getElementById('join-group');
const leaveButton = document.getElementById('leave-group');
const myGroupsText = document.getElementById('my-groups');
const errorText = document.getElementById('error');
const statsConnections = document.getElementById('stats-connections');
const statsRate = document.getElementById('stats-rate');
const announceForm = document.getElementById('announce-form');
const announceInput = document.getElementById('announce-text');
const announceButton = document.getElementById('announce-button');

// The access token lives in this variable only: not in localStorage or a cookie, so it is
// gone when the page closes and no other page or script file can read it back.
let session = null;
let refreshTimer = null;
let connectionId = null;
let connected = false;
const connectionUsers = new Map();
// Connection events that arrive before the list, applied after it; null once it has arrived.
let heldEvents = null;
// When the statistics shown were taken, in milliseconds since 1970.
let statsShownAt = 0;

const client = new Client({
  reconnectDelay: 1000,
  // Runs before every connect and reconnect. A browser cannot set an Authorization header
  // on a WebSocket, so the token goes in the address, as SignalR does.
  beforeConnect: async () => {
    const token = await accessTokenFactory();
    client.brokerURL = `${hubUrl()}?access_token=${encodeURIComponent(token)}`;
  },
  onConnect: onConnected,
  onWebSocketClose: onClosed,
  onStompError: (frame) => showError(frame.headers.message),
});

// The hub lives on the server that served this page: ws:// for http://, wss:// for https://.
function hubUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/messages`;
}

// SignalR's accessTokenFactory: asked for a token before every connect and reconnect.
async function accessTokenFactory() {
  if (Date.now() > session.expiresAt - 5000) {
    await refreshToken();
  }
  return session.token;
}

async function logIn(event) {
  event.preventDefault();
  const response = await fetch('/token', {
    method: 'POST',
    body: new URLSearchParams({ username: usernameInput.value, password: passwordInput.value }),
  });
  passwordInput.value = '';
  if (!response.ok) {
    showError('Wrong username or password.');
    return;
  }
  startSession(await response.json());
  connect();
}

function startSession(tokenResponse) {
  const claims = claimsOf(tokenResponse.access_token);
  session = {
    token: tokenResponse.access_token,
    user: claims.sub,
    roles: claims.roles ?? [],
    expiresAt: Date.now() + tokenResponse.expires_in * 1000,
  };
  // A fresh token well before this one expires, so that a reconnect never uses a stale one.
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshToken, (session.expiresAt - Date.now()) * 0.75);
  showUser();
}

// The token's middle part is base64url-encoded JSON. Reading it is fine; trusting it is
// the server's job, which checks the signature.
function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}

async function refreshToken() {
  const refreshed = session;
  let response;
  let tokenResponse;
  try {
    response = await fetch('/token/refresh', {
      method: 'POST',
      headers: { Authorization: `Bearer ${refreshed.token}` },
    });
    tokenResponse = response.ok ? await response.json() : null;
  }
  catch {
    return; // The server is unreachable: keep the token and try again on the next reconnect.
  }
  if (session !== refreshed) {
    return; // Logged out, or in as someone else, while the answer was on its way.
  }
  if (tokenResponse) {
    startSession(tokenResponse);
  }
  else if (response.status === 401) {
    logOut('Your session has ended. Please log in again.');
  }
}

// Whatever the last user saw leaves the page with them.
function logOut(reason) {
  clearTimeout(refreshTimer);
  session = null;
  connected = false;
  client.deactivate();
  messageList.replaceChildren();
  targetSelect.value = 'all';
  connectionUsers.clear();
  showConnectionTargets();
  showGroups([]);
  showUser();
  showStatus('logged out');
  if (reason) {
    showError(reason);
  }
}

function connect() {
  showStatus('connecting');
  client.activate();
}

// A close before the STOMP session started is a refused handshake or a server that is
// down. Refreshing the token tells the two apart: it ends a session the server no
// longer accepts, and keeps one that is merely waiting for the server.
function onClosed() {
  if (!session) {
    return;
  }
  if (!connected) {
    refreshToken();
  }
  connected = false;
  showStatus('reconnecting');
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
  connected = true;
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
    default: return target.startsWith('user:')
      ? ['sendMessageToUser', { user: target.slice('user:'.length), text }]
      : ['sendMessageToConnection', { connectionId: target, text }];
  }
}

function sendAnnouncement(event) {
  event.preventDefault();
  client.publish({ destination: '/app/sendAnnouncement', body: JSON.stringify({ text: announceInput.value }) });
  announceInput.value = '';
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
  for (const button of [sendButton, joinButton, leaveButton, announceButton]) {
    button.disabled = state !== 'connected';
  }
  if (state !== 'connected') {
    showConnectionId(null);
  }
}

// Logged in: who, a Log out button, and the announcement control for admins only. The
// server checks the role again on every announcement: hiding a control protects nothing.
function showUser() {
  userText.textContent = session?.user ?? 'nobody';
  loginForm.hidden = session !== null;
  logoutButton.hidden = session === null;
  announceForm.hidden = !session?.roles.includes('ADMIN');
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
  return message.from === session?.user ? 'you' : message.from;
}

function describeTarget(message) {
  switch (message.target) {
    case 'all': return 'to everyone';
    case 'caller': return 'to themselves';
    case 'others': return 'to everyone else';
    case 'connection': return 'to you only';
    case 'user': return 'to you, in every tab';
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
  connectionUsers.clear();
  connections.forEach((connection) => connectionUsers.set(connection.connectionId, connection.user));
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
    connectionUsers.set(event.connectionId, event.user);
  }
  else {
    connectionUsers.delete(event.connectionId);
  }
}

// One entry in the "To" list per other connection and per user, kept in step with the hub.
function showConnectionTargets() {
  const chosen = targetSelect.selectedOptions[0];
  const options = [...connectionUsers].filter(([id]) => id !== connectionId).map(([id, user]) => {
    const option = document.createElement('option');
    option.value = id;
    option.textContent = `${user} · ${id.slice(0, 8)}`;
    return option;
  });
  const users = [...new Set(connectionUsers.values())].sort().map((user) => {
    const option = document.createElement('option');
    option.value = `user:${user}`;
    option.textContent = user;
    return option;
  });
  keepChosenIfGone(chosen, connectionTargets, options);
  keepChosenIfGone(chosen, userTargets, users);
  connectionTargets.replaceChildren(...options);
  userTargets.replaceChildren(...users);
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

loginForm.addEventListener('submit', logIn);
logoutButton.addEventListener('click', () => logOut());
announceForm.addEventListener('submit', sendAnnouncement);
sendForm.addEventListener('submit', sendMessage);
groupForm.addEventListener('submit', joinGroup);
leaveButton.addEventListener('click', leaveGroup);
messageInput.addEventListener('input', () => { errorText.hidden = true; });
showStatus('logged out');
