import type { App } from './app.js';
import type { Answer } from './respond.js';
import type { BodyRead } from './router.js';

/**
 * Calls the app without a port, as `fetch` would: the same answers the socket gets (hot path
 * first, then the router), turned into a `Response`. `env.incoming.url` stands for the raw
 * request target a socket would carry, which a `Request` URL has already normalized.
 */
export async function requestOf(
  app: App,
  input: string,
  init?: RequestInit,
  env?: { incoming?: { url?: string } },
): Promise<Response> {
  const url = new URL(input, 'http://localhost');
  const request = new Request(url, init);
  const target = env?.incoming?.url ?? `${url.pathname}${url.search}`;
  const headers = Object.fromEntries(request.headers);
  const answer =
    app.hot(request.method, target, headers) ??
    (await app.answer({
      method: request.method,
      target,
      headers,
      body: (limit) => readLimited(request, limit),
    }));
  if (!answer) throw new Error('the app gave no answer to an in-process request');
  return toResponse(answer, request.method);
}

/** A `Response` of an answer; HEAD, 204 and 304 carry no body. */
export function toResponse(answer: Answer, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i < answer.headers.length; i += 2)
    headers.append(answer.headers[i] as string, answer.headers[i + 1] as string);
  const bodyless = method === 'HEAD' || answer.status === 204 || answer.status === 304;
  const body = bodyless || !answer.body ? null : new Uint8Array(answer.body);
  return new Response(body, { status: answer.status, headers });
}

/** Reads a request body, cancelling the stream past `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) return { tooLarge: true };
  if (!request.body) return { bytes: new ArrayBuffer(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { bytes: bytes.buffer };
}
