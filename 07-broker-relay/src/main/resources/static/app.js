// The chat page: logs in, shows the connection, the messages, who else is connected and
// the hub's statistics, sends what the user types to the target they chose, joins and
// leaves groups, and lets an admin send announcements.
import { accessTokenFactory, keepConnection, logIn, logOut } from './auth.js';
import { connect, disconnect, invoke } from './hub.js';

// The hub refuses longer texts (SendMessageRequest.MAX_TEXT_LENGTH) and other group
// names (GroupRequest.GROUP_NAME).
const MAX_TEXT_LENGTH = 4000;
const GROUP_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const loginForm = document.getElementById('login-form');
const usernameInput = document.getElementById('username');
const passwordInput = document.getElementById('password');
const loginError = document.getElementById('login-error');
const userText = document.getElementById('user');
const logoutButton = document.getElementById('logout-button');
const statusText = document.getElementById('status');
const connectionIdText = document.getElementById('connection-id');
const instanceText = document.getElementById('instance');
const connectionError = document.getElementById('connection-error');
const messageList = document.getElementById('messages');
const sendForm = document.getElementById('send-form');
const targetSelect = document.getElementById('target');
const userTargets = document.getElementById('user-targets');
const connectionTargets = document.getElementById('connection-targets');
const messageInput = document.getElementById('message-text');
const sendButton = document.getElementById('send-button');
const messageCount = document.getElementById('message-count');
const sendResult = document.getElementById('send-result');
const sendError = document.getElementById('send-error');
const groupForm = document.getElementById('group-form');
const groupNameInput = document.getElementById('group-name');
const joinButton = document.getElementById('join-group');
const leaveButton = document.getElementById('leave-group');
const myGroupsText = document.getElementById('my-groups');
const groupError = document.getElementById('group-error');
const statsText = document.getElementById('stats');
const clusterWarning = document.getElementById('cluster-warning');
const announceForm = document.getElementById('announce-form');
const announceInput = document.getElementById('announce-text');
const announceButton = document.getElementById('announce-button');
const announceResult = document.getElementById('announce-result');
const announceError = document.getElementById('announce-error');

let connected = false;
let sending = false;
let myConnectionId = null;
let myInstance = null;
// The connections the page last heard of, and the last statistics: the footer says "in the
// cluster" only once the list shows a connection on another instance.
let knownConnections = [];
let lastStats = null;
// The groups of this connection, as the hub last said, and those to join again after a
// reconnect the user did not ask for: the hub forgets a connection's groups when it closes.
let myGroups = [];
let groupsToRejoin = [];
let me = null;

async function logInAndConnect(event) {
  event.preventDefault();
  try {
    me = await logIn(usernameInput.value, passwordInput.value);
  }
  catch (error) {
    showLoginError(error.message);
    passwordInput.value = '';
    passwordInput.focus();
    return;
  }
  passwordInput.value = '';
  loginError.hidden = true;
  showUser();
  connect({
    accessTokenFactory,
    onStatus: showStatus,
    onMessage: showMessage,
    onGroups: showGroups,
    onConnections: showConnections,
    onStats: showStats,
    onError: showConnectionError,
    onSessionEnded: () => logOutAndClear('Your session has ended. Please log in again.'),
  });
  messageInput.focus();
}

// Whatever the last user saw leaves the page with them.
function logOutAndClear(reason) {
  logOut();
  disconnect();
  me = null;
  groupsToRejoin = [];
  messageList.replaceChildren();
  targetSelect.value = 'all';
  showConnections([]);
  showGroups([]);
  showUser();
  showStatus('logged out', null);
  clusterWarning.hidden = true;
  // Nothing from the session that ended stays on the page as if it still held.
  sendResult.textContent = '';
  sendError.hidden = true;
  groupError.hidden = true;
  announceResult.textContent = '';
  lastStats = null;
  statsText.textContent = 'Statistics after connecting';
  if (reason) {
    showLoginError(reason);
  }
  usernameInput.focus();
}

// The text stays in the box until the hub has accepted it: a refused or unconfirmed
// message is never lost.
async function sendMessage(event) {
  event.preventDefault();
  const text = messageInput.value;
  const target = targetSelect.value;
  const group = groupNameInput.value.trim();
  if (!text.trim()) {
    showSendError('Type a message first.');
    return;
  }
  if (text.length > MAX_TEXT_LENGTH) {
    showSendError(`The message is ${text.length - MAX_TEXT_LENGTH} characters too long.`);
    return;
  }
  if (target === 'group' && !group) {
    showSendError('Type the name of the group in the Group box below first.');
    return;
  }
  showSending(true);
  try {
    const [method, body] = hubCallFor(target, text, group);
    const sent = await invoke(method, body);
    messageInput.value = '';
    showCount();
    showSendResult(describeSent(target, group, sent.connections));
  }
  catch (error) {
    showSendError(error.detail);
  }
  finally {
    showSending(false);
    messageInput.focus();
  }
}

