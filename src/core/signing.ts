import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

/**
 * The instance's Ed25519 key: it seals each closed poll (chain head and result), so a rewrite of the
 * database cannot produce a valid seal without the key, which lives outside the database.
 */
export interface SigningKey {
  privateKey: KeyObject;
  /** SPKI PEM, as published at /.well-known/verenigd-signing-key. */
  publicKey: string;
  /** sha256 of the public key's DER, hex: short enough to read out, print and compare. */
  keyId: string;
}

// PKCS#8 DER prefix for a raw 32-byte Ed25519 seed (RFC 8410).
const SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256')
    .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('SIGNING_KEY must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** A key from configuration: PEM, or base64 of PKCS#8 DER or of the 32-byte seed. */
export function parseSigningKey(value: string): SigningKey {
  const trimmed = value.trim();
  if (trimmed.includes('-----BEGIN')) return fromPrivate(createPrivateKey(trimmed.replace(/\\n/g, '\n')));
  const der = Buffer.from(trimmed, 'base64');
  return fromPrivate(createPrivateKey({ key: der.length === 32 ? Buffer.concat([SEED_PREFIX, der]) : der, format: 'der', type: 'pkcs8' }));
}

export function generateSigningKey(): SigningKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey);
}

/**
 * SIGNING_KEY when set. Otherwise (the demo, a single PGlite instance) a key kept in DATA_DIR with mode
 * 0600, made on first start; in memory, an ephemeral one. A key in the data folder sits beside the
 * data it seals, so production sets SIGNING_KEY from a secret store (see README).
 */
export function loadSigningKey(config: Pick<Config, 'SIGNING_KEY' | 'DATA_DIR'>, warn: (message: string) => void = () => undefined): SigningKey {
  if (config.SIGNING_KEY) return parseSigningKey(config.SIGNING_KEY);
  if (config.DATA_DIR.startsWith('memory://')) return generateSigningKey();
  const file = join(config.DATA_DIR, 'signing-key.pem');
  if (existsSync(file)) return parseSigningKey(readFileSync(file, 'utf8'));
  const key = generateSigningKey();
  mkdirSync(config.DATA_DIR, { recursive: true });
  writeFileSync(file, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600, flag: 'wx' });
  warn(`SIGNING_KEY is not set: a new signing key was written to ${file}; set SIGNING_KEY in production`);
  return key;
}

let instance: SigningKey | undefined;

/** The key this process seals with; set at start-up (server, command line), else an ephemeral one (tests). */
export function instanceSigningKey(): SigningKey {
  return (instance ??= generateSigningKey());
}

export function installSigningKey(key: SigningKey): void {
  instance = key;
}

export const signText = (key: SigningKey, message: string): string => sign(null, Buffer.from(message, 'utf8'), key.privateKey).toString('base64');

export function verifySignature(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(message, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
