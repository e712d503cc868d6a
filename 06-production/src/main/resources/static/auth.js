// Logging in: POST /token with a username and password gives an access token, and
// POST /token/refresh a fresh one before it expires, so that the page never keeps the
// password. The token lives in this module only, not in localStorage or a cookie, so it
// is gone when the page closes and no other page or script can read it back.

let session = null;
let refreshTimer = null;
let refreshing = null;
let connectionToKeep = null;

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
  clearInterval(refreshTimer);
  refreshTimer = null;
  session = null;
}

// SignalR's accessTokenFactory: asked for a token before every connect and reconnect,
// a fresh one if the timer below has not got it yet (a sleeping laptop stops timers).
// Null once the session has ended: then only logging in again helps.
export async function accessTokenFactory() {
  if (session && Date.now() >= session.refreshAt) {
    await refreshOnce();
  }
  return session && Date.now() < session.expiresAt ? session.token : null;
}

// The open connection a refresh keeps open: the server then lets it live as long as the
// fresh token, so the page does not have to reconnect, and loses nothing.
export function keepConnection(connectionId) {
  connectionToKeep = connectionId;
}

// A fresh token once three quarters of this one's life have passed, well before it
// expires, so that a reconnect never waits for one. The page looks at the clock every
// second instead of setting a timer minutes ahead, which a sleeping laptop would hold up.
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
  refreshTimer ??= setInterval(() => {
    if (session && Date.now() >= session.refreshAt) {
      refreshOnce();
    }
  }, 1000);
}

// One refresh at a time: the clock and a reconnect may both ask for one.
function refreshOnce() {
  refreshing ??= refresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

// A 401 ends the session: the login is older than the server allows, or the user is gone.
// Any other failure keeps the token, and tries again five seconds later.
async function refresh() {
  const current = session;
  let response;
  try {
    response = await fetch('/token/refresh', {
      method: 'POST',
      headers: { Authorization: `Bearer ${current.token}` },
      body: new URLSearchParams(connectionToKeep ? { connectionId: connectionToKeep } : {}),
    });
  }
  catch {
    current.refreshAt = Date.now() + 5000;
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
  else {
    current.refreshAt = Date.now() + 5000;
  }
}

// The token's middle part is base64url-encoded JSON. Reading it is fine; trusting it is
// the server's job, which checks the signature.
function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}
