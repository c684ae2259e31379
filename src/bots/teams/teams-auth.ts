import { AuthType, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { RequestHandler } from 'express';
import type { TeamsConfig } from '../../config.js';

/** The issuer of tokens the Bot Framework (Azure Bot Service, Teams) sends with each activity. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const ENTRA = 'https://login.microsoftonline.com';

/** Where inbound tokens may come from; tests point both at a local OpenID/JWKS server. */
export interface TeamsAuthOverrides {
  /** Entra authority (keys of non-Bot-Framework issuers are read from `{authority}/{tenant}/discovery/v2.0/keys`). */
  readonly authority?: string;
  /** Accepted `iss` values; default: Bot Framework and this tenant's Entra issuers. */
  readonly issuers?: readonly string[];
}

/**
 * The Agents SDK auth configuration for Tally's bot. Turns on what the SDK leaves off by default
 * (stack.md "Teams"): issuer validation against an explicit list, and the one named
 * `serviceConnection` without which every token fails with "Audience mismatch". The SDK itself
 * accepts RS256 only with 300 s of clock skew and checks `aud` against the app id.
 */
export function teamsAuthConfiguration(config: TeamsConfig, overrides: TeamsAuthOverrides = {}): AuthConfiguration {
  const authority = (overrides.authority ?? ENTRA).replace(/\/+$/, '');
  const issuers = overrides.issuers ?? [BOT_FRAMEWORK_ISSUER, `https://sts.windows.net/${config.tenantId}/`, `${ENTRA}/${config.tenantId}/v2.0`];
  const credentials: AuthConfiguration =
    config.appType === 'SingleTenant'
      ? { authType: AuthType.ClientSecret, clientSecret: config.appPassword ?? undefined }
      : { authType: AuthType.UserManagedIdentity };
  const connection: AuthConfiguration = {
    ...credentials,
    clientId: config.appId,
    tenantId: config.tenantId,
    authorityEndpoint: authority,
    issuers: [...issuers],
    validateIssuer: true,
  };
  return { ...connection, connections: new Map([['serviceConnection', connection]]), connectionsMap: [{ serviceUrl: '*', connection: 'serviceConnection' }] };
}

/**
 * After the JWT is verified: the token's `serviceurl` claim must name exactly the activity's
 * serviceUrl, else 401 before anything runs. The SDK's own check (validateServiceUrl, also on)
 * compares hosts only and answers 400; this one is stricter and says what it is: unauthorized.
 */
export function requireServiceUrlClaim(): RequestHandler {
  return (req, res, next) => {
    const user = (req as { user?: { serviceurl?: unknown; exp?: unknown } }).user;
    const claim = user?.serviceurl;
    const body: unknown = req.body;
    const serviceUrl = typeof body === 'object' && body !== null ? (body as { serviceUrl?: unknown }).serviceUrl : undefined;
    // A token that never expires is refused too: the SDK checks exp only when it is present.
    if (typeof user?.exp !== 'number' || typeof claim !== 'string' || typeof serviceUrl !== 'string' || normalizeUrl(claim) === null || normalizeUrl(claim) !== normalizeUrl(serviceUrl)) {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    next();
  };
}

function normalizeUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}