// The hub method, and what to send it, for the target chosen in the "To" list.
function hubCallFor(target, text, group) {
  switch (target) {
    case 'all': return ['sendMessageToAll', { text }];
    case 'caller': return ['sendMessageToCaller', { text }];
    case 'others': return ['sendMessageToOthers', { text }];
    case 'group': return ['sendMessageToGroup', { group, text }];
    default: return target.startsWith('user:')
      ? ['sendMessageToUser', { user: target.slice('user:'.length), text }]
      : ['sendMessageToConnection', { connectionId: target, text }];
  }
}

// What the hub did with the message, in words.
function describeSent(target, group, count) {
  // Cut off from the other instances, the hub counts only the connections it can reach.
  if (count === 0 && !clusterWarning.hidden) {
    return 'Reached nobody: no one this instance can reach right now.';
  }
  switch (target) {
    case 'all': return `Sent to everyone: ${connectionsText(count)}.`;
    case 'caller': return 'Sent to you.';
    case 'others': return count === 0 ? 'Nobody else is connected.' : `Sent to ${connectionsText(count)}.`;
    case 'group': return count === 0 ? `Nobody is in group ${group}.` : `Sent to ${connectionsText(count)} in group ${group}.`;
    default: return target.startsWith('user:')
      ? `Sent to ${target.slice('user:'.length)}: ${connectionsText(count)}.`
      : 'Sent to that connection.';
  }
}

function connectionsText(count) {
  return count === 1 ? '1 connection' : `${count} connections`;
}

// The hub checks the role again on every announcement: hiding the form protects nothing.
async function sendAnnouncement(event) {
  event.preventDefault();
  const text = announceInput.value;
  if (!text.trim() || text.length > MAX_TEXT_LENGTH) {
    showAnnounceError('An announcement is 1 to 4,000 characters.');
    return;
  }
  announceButton.disabled = true;
  try {
    const sent = await invoke('sendAnnouncement', { text });
    announceInput.value = '';
    announceError.hidden = true;
    announceResult.textContent = `Announced to ${connectionsText(sent.connections)}.`;
  }
  catch (error) {
    showAnnounceError(error.detail);
  }
  finally {
    announceButton.disabled = !connected;
  }
}

async function joinGroup(event) {
  event.preventDefault();
  await changeGroup('joinGroup');
}

async function leaveGroup() {
  await changeGroup('leaveGroup');
}

async function changeGroup(method) {
  const group = groupNameInput.value.trim();
  if (!GROUP_NAME.test(group)) {
    showGroupError(group ? 'A group name is 1 to 64 letters, digits, - or _.' : 'Type a group name first.');
    return;
  }
  try {
    await invoke(method, { group });
    groupError.hidden = true;
  }
  catch (error) {
    showGroupError(error.detail);
  }
}

function showStatus(state, connectionId, instance) {
  connected = state === 'connected';
  if (state === 'reconnecting' && myGroups.length > 0) {
    groupsToRejoin = myGroups;
  }
  myConnectionId = connectionId;
  myInstance = instance ?? null;
  keepConnection(connected ? connectionId : null);
  statusText.textContent = state;
  statusText.dataset.state = state;
  connectionIdText.textContent = connectionId ?? 'none yet';
  instanceText.textContent = instance ?? 'none yet';
  if (connected) {
    connectionError.hidden = true;
    if (lastStats) {
      showStats(lastStats);
    }
  }
  else {
    // The hub's numbers come again once it is connected; until then they are not known.
    lastStats = null;
    statsText.textContent = 'Statistics after connecting';
  }
  joinButton.disabled = !connected;
  leaveButton.disabled = !connected;
  announceButton.disabled = !connected;
  showSending(sending);
  if (connected && groupsToRejoin.length > 0) {
    rejoinGroups(groupsToRejoin.splice(0));
  }
}

// Joins again, one after another, the groups the connection was in before it dropped.
async function rejoinGroups(groups) {
  for (const group of groups) {
    try {
      await invoke('joinGroup', { group });
    }
    catch (error) {
      showGroupError(`Could not join ${group} again: ${error.detail}`);
    }
  }
}

// While a message waits for the hub's answer, the box cannot change and Send is off.
function showSending(busy) {
  sending = busy;
  messageInput.readOnly = busy;
  sendButton.disabled = busy || !connected;
  sendButton.textContent = busy ? 'Sending…' : 'Send';
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

  const target = document.createElement('span');
  target.className = 'target';
  target.textContent = describeTarget(message);

  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;

  item.append(time, from, target, text);
  messageList.append(item);
  item.scrollIntoView({ block: 'nearest' });
}

// Logged in: who, a Log out button, and the announcement form for admins only.
function showUser() {
  userText.textContent = me?.user ?? 'nobody';
  loginForm.hidden = me !== null;
  logoutButton.hidden = me === null;
  announceForm.hidden = !me?.roles.includes('ADMIN');
}

