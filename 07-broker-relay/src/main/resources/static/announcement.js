// The announcement page. Posting the form needs an admin's access token in the
// Authorization header, which a plain HTML form cannot send: this script logs in, then
// posts the form in the background with the token. The server answers with a redirect
// to /announcement?sent or /announcement?rejected; a refused text stays in the box.
import { accessTokenFactory, logIn, logOut } from './auth.js';

const MAX_TEXT_LENGTH = 4000;
const TEXT_RULE = 'Not sent: the text must be 1 to 4,000 characters.';

const loginForm = document.getElementById('login-form');
const usernameInput = document.getElementById('username');
const passwordInput = document.getElementById('password');
const loginError = document.getElementById('login-error');
const loggedIn = document.getElementById('logged-in');
const userText = document.getElementById('user');
const form = document.getElementById('announcement-form');
const textInput = document.getElementById('announcement-text');
const count = document.getElementById('announcement-count');
const sendButton = document.getElementById('announce-button');
const sent = document.getElementById('sent');
const rejected = document.getElementById('rejected');

async function logInForAnnouncements(event) {
  event.preventDefault();
  try {
    const { user } = await logIn(usernameInput.value, passwordInput.value);
    userText.textContent = user;
    showLoggedIn(true);
    textInput.focus();
  }
  catch (error) {
    showLoginError(error.message);
    passwordInput.focus();
  }
  finally {
    passwordInput.value = '';
  }
}

async function announce(event) {
  event.preventDefault();
  const text = textInput.value;
  if (!text.trim() || text.length > MAX_TEXT_LENGTH) {
    showOutcome('rejected');
    return;
  }
  const token = await accessTokenFactory();
  if (!token) {
    logOut();
    showLoggedIn(false);
    showLoginError('Your session has ended. Please log in again.');
    usernameInput.focus();
    return;
  }
  sendButton.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: new URLSearchParams({ text }),
    });
    if (response.status === 403) {
      showOutcome('rejected', 'Not sent: only an admin may send announcements.');
      return;
    }
    // fetch followed the redirect: the address it ends at tells the outcome.
    const outcome = new URL(response.url).search.slice(1);
    if (outcome !== 'sent' && outcome !== 'rejected') {
      // Not the hub's answer: an error on the way, from the server or a proxy.
      showOutcome('rejected', `Not sent: the server answered ${response.status}. Your text is still in the box.`);
      return;
    }
    if (outcome === 'sent') {
      textInput.value = '';
      showCount();
    }
    showOutcome(outcome);
  }
  catch {
    showOutcome('rejected', 'Not sent: the server could not be reached. Your text is still in the box.');
  }
  finally {
    sendButton.disabled = false;
    textInput.focus();
  }
}

function showLoggedIn(yes) {
  loginForm.hidden = yes;
  loggedIn.hidden = !yes;
  form.hidden = !yes;
  loginError.hidden = true;
}

function showLoginError(detail) {
  loginError.textContent = detail;
  loginError.hidden = false;
}

function showOutcome(outcome, detail = TEXT_RULE) {
  sent.hidden = outcome !== 'sent';
  rejected.hidden = outcome !== 'rejected';
  rejected.textContent = detail;
}

function showCount() {
  count.textContent = `${textInput.value.length.toLocaleString('en')} / ${MAX_TEXT_LENGTH.toLocaleString('en')}`;
  count.dataset.over = textInput.value.length > MAX_TEXT_LENGTH;
}

loginForm.addEventListener('submit', logInForAnnouncements);
form.addEventListener('submit', announce);
// In a text area Enter starts a new line; Ctrl+Enter (Cmd+Enter on a Mac) sends.
textInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    form.requestSubmit();
  }
});
textInput.addEventListener('input', () => {
  showOutcome(null);
  showCount();
});
showCount();
