// The announcement page. Posting the form needs an admin's access token in the
// Authorization header, which a plain HTML form cannot send: this script logs in, then
// posts the form with fetch and shows the page the server redirects to.
const form = document.getElementById('announcement-form');
const refused = document.getElementById('refused');

// The outcome of the last post, which the server reports in the address it redirects to
// (/announcement?sent or /announcement?rejected).
const outcome = new URLSearchParams(location.search);
for (const id of ['sent', 'rejected']) {
  document.getElementById(id).hidden = !outcome.has(id);
}

async function announce(event) {
  event.preventDefault();
  const fields = new FormData(form);
  const login = await fetch('/token', {
    method: 'POST',
    body: new URLSearchParams({ username: fields.get('username'), password: fields.get('password') }),
  });
  if (!login.ok) {
    showRefused('Wrong username or password.');
    return;
  }
  const { access_token: token } = await login.json();
  const response = await fetch('/announcement', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: new URLSearchParams({ text: fields.get('text') }),
  });
  if (response.status === 403) {
    showRefused('Only an admin may send announcements.');
    return;
  }
  // fetch followed the 303 to /announcement?sent (or ?rejected): show that page.
  location.assign(response.url);
}

function showRefused(reason) {
  refused.textContent = reason;
  refused.hidden = false;
}

form.addEventListener('submit', announce);
