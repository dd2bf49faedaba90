// The REST API client of the web app. The session cookie goes with every request (same origin);
// every request that changes something carries the session's CSRF token. An answer outside 2xx
// throws an ApiError with the API's message and the path of the problem.

let csrfToken = null;
const listeners = {signedOut: []};

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when the API answers 401: the session ended (signed out elsewhere, timed out, server restarted). */
export function onSignedOut(listener) {
  listeners.signedOut.push(listener);
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ('the server answered ' + status));
    this.status = status;
    this.code = body && body.error;
    this.path = body && body.path;
    this.problems = (body && body.problems) || [];
  }
}

/** api('GET', '/api/audiences') → the parsed JSON answer (null for 204). */
export async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const answer = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/session') {
      listeners.signedOut.forEach(listener => listener());
    }
    throw new ApiError(response.status, typeof answer === 'object' ? answer : {message: answer});
  }
  return answer;
}

/** A query string from an object, leaving out null and undefined values: query({limit: 10}) → '?limit=10'. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(key, value);
    }
  }
  const text = search.toString();
  return text ? '?' + text : '';
}
