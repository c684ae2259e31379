import { ClientSecretCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphClientError,
  GraphError,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  ResponseType,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { GraphConfig } from '../../../config.js';
import { AppError } from '../../../core/errors.js';
import { GraphTransportError, type GraphHttpRequest, type GraphHttpResponse, type GraphTransport } from './graph-api.js';

/** Graph hosts of the Microsoft clouds: their token scope is `https://<host>/.default`. */
const GRAPH_HOSTS: ReadonlySet<string> = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

/** Error names @azure/identity throws when no token can be had (wrong secret, unknown tenant…). */
const SIGN_IN_ERRORS: ReadonlySet<string> = new Set(['AuthenticationError', 'AggregateAuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError']);

export interface GraphRoot {
  /** `https://host[:port]`, no path. */
  readonly origin: string;
  readonly hostname: string;
  /** `v1.0` unless the base URL names another version. */
  readonly version: string;
}

/**
 * Where Graph lives: GRAPH_BASE_URL (tests point it at a local fake) or the public cloud.
 * A trailing `/v1.0` or `/beta` is taken as the version. Only https: the SDK attaches the token
 * to https URLs only, so an http base URL could never authenticate.
 */
export function graphRoot(baseUrl: string | null): GraphRoot {
  const raw = (baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new AppError('INVALID_CONFIG', 'invalid configuration: GRAPH_BASE_URL must be an https URL', { cause });
  }
  if (url.protocol !== 'https:') throw new AppError('INVALID_CONFIG', 'invalid configuration: GRAPH_BASE_URL must be an https URL (Microsoft Graph tokens are only ever sent over https)');
  const path = url.pathname.replace(/\/+$/, '');
  const version = /^\/(v1\.0|beta)$/i.exec(path)?.[1] ?? 'v1.0';
  if (path !== '' && !/^\/(v1\.0|beta)$/i.test(path)) throw new AppError('INVALID_CONFIG', 'invalid configuration: GRAPH_BASE_URL must be the Graph root, e.g. https://graph.microsoft.com');
  return { origin: url.origin, hostname: url.hostname, version };
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One Graph SDK client over a client-secret credential. The SDK's default middleware chain is
 * replaced by the same chain minus its RetryHandler: retries are Tally's (graph-reliability.ts).
 * Responses are taken RAW, so every status reaches Tally with its headers (the SDK's GraphError
 * drops the headers — Retry-After included — when an error body is not Graph's JSON shape).
 */
export function createGraphSdkTransport(config: GraphConfig): GraphTransport {
  const root = graphRoot(config.baseUrl);
  const credential = new ClientSecretCredential(
    config.tenantId,
    config.clientId,
    config.clientSecret,
    // A configured authority (a sovereign cloud or a test's fake) is trusted as configured.
    config.authorityHost ? { authorityHost: config.authorityHost, disableInstanceDiscovery: true } : {},
  );
  const scope = GRAPH_HOSTS.has(root.hostname) ? `${root.origin}/.default` : 'https://graph.microsoft.com/.default';
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] });
  const client = Client.initWithMiddleware({
    baseUrl: root.origin,
    defaultVersion: root.version,
    // The token goes only to https URLs on Graph or these hosts (host names, no port).
    customHosts: new Set([root.hostname]),
    middleware: [new AuthenticationHandler(authProvider), new RedirectHandler(new RedirectHandlerOptions()), new TelemetryHandler(), new HTTPMessageHandler()],
  });

  async function send(request: GraphHttpRequest): Promise<GraphHttpResponse> {
    if (/^https?:\/\//i.test(request.url) && new URL(request.url).origin !== root.origin) {
      // Links come from Graph's answers: never follow (or send the token) anywhere else.
      throw new AppError('UNAVAILABLE', 'Microsoft Graph returned a link to another host; refusing to follow it');
    }
    const call = client.api(request.url).responseType(ResponseType.RAW).headers({ ...request.headers });
    let response: Response;
    try {
      response = (request.method === 'GET' ? await call.get() : await call.post(request.body)) as Response;
    } catch (error) {
      if (error instanceof GraphClientError) throw new AppError('INTERNAL', `Microsoft Graph client refused the request: ${error.message}`, { cause: error });
      const name = error instanceof GraphError ? error.code : error instanceof Error ? error.name : null;
      throw new GraphTransportError(name !== null && SIGN_IN_ERRORS.has(name) ? 'signIn' : 'network', { cause: error });
    }
    try {
      return { status: response.status, headers: headersOf(response), body: await bodyOf(response) };
    } catch (cause) {
      throw new GraphTransportError('network', { cause });
    }
  }

  return { send };
}
