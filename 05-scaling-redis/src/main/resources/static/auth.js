// Logging in: POST /token with a username and password gives an access token. The token
// lives in this module only, not in localStorage or a cookie, so it is gone when the page
// closes and no other page or script can read it back.

let session = null;

// Resolves with {user, roles}, or rejects with a sentence to show the user.
export async function logIn(username, password) {
  let response;
  try {
    response = await fetch('/token', { method: 'POST', body: new URLSearchParams({ username, password }) });
  }
  catch {
    throw new Error('The server cannot be reached. Try again in a moment.');
  }
  if (!response.ok) {
    throw new Error(response.status === 401 ? 'Wrong username or password.' : 'The server could not log you in.');
  }
  const { access_token: token, expires_in: expiresIn } = await response.json();
  const claims = claimsOf(token);
  session = { token, user: claims.sub, roles: claims.roles ?? [], expiresAt: Date.now() + expiresIn * 1000 };
  return { user: session.user, roles: session.roles };
}

export function logOut() {
  session = null;
}

// SignalR's accessTokenFactory: asked for a token before every connect and reconnect.
// Null once the token has expired: then only logging in again helps.
export function accessTokenFactory() {
  return session && Date.now() < session.expiresAt ? session.token : null;
}

// The token's middle part is base64url-encoded JSON. Reading it is fine; trusting it is
// the server's job, which checks the signature.
function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}
