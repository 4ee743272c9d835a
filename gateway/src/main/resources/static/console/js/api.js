// The console's only way to the platform: the gateway's REST API, with the key from this tab's sessionStorage in
// the Authorization header. The key is never put in a URL (no query parameter, no EventSource) nor logged.

const KEY = 'dcp.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** A refusal: the HTTP status and the problem document (RFC 9457) the API answered with. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }

  /** [{field, message}] for a 400, else []. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function headers(key, extra = {}) {
  const h = {Accept: 'application/json', ...extra};
  if (key) h.Authorization = 'Bearer ' + key;
  return h;
}

/** One call: api('/jobs', {method: 'POST', body: spec}); resolves to the parsed JSON, rejects with ApiError. */
export async function api(path, {method = 'GET', body, key = session.key(), signal} = {}) {
  const init = {method, headers: headers(key), signal, cache: 'no-store', credentials: 'omit'};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch('/api/v1' + path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, {title: 'Unreachable', detail: 'The gateway cannot be reached: ' + e.message});
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = {title: 'Not JSON', detail: text.slice(0, 200)};
    }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Stores a file (a Blob) as an object: its bytes as the body, application/octet-stream; resolves to the resource. */
export async function uploadObject(file, {key = session.key(), signal} = {}) {
  const response = await fetch('/api/v1/objects', {
    method: 'POST', headers: headers(key, {'Content-Type': 'application/octet-stream'}), body: file, signal,
    cache: 'no-store', credentials: 'omit',
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * Reads a text/event-stream with fetch() and a stream reader, since EventSource cannot send the Authorization
 * header. Calls onEvent(name, data) per event (data parsed as JSON); resolves when the server ends the stream.
 */
export async function streamEvents(path, onEvent, {key = session.key(), signal} = {}) {
  const response = await fetch('/api/v1' + path, {
    headers: headers(key, {Accept: 'text/event-stream'}), signal, cache: 'no-store', credentials: 'omit',
  });
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(response.status, text ? JSON.parse(text) : null);
  }
  const parser = new EventStreamParser(onEvent);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    parser.push(value);
  }
  parser.push('\n\n');
}

/** The HTML living standard's event-stream format: event:, data:, comments (:), a blank line dispatches. */
export class EventStreamParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.name = '';
    this.data = [];
  }

  push(chunk) {
    this.buffer += chunk;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop(); // an unfinished line waits for the next chunk
    for (const line of lines) this.line(line);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        const raw = this.data.join('\n');
        let data = raw;
        try {
          data = JSON.parse(raw);
        } catch {
          // not JSON: handed over as text
        }
        this.onEvent(this.name || 'message', data);
      }
      this.name = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.name = value;
    else if (field === 'data') this.data.push(value);
  }
}

/** Every page of a list: {items, nextCursor}. At most `max` items. */
export async function allPages(path, {max = 500, signal} = {}) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api(path + (cursor ? sep + 'cursor=' + encodeURIComponent(cursor) : ''), {signal});
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Who a key belongs to: a tenant has an account; the admin has none but may read the credit audit. */
export async function identify(key) {
  await api('/kinds', {key}); // 401 here: the key is not valid
  try {
    const account = await api('/accounts/me', {key});
    return {role: account.role, account};
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 0 || e.status === 401) throw e;
  }
  await api('/audit/credits', {key}); // 403 for a tenant key, which accounts/me would have answered
  return {role: 'admin'};
}
