// The announcement page. Without this script the form still posts, and the server answers
// with a redirect to /announcement?sent or /announcement?rejected (which only this script
// shows). With it, the form is posted in the background, so that a refused text stays in
// the box to be corrected.
const MAX_TEXT_LENGTH = 4000;

const form = document.getElementById('announcement-form');
const textInput = document.getElementById('announcement-text');
const count = document.getElementById('announcement-count');
const sendButton = document.getElementById('announce-button');
const sent = document.getElementById('sent');
const rejected = document.getElementById('rejected');

async function announce(event) {
  event.preventDefault();
  const text = textInput.value;
  if (!text.trim() || text.length > MAX_TEXT_LENGTH) {
    showOutcome('rejected');
    return;
  }
  sendButton.disabled = true;
  try {
    // fetch follows the redirect: the address it ends at tells the outcome.
    const response = await fetch(form.action, { method: 'POST', body: new URLSearchParams({ text }) });
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

function showOutcome(outcome, detail = 'Not sent: the text must be 1 to 4,000 characters.') {
  sent.hidden = outcome !== 'sent';
  rejected.hidden = outcome !== 'rejected';
  rejected.textContent = detail;
}

function showCount() {
  count.textContent = `${textInput.value.length.toLocaleString('en')} / ${MAX_TEXT_LENGTH.toLocaleString('en')}`;
  count.dataset.over = textInput.value.length > MAX_TEXT_LENGTH;
}

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
showOutcome(new URLSearchParams(location.search).keys().next().value);
showCount();
