// The one way the app talks to the API: JSON in and out, the CSRF header on cookie-authenticated
// writes, and RFC 9457 problem+json replies turned into a typed ApiProblem.

export interface FieldProblem {
  path: string;
  message: string;
}

/** An error reply of the API (or a network failure, status 0), as the pages show it. */
export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  /** A finer stable code under the type (e.g. which rule of an uploaded file failed). */
  readonly reason: string | undefined;
  /** The values the detail names (columns, limits …), to write the message in the reader's language. */
  readonly params: Record<string, string | number>;

  constructor(init: {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: FieldProblem[];
    reason?: string;
    params?: Record<string, string | number>;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiProblem';
    this.type = init.type;
    this.title = init.title;
    this.status = init.status;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.reason = init.reason;
    this.params = init.params ?? {};
  }

  /** The code of the type: `bulk-file-refused` for `/problems/bulk-file-refused`. */
  get code(): string {
    return this.type.replace(/^.*\/problems\//, '');
  }

  /** True when the problem's type is `/problems/<code>` (relative or absolute URI). */
  is(code: string): boolean {
    return this.type === `/problems/${code}` || this.type.endsWith(`/problems/${code}`);
  }

  /** Field messages keyed by the field's name in the form (`body.password` → `password`). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { path, message } of this.errors) {
      const field = path.replace(/^(body|querystring|params)\./, '');
      byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
    }
    return byField;
  }
}

export const NETWORK_PROBLEM_TYPE = '/problems/network';

/** Builds an ApiProblem from a reply's status and parsed body, whatever shape the body has. */
export function toApiProblem(status: number, body: unknown): ApiProblem {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value ? value : undefined;
  const errors = Array.isArray(record.errors)
    ? record.errors.flatMap((item): FieldProblem[] => {
        const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
        const path = text(entry.path);
        const message = text(entry.message);
        return path !== undefined && message !== undefined ? [{ path, message }] : [];
      })
    : [];
  const params =
    typeof record.params === 'object' && record.params !== null
      ? Object.fromEntries(
          Object.entries(record.params as Record<string, unknown>).filter(
            (entry): entry is [string, string | number] =>
              typeof entry[1] === 'string' || typeof entry[1] === 'number',
          ),
        )
      : {};
  return new ApiProblem({
    type: text(record.type) ?? 'about:blank',
    title: text(record.title) ?? `HTTP ${status}`,
    status: typeof record.status === 'number' ? record.status : status,
    detail: text(record.detail),
    errors,
    reason: text(record.reason),
    params,
  });
}

let csrfToken: string | null = null;

/** Remembered from the login or session reply; sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** 'blob': resolve with the body as a Blob (an image), not parsed JSON. */
  as?: 'blob';
}

/** Calls the API; resolves with the parsed JSON (undefined for 204), rejects with an ApiProblem. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  // A FormData body (a file upload) sets its own multipart Content-Type with the boundary.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: isForm
        ? (options.body as FormData)
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem({
      type: NETWORK_PROBLEM_TYPE,
      title: 'Network error',
      status: 0,
      detail: String(error),
    });
  }
  if (response.ok && options.as === 'blob') return (await response.blob()) as T;
  const body = await readBody(response);
  if (!response.ok) throw toApiProblem(response.status, body);
  return body as T;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
