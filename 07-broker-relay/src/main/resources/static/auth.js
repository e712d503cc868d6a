// Logging in: POST /token with a username and password gives an access token, and
// POST /token/refresh a fresh one before it expires, so that the page never keeps the
// password. The token lives in this module only, not in localStorage or a cookie, so it
// is gone when the page closes and no other page or script can read it back.

let session = null;
let refreshTimer = null;

// Resolves with {user, roles}, or rejects with a sentence to show the user.
export async function logIn(username, password) {
  let response;
  try {
    response = await fetch('/token', { method: 'POST', body: new URLSearchParams({ username, password }) });
  }
  catch {
    throw new Error('The server cannot be reached. Try again in a moment.');
  }
  if (response.status === 429) {
    throw new Error((await response.json()).detail);
  }
  if (!response.ok) {
    throw new Error(response.status === 401 ? 'Wrong username or password.' : 'The server could not log you in.');
  }
  startSession(await response.json());
  return { user: session.user, roles: session.roles };
}

export function logOut() {
  clearTimeout(refreshTimer);
  session = null;
}

// SignalR's accessTokenFactory: asked for a token before every connect and reconnect,
// a fresh one if the timer below has not got it yet (a sleeping laptop stops timers).
// Null once the session has ended: then only logging in again helps.
export async function accessTokenFactory() {
  if (session && Date.now() >= session.refreshAt) {
    await refresh();
  }
  return session && Date.now() < session.expiresAt ? session.token : null;
}

// A fresh token once three quarters of this one's life have passed, well before it
// expires, so that a reconnect never waits for one.
function startSession({ access_token: token, expires_in: expiresIn }) {
  const claims = claimsOf(token);
  const now = Date.now();
  session = {
    token,
    user: claims.sub,
    roles: claims.roles ?? [],
    refreshAt: now + expiresIn * 750,
    expiresAt: now + expiresIn * 1000,
  };
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, expiresIn * 750);
}

// A 401 ends the session: the login is older than the server allows, or the user is gone.
// Any other failure keeps the token, to try again at the next reconnect.
async function refresh() {
  const current = session;
  let response;
  try {
    response = await fetch('/token/refresh', { method: 'POST', headers: { Authorization: `Bearer ${current.token}` } });
  }
  catch {
    return;
  }
  if (session !== current) {
    return; // Logged out, or in as someone else, while the answer was on its way.
  }
  if (response.ok) {
    startSession(await response.json());
  }
  else if (response.status === 401) {
    logOut();
  }
}

// The token's middle part is base64url-encoded JSON. Reading it is fine; trusting it is
// the server's job, which checks the signature.
function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}
