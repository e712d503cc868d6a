// The chat page: shows the connection, the messages, who else is connected and the hub's
// statistics, sends what the user types to the target they chose, and joins and leaves
// groups.
import { connect, invoke } from './hub.js';

// The hub refuses longer texts (SendMessageRequest.MAX_TEXT_LENGTH) and other group
// names (GroupRequest.GROUP_NAME).
const MAX_TEXT_LENGTH = 4000;
const GROUP_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const statusText = document.getElementById('status');
const connectionIdText = document.getElementById('connection-id');
const connectionError = document.getElementById('connection-error');
const messageList = document.getElementById('messages');
const sendForm = document.getElementById('send-form');
const targetSelect = document.getElementById('target');
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

let connected = false;
let sending = false;
let myConnectionId = null;
// The groups of this connection, as the hub last said, and those to join again after a
// reconnect the user did not ask for: the hub forgets a connection's groups when it closes.
let myGroups = [];
let groupsToRejoin = [];

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
    default: return ['sendMessageToConnection', { connectionId: target, text }];
  }
}

// What the hub did with the message, in words.
function describeSent(target, group, count) {
  switch (target) {
    case 'all': return `Sent to everyone: ${connectionsText(count)}.`;
    case 'caller': return 'Sent to you.';
    case 'others': return count === 0 ? 'Nobody else is connected.' : `Sent to ${connectionsText(count)}.`;
    case 'group': return count === 0 ? `Nobody is in group ${group}.` : `Sent to ${connectionsText(count)} in group ${group}.`;
    default: return 'Sent to that connection.';
  }
}

function connectionsText(count) {
  return count === 1 ? '1 connection' : `${count} connections`;
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

function showStatus(state, connectionId) {
  connected = state === 'connected';
  if (state === 'reconnecting' && myGroups.length > 0) {
    groupsToRejoin = myGroups;
  }
  myConnectionId = connectionId;
  statusText.textContent = state;
  statusText.dataset.state = state;
  connectionIdText.textContent = connectionId ?? 'none yet';
  if (connected) {
    connectionError.hidden = true;
  }
  else {
    // The hub's numbers come again once it is connected; until then they are not known.
    statsText.textContent = 'Statistics after connecting';
  }
  joinButton.disabled = !connected;
  leaveButton.disabled = !connected;
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
function showMessage(message, connectionId) {
  const item = document.createElement('li');
  item.className = 'message';
  item.dataset.from = message.from;
  item.dataset.target = message.target;

  const time = document.createElement('time');
  time.dateTime = message.sentAt;
  time.textContent = new Date(message.sentAt).toLocaleTimeString();

  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = describeSender(message, connectionId);
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

function describeSender(message, connectionId) {
  if (message.target === 'announcement') {
    return 'Announcement';
  }
  return message.from === connectionId ? 'you' : message.from.slice(0, 8);
}

function describeTarget(message) {
  switch (message.target) {
    case 'all': return 'to everyone';
    case 'caller': return 'to yourself';
    case 'others': return 'to everyone else';
    case 'connection': return 'to you only';
    case 'group': return `to group ${message.group}`;
    case 'announcement': return 'to everyone';
    default: return `to ${message.target}`;
  }
}

function showGroups(groups) {
  myGroups = groups;
  myGroupsText.textContent = groups.length > 0 ? groups.join(', ') : 'no group';
}

// One entry in the "To" list per other connection, kept in step with the hub.
function showConnections(connections) {
  const chosen = targetSelect.selectedOptions[0];
  const options = connections.filter((connection) => connection.connectionId !== myConnectionId).map((connection) => {
    const option = document.createElement('option');
    option.value = connection.connectionId;
    option.textContent = connection.connectionId.slice(0, 8);
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
  statsText.textContent = `${connectionsText(stats.connections)} · ${messages} in the last minute`;
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

function showConnectionError(detail) {
  connectionError.textContent = detail;
  connectionError.hidden = false;
}

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
connect({
  onStatus: showStatus,
  onMessage: showMessage,
  onGroups: showGroups,
  onConnections: showConnections,
  onStats: showStats,
  onError: showConnectionError,
});
