// The chat page: connects to the hub, shows what arrives, sends what the user types.
import { Client } from '/webjars/stomp__stompjs/esm6/index.js';

const statusText = document.getElementById('status');
const connectionIdText = document.getElementById('connection-id');
const messageList = document.getElementById('messages');
const sendForm = document.getElementById('send-form');
const messageInput = document.getElementById('message-text');
const sendButton = document.getElementById('send-button');
const errorText = document.getElementById('error');

let connectionId = null;

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
  client.subscribe('/user/queue/errors', (frame) => showError(JSON.parse(frame.body).detail));
  showStatus('connected');
}

function sendMessage(event) {
  event.preventDefault();
  const text = messageInput.value;
  if (!text.trim()) {
    return;
  }
  client.publish({ destination: '/app/sendMessageToAll', body: JSON.stringify({ text }) });
  messageInput.value = '';
  messageInput.focus();
}

function showStatus(state) {
  statusText.textContent = state;
  statusText.dataset.state = state;
  sendButton.disabled = state !== 'connected';
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
  from.textContent = message.from === connectionId ? 'you' : message.from.slice(0, 8);
  from.title = message.from;

  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;

  item.append(time, from, text);
  messageList.append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function showError(detail) {
  errorText.textContent = detail;
  errorText.hidden = false;
}

sendForm.addEventListener('submit', sendMessage);
messageInput.addEventListener('input', () => { errorText.hidden = true; });
connect();
