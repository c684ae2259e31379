import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { listenLocally, type LocalServer } from '../local-server.js';

/** A JWT header and claims, signed (RS256 / HS256) or not (alg none) by {@link encodeJwt}. */
export interface JwtParts {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * A tiny JWT encoder on node:crypto (no JWT library): RS256 with an RSA private key, HS256 with a
 * secret (the algorithm-confusion attack), or `none` with an empty signature.
 */
export function encodeJwt({ header, claims }: JwtParts, key?: KeyObject | string): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (header.alg === 'none') return `${input}.`;
  if (header.alg === 'HS256') return `${input}.${createHmac('sha256', key as string).update(input).digest('base64url')}`;
  const signer = createSign('RSA-SHA256');
  signer.update(input);
  return `${input}.${signer.sign(key as KeyObject).toString('base64url')}`;
}

/** An RSA key pair with a key id, as an identity provider holds one. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Generates an RSA-2048 signing key (fresh per test file; nothing is read from disk). */
export function generateSigningKey(kid = randomUUID()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/**
 * A local Entra-like authority for one tenant: OpenID metadata at
 * `/{tenant}/v2.0/.well-known/openid-configuration` and the JWKS at `/{tenant}/discovery/v2.0/keys`
 * (where the Agents SDK looks for the keys of a non-Bot-Framework issuer). It publishes only its
 * own key, so tokens signed by any other key fail verification for real.
 */
export class TeamsIdentityFake {
  /** How many times the JWKS was fetched. */
  jwksRequests = 0;
  /** Set by start(). */
  private local!: LocalServer;
  private readonly handle: RequestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === `/${this.tenantId}/discovery/v2.0/keys`) {
      this.jwksRequests += 1;
      return json({ keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: this.key.kid, use: 'sig', alg: 'RS256' }] });
    }
    if (path === `/${this.tenantId}/v2.0/.well-known/openid-configuration`) {
      return json({ issuer: this.issuer, jwks_uri: `${this.authority}/${this.tenantId}/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    res.writeHead(404).end();
  };

  private constructor(
    readonly tenantId: string,
    readonly key: SigningKey,
  ) {}

  /** Starts the authority on 127.0.0.1, on a free port. */
  static async start(tenantId = randomUUID()): Promise<TeamsIdentityFake> {
    const fake = new TeamsIdentityFake(tenantId, generateSigningKey());
    fake.local = await listenLocally(fake.handle);
    return fake;
  }

  /** The authority base URL (the SDK appends the tenant). */
  get authority(): string {
    return this.local.url;
  }

  /** The `iss` of tokens this authority signs. */
  get issuer(): string {
    return `${this.authority}/${this.tenantId}/v2.0`;
  }

  /** A token signed with this authority's key (or another key, to forge one), RS256 unless the header says otherwise. */
  sign(claims: Record<string, unknown>, options: { key?: SigningKey; header?: Record<string, unknown> } = {}): string {
    const key = options.key ?? this.key;
    return encodeJwt({ header: { alg: 'RS256', typ: 'JWT', kid: key.kid, ...options.header }, claims }, key.privateKey);
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}
