/**
 * Verifies officials', monitors' and the commune's (UBND xã) JWTs against a JWKS: one code path for the local issuer (local mode) and the
 * Cognito user pool (AWS). Claims used (api.md): `sub`, `cognito:groups`, `custom:commune`. Only id tokens
 * (`token_use: "id"`) with an expiry (`exp`) are accepted: an access token, or a token that never expires, is not.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { TokenVerifier } from '../core/ports.ts';

/** The groups read from `cognito:groups`, in the order that decides a token in several: the narrowest power first. */
const ROLES = ['official', 'monitor', 'commune'] as const;

export interface TokenVerifierOptions {
  jwks: JWTVerifyGetKey;
  issuer: string;
  /** The app client id (Cognito id tokens carry it as `aud`). */
  audience?: string;
}

/** A verifier for tokens signed by any key of `jwks`; undefined for a bad, expired or claim-less token. */
export function tokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, options.jwks, {
        issuer: options.issuer,
        ...(options.audience ? { audience: options.audience } : {}),
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['exp', 'sub', 'token_use'],
      });
      const groups = payload['cognito:groups'];
      const commune = payload['custom:commune'];
      if (typeof payload.sub !== 'string' || typeof commune !== 'string' || !Array.isArray(groups)) return undefined;
      // Cognito access tokens carry no custom attributes and are not the session's; only id tokens are accepted.
      if (payload.token_use !== 'id') return undefined;
      const role = ROLES.find((r) => groups.includes(r));
      return role ? { sub: payload.sub, role, commune } : undefined;
    } catch {
      return undefined;
    }
  };
}

export const localJwks = (jwks: JSONWebKeySet) => createLocalJWKSet(jwks);

/** The Cognito user pool's JWKS and issuer URL. */
export function cognitoJwks(region: string, userPoolId: string) {
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  return { issuer, jwks: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)) };
}
