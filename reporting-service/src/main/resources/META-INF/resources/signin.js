// OIDC sign-in for the dashboard: the authorization-code flow with PKCE (S256, WebCrypto) run in the browser against
// the issuer and public client named by dashboard/config.json (the issuer whose tokens the report API accepts).
// The tokens stay in this page's memory only: a reload signs in again, without a form while the identity provider's
// session lasts. Only the PKCE verifier, the state and the nonce wait in sessionStorage across the redirect.
// The access token is refreshed 30 s before it expires; when that fails, the page signs in again.
'use strict';

const Auth = (() => {
  const FLOW = 'ts-oidc-flow';
  const SIGNED_OUT = 'ts-signed-out';
  let config = {};
  let endpoints = null;
  let tokens = null; // { access, refresh, idToken, expiresAt, claims }
  let timer = null;
  let error = null;

  function b64url(bytes) {
    let text = '';
    new Uint8Array(bytes).forEach(b => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function random(bytes) {
    return b64url(crypto.getRandomValues(new Uint8Array(bytes)));
  }

  async function challenge(verifier) {
    return b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  }

  /** The claims of a JWT (not verified here: the report API verifies every token it receives). */
  function claims(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return {};
    }
  }

  /** The page's own address without query or fragment: the redirect URI registered for the client. */
  function redirectUri() {
    return location.origin + location.pathname.replace(/[^/]*$/, '');
  }

  async function discover() {
    if (endpoints) return endpoints;
    try {
      const response = await fetch(config.issuer + '/.well-known/openid-configuration');
      if (!response.ok) throw new Error('HTTP ' + response.status);
      endpoints = await response.json();
    } catch (e) {
      // Keycloak's endpoints, when the discovery document cannot be read
      const base = config.issuer + '/protocol/openid-connect';
      endpoints = {
        authorization_endpoint: base + '/auth',
        token_endpoint: base + '/token',
        end_session_endpoint: base + '/logout',
      };
    }
    return endpoints;
  }

  async function tokenRequest(params) {
    const ep = await discover();
    const response = await fetch(ep.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(Object.assign({ client_id: config.client_id }, params)),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) {
      throw new Error('sign-in failed: ' + (body.error_description || body.error || 'HTTP ' + response.status));
    }
    return body;
  }

  function keep(body, nonce) {
    const idToken = body.id_token || (tokens && tokens.idToken);
    const idClaims = idToken ? claims(idToken) : {};
    if (nonce && idClaims.nonce !== nonce) {
      throw new Error('sign-in failed: the identity token does not answer this page\'s request');
    }
    tokens = {
      access: body.access_token,
      refresh: body.refresh_token,
      idToken,
      expiresAt: Date.now() + (body.expires_in || 300) * 1000,
      claims: Object.assign({}, claims(body.access_token), idClaims),
    };
    clearTimeout(timer);
    const inMs = Math.max(5000, (body.expires_in || 300) * 1000 - 30000);
    timer = setTimeout(refresh, inMs);
  }

  async function refresh() {
    if (!tokens) return;
    try {
      if (!tokens.refresh) throw new Error('no refresh token');
      keep(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh }));
    } catch (e) {
      tokens = null;
      signIn(); // the identity provider's session may still hold: then no form is shown
    }
  }

  /** The answer of the identity provider (?code=&state= or ?error=) when the page comes back from it. */
  async function callback() {
    const query = new URLSearchParams(location.search);
    if (!query.has('state') || !(query.has('code') || query.has('error'))) return;
    const flow = JSON.parse(sessionStorage.getItem(FLOW) || '{}');
    sessionStorage.removeItem(FLOW);
    history.replaceState(null, '', location.pathname + (flow.hash || ''));
    if (query.get('state') !== flow.state) {
      throw new Error('sign-in failed: the answer does not match this page\'s request');
    }
    if (query.has('error')) {
      throw new Error('sign-in failed: ' + (query.get('error_description') || query.get('error')));
    }
    keep(await tokenRequest({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: redirectUri(),
      code_verifier: flow.verifier,
    }), flow.nonce);
  }

  /** Reads the sign-in settings and completes a sign-in the identity provider sent back; never throws. */
  async function init() {
    try {
      const response = await fetch('dashboard/config.json', { headers: { Accept: 'application/json' } });
      config = response.ok ? await response.json() : {};
      await callback();
    } catch (e) {
      error = e.message;
    }
  }

  /** Leaves for the identity provider's sign-in; it comes back to this page with a code. */
  async function signIn() {
    if (!configured()) return;
    sessionStorage.removeItem(SIGNED_OUT);
    const verifier = random(32);
    const flow = { verifier, state: random(16), nonce: random(16), hash: location.hash };
    sessionStorage.setItem(FLOW, JSON.stringify(flow));
    const ep = await discover();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: config.client_id,
      redirect_uri: redirectUri(),
      scope: config.scope || 'openid',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await challenge(verifier),
      code_challenge_method: 'S256',
    });
    location.assign(ep.authorization_endpoint + '?' + query);
  }

  /** Forgets the tokens and ends the identity provider's session; the page then waits for a click to sign in. */
  async function signOut() {
    const idToken = tokens && tokens.idToken;
    tokens = null;
    clearTimeout(timer);
    sessionStorage.setItem(SIGNED_OUT, '1');
    sessionStorage.removeItem('ts-token');
    if (!configured()) {
      location.reload();
      return;
    }
    const ep = await discover();
    if (!ep.end_session_endpoint) {
      location.reload();
      return;
    }
    const query = new URLSearchParams({ client_id: config.client_id, post_logout_redirect_uri: redirectUri() });
    if (idToken) query.set('id_token_hint', idToken);
    location.assign(ep.end_session_endpoint + '?' + query);
  }

  function configured() {
    return Boolean(config.issuer && config.client_id);
  }

  return {
    init,
    signIn,
    signOut,
    configured,
    /** The access token of the signed-in user, null when nobody signed in through the identity provider. */
    accessToken: () => (tokens && tokens.expiresAt > Date.now() ? tokens.access : null),
    claims: () => (tokens ? tokens.claims : null),
    signedOut: () => sessionStorage.getItem(SIGNED_OUT) === '1',
    error: () => error,
    issuer: () => config.issuer,
    // for a headless test of the PKCE pieces
    _challenge: challenge,
    _claims: claims,
  };
})();
