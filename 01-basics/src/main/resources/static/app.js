// The chat page: shows the connection and the messages, and sends what the user types.
import { connect, invoke } from './hub.js';

// The hub refuses longer texts (SendMessageRequest.MAX_TEXT_LENGTH).
const MAX_TEXT_LENGTH = 4000;

const statusText = document.getElementById('status');
const connectionIdText = document.getElementById('connection-id');
const connectionError = document.getElementById('connection-error');
const messageList = document.getElementById('messages');
const sendForm = document.getElementById('send-form');
const messageInput = document.getElementById('message-text');
const sendButton = document.getElementById('send-button');
const messageCount = document.getElementById('message-count');
const sendResult = document.getElementById('send-result');
const sendError = document.getElementById('send-error');

let connected = false;
let sending = false;

// The text stays in the box until the hub has accepted it: a refused or unconfirmed
// message is never lost.
async function sendMessage(event) {
  event.preventDefault();
  const text = messageInput.value;
  if (!text.trim()) {
    showSendError('Type a message first.');
    return;
  }
  if (text.length > MAX_TEXT_LENGTH) {
    showSendError(`The message is ${text.length - MAX_TEXT_LENGTH} characters too long.`);
    return;
  }
  showSending(true);
  try {
    await invoke('sendMessageToAll', { text });
    messageInput.value = '';
    showCount();
    showSendResult('Sent to everyone.');
  }
  catch (error) {
    showSendError(error.detail);
  }
  finally {
    showSending(false);
    messageInput.focus();
  }
}

function showStatus(state, connectionId) {
  connected = state === 'connected';
  statusText.textContent = state;
  statusText.dataset.state = state;
  connectionIdText.textContent = connectionId ?? 'none yet';
  if (connected) {
    connectionError.hidden = true;
  }
  showSending(sending);
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
  from.textContent = message.from === connectionId ? 'you' : message.from.slice(0, 8);
  from.title = message.from;

  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;

  item.append(time, from, text);
  messageList.append(item);
  item.scrollIntoView({ block: 'nearest' });
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

function showConnectionError(detail) {
  connectionError.textContent = detail;
  connectionError.hidden = false;
}

sendForm.addEventListener('submit', sendMessage);
// An error about the text is no longer true once the text changes.
messageInput.addEventListener('input', () => {
  sendError.hidden = true;
  sendResult.textContent = '';
  showCount();
});
showCount();
connect({ onStatus: showStatus, onMessage: showMessage, onError: showConnectionError });
