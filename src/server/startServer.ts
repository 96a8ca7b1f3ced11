// The dashboard server: node:http on 127.0.0.1 only. Serves the page, the browser bundle and study
// payloads; refuses requests that are not local (peer address and Host header) and study paths
// outside its root directory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { isLocalRequest } from './isLocalRequest.ts';
import { confineStudyPath, RequestError } from './confineStudyPath.ts';
import { errorSentence } from '../locale/errorText.ts';
import type { Label } from '../locale/lang.ts';
import { listStudies } from './listStudies.ts';
import { studyPayload, payloadJson } from './studyPayload.ts';
import { payloadCache } from './payloadCache.ts';
import { buildClient } from './buildClient.ts';
import { dashboardPage } from './dashboardPage.ts';
import { plainWords } from './requestLang.ts';

export interface ServeOptions {
  /** Directory whose study files the picker lists; nothing outside it is served. */
  root: string;
  /** Study opened first, relative to root. */
  study: string;
  port: number;
  lang: 'zh' | 'en';
  /** Logs one line per request when given. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(body);
}
const sendJson = (res: ServerResponse, status: number, v: unknown) => send(res, status, 'application/json', typeof v === 'string' ? v : JSON.stringify(v));

/**
 * startServer(options) → a running dashboard bound to 127.0.0.1 (port 0 = any free port).
 * Routes (GET only): / (page), /app.js, /worker.js (bundle), /api/studies (list under root),
 * /api/study?path=REL (payload; cached per SHA-256 of the study and every file it reads, one computation
 * shared by concurrent requests; paths in bodies relative to the root). Non-local → 403,
 * path outside root → 403, unknown route → 404, other methods → 405, study errors → 422 with the message.
 * Plain-text refusals (403, 404, 405) are in the request's Accept-Language (zh or en), else in both;
 * JSON refusals carry both texts (`texts`) for the page to pick.
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  confineStudyPath(o.root, o.study);
  await buildClient(); // fail at start, not on the first request
  // Payloads per content of the study and every file it reads; one computation for concurrent requests.
  const payloads = payloadCache(async (abs) => {
    const { files, ...payload } = await studyPayload(abs, relative(o.root, abs).split(sep).join('/'));
    return { json: payloadJson(payload), files };
  });
  // Bodies name files relative to the root, never by the server's absolute paths.
  const rootReal = realpathSync(o.root);
  const relativeToRoot = (msg: string) => [rootReal, resolve(o.root)].reduce((m, r) => m.split(`${r}${sep}`).join('').split(r).join('.'), msg);
  let port = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // refusals of requests no page makes, as plain text in the language the request asks for (else both)
    const refuse = (status: number, words: Label) => send(res, status, 'text/plain', plainWords(words, req.headers['accept-language']));
    if (!isLocalRequest(req.socket.remoteAddress, req.headers.host, port)) return refuse(403, { zh: '拒绝：仪表盘只回应本机请求（127.0.0.1、localhost）', en: 'refused: the dashboard answers only local requests (127.0.0.1, localhost)' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, { zh: '不允许该请求方法（只接受 GET 和 HEAD）', en: 'method not allowed (GET and HEAD only)' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if ((req.url ?? '').includes('..')) return refuse(403, { zh: '拒绝：请求路径中含有“..”', en: 'refused: ".." in the request path' });
    switch (url.pathname) {
      case '/':
        return send(res, 200, 'text/html', dashboardPage(o.lang));
      case '/app.js':
      case '/worker.js':
        return send(res, 200, 'text/javascript', (await buildClient())[url.pathname.slice(1) as 'app.js' | 'worker.js']);
      case '/api/studies':
        return sendJson(res, 200, { default: o.study, studies: listStudies(o.root) });
      case '/api/study': {
        const rel = url.searchParams.get('path') ?? '';
        const abs = confineStudyPath(o.root, rel);
        let json: string;
        try {
          json = await payloads(abs);
        } catch (e) {
          // the study's own fault (a data or study-file error) in both languages; the page shows its own
          throw new RequestError(422, { zh: relativeToRoot(errorSentence(e, 'zh')), en: relativeToRoot(errorSentence(e, 'en')) });
        }
        return sendJson(res, 200, json);
      }
      default:
        return refuse(404, { zh: `找不到：${url.pathname}`, en: `not found: ${url.pathname}` });
    }
  };
  const server = createServer((req, res) => {
    handle(req, res)
      .catch((e: unknown) => {
        const status = e instanceof RequestError ? e.status : 500;
        const texts = (e as RequestError).texts;
        sendJson(res, status, { error: (e as Error).message, ...(texts ? { texts } : {}) });
      })
      .finally(() => o.log?.(`${req.method} ${req.url} ${res.statusCode}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
