import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { parseApiPath } from './apiPath';
import { verifyAwsIamToken } from './awsIamAuthenticator';
import { discoveryDocument } from './discovery';
import { FailureInjector } from './failureInjection';
import { serveResource } from './resourceRequests';
import { ApiError, makeStatus, unknownResource, type Status } from './status';
import { ObjectStore } from './store';
import type {
  FakeKubeApiServer,
  FakeKubeApiServerOptions,
  KubeObject,
  RecordedRequest,
} from './types';
import { WatchHub } from './watch';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const isCrd = (object: KubeObject) =>
  object.kind === 'CustomResourceDefinition' &&
  object.apiVersion.startsWith('apiextensions.k8s.io/');

function sendJson(
  response: ServerResponse,
  record: RecordedRequest,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  record.status = status;
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}

const sendStatus = (
  response: ServerResponse,
  record: RecordedRequest,
  status: Status,
  headers: Record<string, string> = {},
) => sendJson(response, record, status.code, JSON.stringify(status), headers);

/** Starts a fake kube-apiserver on HTTP, or HTTPS with `tls`; see FakeKubeApiServerOptions for the knobs. */
export async function startFakeKubeApiServer(
  options: FakeKubeApiServerOptions = {},
): Promise<FakeKubeApiServer> {
  const token = options.token ?? 'fake-token';
  const host = options.host ?? '127.0.0.1';
  const serverVersion = options.serverVersion ?? 'v1.31.2';
  const store = new ObjectStore(options.historyLimit ?? 1000);
  const watches = new WatchHub(store, options.bookmarkIntervalMs ?? 1000);
  const failures = new FailureInjector();
  const requests: RecordedRequest[] = [];
  let latencyMs = options.latencyMs ?? 0;
  let forbidden: ReadonlySet<string> = new Set(options.forbidden ?? []);
  let serverAddress = '';

  // CRDs first, so their custom resources land in the right scope.
  const initial = [...(options.objects ?? [])].sort(
    (a, b) => Number(isCrd(b)) - Number(isCrd(a)),
  );
  for (const object of initial) {
    store.put(object);
  }
  // The initial objects are the cluster as found, not a history a watch could replay.
  store.compact();

  /**
   * The user of a client certificate the cluster's CA signed, as
   * kube-apiserver takes it from the subject's CN; checked before any
   * token, as kube-apiserver does.
   */
  const certificateUser = (request: IncomingMessage): string | undefined => {
    if (!options.tls?.clientCa) return undefined;
    const socket = request.socket as TLSSocket;
    if (!socket.authorized) return undefined;
    const subject = socket.getPeerCertificate().subject;
    const cn = subject?.CN;
    return Array.isArray(cn) ? cn[0] : cn;
  };

  /** Why a request's credentials are refused, or undefined. */
  const authenticate = (
    request: IncomingMessage,
    record: RecordedRequest,
  ): string | undefined => {
    const user = certificateUser(request);
    if (user) {
      record.clientCertificateUser = user;
      return undefined;
    }
    const header = request.headers.authorization;
    if (header === undefined) {
      return options.anonymous ? undefined : 'no credentials';
    }
    if (header === `Bearer ${token}`) return undefined;
    if (options.awsIam && header.startsWith('Bearer k8s-aws-v1.')) {
      return verifyAwsIamToken(header.slice('Bearer '.length), options.awsIam);
    }
    return 'wrong bearer token';
  };

  const respond = (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    record: RecordedRequest,
  ) => {
    const refusal = authenticate(request, record);
    if (refusal) {
      options.log?.(`401 ${url.pathname}: ${refusal}`);
      throw new ApiError(makeStatus(401, 'Unauthorized'));
    }
    const injected = failures.take(url.pathname);
    if (injected) {
      sendJson(
        response,
        record,
        injected.code,
        injected.body,
        injected.headers,
      );
      return;
    }
    if (record.method !== 'GET') {
      throw new ApiError(
        makeStatus(
          405,
          'the server does not allow this method on the requested resource',
        ),
      );
    }
    const path = parseApiPath(url.pathname);
    if (!path) {
      throw unknownResource();
    }
    if (path.type === 'health') {
      record.status = 200;
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('ok');
      return;
    }
    if (path.type === 'resource') {
      // Set first: a watch writes its 200 itself.
      record.status = 200;
      const result = serveResource(
        { store, watches, forbidden },
        path,
        url.searchParams,
        response,
      );
      if (result.type === 'json') {
        sendJson(response, record, 200, result.body);
      }
      return;
    }
    const document = discoveryDocument(path, store.registry, {
      serverAddress,
      serverVersion,
    });
    if (!document) {
      throw unknownResource();
    }
    sendJson(response, record, 200, JSON.stringify(document));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake-kube-apiserver');
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      receivedAt: Date.now(),
    };
    if (options.recordRequests !== false) {
      requests.push(record);
    }
    response.on('finish', () =>
      options.log?.(`${record.method} ${request.url} ${record.status}`),
    );
    if (latencyMs > 0) {
      await sleep(latencyMs);
    }
    try {
      respond(request, response, url, record);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendStatus(
        response,
        record,
        error instanceof ApiError
          ? error.status
          : makeStatus(500, `Internal error occurred: ${String(error)}`),
      );
    }
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    void handle(request, response);
  };
  const { tls } = options;
  const server = tls
    ? createHttpsServer(
        {
          cert: tls.cert,
          key: tls.key,
          ...(tls.clientCa
            ? // Asked for, not required: a request without one may still
              // bring a token, as on kube-apiserver.
              { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false }
            : {}),
        },
        listener,
      )
    : createServer(listener);
  let connections = 0;
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  serverAddress = `${host}:${port}`;

  return {
    url: `${tls ? 'https' : 'http'}://${
      host.includes(':') ? `[${host}]` : host
    }:${port}`,
    token,
    requests,
    apply: object => store.apply(object),
    remove: ref => store.remove(ref),
    list: () => store.all(),
    failNext: (count, status = 500, pathContains) =>
      failures.add(count, status, pathContains),
    setLatency: ms => {
      latencyMs = ms;
    },
    setForbidden: resources => {
      forbidden = new Set(resources);
    },
    compactHistory: () => store.compact(),
    expireWatches: () => watches.expireAll(),
    openWatches: () => watches.size,
    connectionCount: () => connections,
    close: async () => {
      watches.closeAll();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