function describeSender(message) {
  if (message.target === 'announcement') {
    return 'Announcement';
  }
  return message.from === me?.user ? 'you' : message.from;
}

function describeTarget(message) {
  switch (message.target) {
    case 'all': return 'to everyone';
    case 'caller': return 'to yourself';
    case 'others': return 'to everyone else';
    case 'connection': return 'to you only';
    case 'user': return 'to you, in every tab';
    case 'group': return `to group ${message.group}`;
    case 'announcement': return 'to everyone';
    default: return `to ${message.target}`;
  }
}

function showGroups(groups) {
  myGroups = groups;
  myGroupsText.textContent = groups.length > 0 ? groups.join(', ') : 'no group';
}

// One entry in the "To" list per user and per other connection, kept in step with the hub.
function showConnections(connections) {
  const chosen = targetSelect.selectedOptions[0];
  const options = connections.filter((connection) => connection.connectionId !== myConnectionId)
    .map((connection) => targetOption(connection.connectionId,
      `${connection.user} · ${connection.connectionId.slice(0, 8)} · ${connection.instance}`));
  const users = [...new Set(connections.map((connection) => connection.user))].sort()
    .map((user) => targetOption(`user:${user}`, user));
  keepChosenIfGone(chosen, connectionTargets, options);
  keepChosenIfGone(chosen, userTargets, users);
  connectionTargets.replaceChildren(...options);
  userTargets.replaceChildren(...users);
  targetSelect.value = chosen.value;
  knownConnections = connections;
  if (lastStats) {
    showStats(lastStats);
  }
}

function targetOption(value, label) {
  const option = document.createElement('option');
  option.value = value;
  option.textContent = label;
  return option;
}

// A private message must never turn into a broadcast: when the chosen target leaves, it
// stays chosen, marked as gone, and the hub answers a message to it with an error.
function keepChosenIfGone(chosen, list, options) {
  if (chosen.parentElement === list && !options.some((option) => option.value === chosen.value)) {
    chosen.textContent = chosen.textContent.replace(/( \(left\))?$/, ' (left)');
    chosen.dataset.left = 'true';
    options.push(chosen);
  }
}

// A target that left stays in the list only while it is chosen.
function forgetTargetsThatLeft() {
  targetSelect.querySelectorAll('option[data-left]').forEach((option) => {
    if (!option.selected) {
      option.remove();
    }
  });
}

function showStats(stats) {
  const messages = stats.messagesPerMinute === 1 ? '1 message' : `${stats.messagesPerMinute} messages`;
  const clustered = myInstance !== null
    && knownConnections.some((connection) => connection.instance !== myInstance);
  const where = clustered ? ' in the cluster' : '';
  lastStats = stats;
  statsText.textContent = `${connectionsText(stats.connections)}${where} · ${messages} in the last minute on this instance`;
  clusterWarning.hidden = stats.clusterReachable;
}

function showCount() {
  const length = messageInput.value.length;
  messageCount.textContent = `${length.toLocaleString('en')} / ${MAX_TEXT_LENGTH.toLocaleString('en')}`;
  messageCount.dataset.over = length > MAX_TEXT_LENGTH;
}

function showSendResult(text) {
  sendError.hidden = true;
  sendResult.textContent = text;
}

function showSendError(detail) {
  sendResult.textContent = '';
  sendError.textContent = detail;
  sendError.hidden = false;
  sendError.scrollIntoView({ block: 'nearest' });
}

function showGroupError(detail) {
  groupError.textContent = detail;
  groupError.hidden = false;
  groupError.scrollIntoView({ block: 'nearest' });
}

function showAnnounceError(detail) {
  announceResult.textContent = '';
  announceError.textContent = detail;
  announceError.hidden = false;
  announceError.scrollIntoView({ block: 'nearest' });
}

function showLoginError(detail) {
  loginError.textContent = detail;
  loginError.hidden = false;
  loginError.scrollIntoView({ block: 'nearest' });
}

function showConnectionError(detail) {
  connectionError.textContent = detail;
  connectionError.hidden = false;
}

loginForm.addEventListener('submit', logInAndConnect);
logoutButton.addEventListener('click', () => logOutAndClear());
announceForm.addEventListener('submit', sendAnnouncement);
announceInput.addEventListener('input', () => {
  announceError.hidden = true;
  announceResult.textContent = '';
});
sendForm.addEventListener('submit', sendMessage);
groupForm.addEventListener('submit', joinGroup);
leaveButton.addEventListener('click', leaveGroup);
// An error about what the user typed is no longer true once they change it.
messageInput.addEventListener('input', () => {
  sendError.hidden = true;
  sendResult.textContent = '';
  showCount();
});
targetSelect.addEventListener('change', () => {
  sendError.hidden = true;
  forgetTargetsThatLeft();
});
groupNameInput.addEventListener('input', () => {
  groupError.hidden = true;
  sendError.hidden = true;
});
showCount();
showStatus('logged out', null);
