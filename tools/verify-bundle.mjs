#!/usr/bin/env node
// Verifies an exported poll bundle (GET /api/v1/polls/{id}/bundle) without the server or its database,
// like the independent verifiers of Helios and Belenios: it recomputes the hash chain, replays the
// ballots against the entitlements frozen at opening, recounts the result under the terms recorded at
// opening, and checks the instance's Ed25519 seal on the chain head and the result.
//
//   node tools/verify-bundle.mjs bundle.json [--key-id <sha256 of the published key>]
//
// Deliberately self-contained (node:crypto, node:fs only): it imports nothing from the server, so it
// can be read, copied and run on its own. The server's own verification runs this same code.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const BUNDLE_FORMAT = 'verenigd-poll-bundle/1';
export const SEAL_FORMAT = 'verenigd-seal/1';
export const GENESIS = '0'.repeat(64);
const TRIAL_NL = 'Proefstemming: telt niet als besluit.';

/** JSON with sorted keys, so the same entry always hashes the same on every machine. */
export function canonical(value) {
  // Fast path: a copy with sorted keys, written by the native JSON.stringify (a 10,000-ballot log is
  // hashed entry by entry). It gives the same text as the definition below for every plain JSON value;
  // anything else (an array index as key, undefined, a Date) takes the definition itself.
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(sortedCopy(value));
    } catch (error) {
      if (error !== UNUSUAL) throw error;
    }
  }
  return canonicalByDefinition(value);
}

function canonicalByDefinition(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalByDefinition).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalByDefinition(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const UNUSUAL = Symbol('not plain JSON');
const plainValue = (v) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'object';

function sortedCopy(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      if (!plainValue(value[i])) throw UNUSUAL;
      out[i] = sortedCopy(value[i]);
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw UNUSUAL;
  const keys = Object.keys(value).sort();
  const out = {};
  for (const key of keys) {
    // Array-index keys are ordered numerically by every object; __proto__ would set the prototype.
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__' || !plainValue(value[key])) throw UNUSUAL;
    out[key] = sortedCopy(value[key]);
  }
  return out;
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
export const entryHash = (prevHash, entry) => sha256(`${prevHash}\n${canonical(entry)}`);

/** The digest of the entitlements frozen at opening (member, weight, holder), sorted by member. */
export function entitlementsDigest(entitled) {
  const sorted = [...entitled]
    .map((e) => ({ memberId: e.memberId, weight: e.weight, holder: e.holder }))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  return sha256(canonical(sorted));
}

/** What the seal signs: the poll, its chain head and the result as the closing entry records it. */
export const sealMessage = (pollId, chainHead, result) => canonical({ format: SEAL_FORMAT, pollId, chainHead, result });

export const keyIdOf = (publicKeyPem) =>
  createHash('sha256')
    .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
    .digest('hex');

/** Shares in percent with `decimals` decimals by largest remainder (as src/voting/tally.ts). */
export function percentages(parts, decimals) {
  const total = parts.reduce((a, b) => a + b, 0);
  const scale = 100 * 10 ** decimals;
  const format = (units) =>
    decimals === 0 ? String(units) : `${Math.floor(units / 10 ** decimals)}.${String(units % 10 ** decimals).padStart(decimals, '0')}`;
  if (total === 0) return parts.map(() => format(0));
  const floors = parts.map((p) => Math.floor((p * scale) / total));
  let left = scale - floors.reduce((a, b) => a + b, 0);
  const order = parts.map((p, i) => ({ i, r: (p * scale) % total })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors.map(format);
}

/**
 * The result from the terms, the frozen entitlements and the counted ballots alone: outcome, whether
 * the rule and quorum were met, totals and shares. The statement's wording is checked separately.
 */
export function recount(terms, entitled, ballots) {
  const keys = terms.options.map((o) => o.key);
  const totals = keys.map((option) => {
    const cast = ballots.filter((b) => b.option === option);
    return { option, members: cast.length, weight: cast.reduce((s, b) => s + b.weight, 0) };
  });
  const presentWeight = entitled.reduce((s, e) => s + e.weight, 0);
  const percent = terms.quorumPercent;
  const quorumMet = percent === null || presentWeight * 100 >= percent * terms.totalWeight;
  const trial = terms.subjectType === 'trial';
  const d = terms.percentDecimals;
  if (terms.kind === 'choice') {
    const shares = percentages(
      totals.map((t) => t.weight),
      d,
    );
    const max = Math.max(...totals.map((t) => t.weight));
    const leaders = totals.filter((t) => t.weight === max && max > 0);
    const leader = quorumMet && !trial && leaders.length === 1 ? leaders[0].option : null;
    return {
      outcome: trial ? 'trial' : leader ? 'chosen' : 'undecided',
      ruleMet: trial ? null : !!leader,
      quorumMet,
      totals: totals.map((t, i) => ({ ...t, percent: shares[i] })),
      percentFor: null,
      percentAgainst: null,
      leader,
    };
  }
  const get = (key) => totals.find((t) => t.option === key) ?? { option: key, members: 0, weight: 0 };
  const [pro, contra] = [get('for'), get('against')];
  const [percentFor, percentAgainst] = percentages([pro.weight, contra.weight], d);
  const rule = terms.rule === 'plurality' ? 'simple' : terms.rule;
  const cast = pro.weight + contra.weight;
  const weightMajority = pro.weight * 2 > cast;
  const tie = cast > 0 && pro.weight * 2 === cast && rule !== 'twoThirds';
  const majorityMet =
    cast > 0 &&
    (rule === 'twoThirds' ? pro.weight * 3 >= cast * 2 : rule === 'double' ? weightMajority && pro.members * 2 > pro.members + contra.members : weightMajority);
  const outcome = !quorumMet ? 'rejected' : majorityMet ? 'adopted' : tie && terms.tieOutcome === 'chairDecides' ? 'tie' : 'rejected';
  return {
    outcome: trial ? 'trial' : outcome,
    ruleMet: trial ? null : majorityMet,
    quorumMet,
    totals: totals.map((t) => ({ ...t, percent: t.option === 'for' ? percentFor : t.option === 'against' ? percentAgainst : null })),
    percentFor,
    percentAgainst,
    leader: null,
  };
}

const dutch = (p) => `${p.replace('.', ',')}%`;

/** Where the statement's wording follows from the figures, it must say them. */
function statementProblems(terms, counted, statement) {
  const nl = statement?.nl ?? '';
  const out = [];
  if (terms.kind === 'for-against' && !nl.startsWith(`Voor: ${dutch(counted.percentFor)}, Tegen: ${dutch(counted.percentAgainst)}.`))
    out.push(`the statement "${nl}" does not give the counted figures (Voor: ${dutch(counted.percentFor)}, Tegen: ${dutch(counted.percentAgainst)})`);
  if (counted.outcome === 'trial' && !nl.endsWith(TRIAL_NL)) out.push(`the statement "${nl}" of a trial vote does not say it decides nothing`);
  if (counted.outcome === 'chosen') {
    const label = terms.options.find((o) => o.key === counted.leader)?.label;
    if (!nl.startsWith(`Gekozen: ${label}.`)) out.push(`the statement "${nl}" does not name the chosen option ${label}`);
  }
  return out;
}

const RESULT_FIELDS = ['outcome', 'ruleMet', 'quorumMet', 'percentFor', 'percentAgainst', 'leader', 'totals'];

/** Each field where two results differ, as "field: a ≠ b". */
export function resultDifferences(a, b, fields = RESULT_FIELDS) {
  return fields
    .filter((f) => canonical(a?.[f] ?? null) !== canonical(b?.[f] ?? null))
    .map((f) => `${f} ${canonical(a?.[f] ?? null)} ≠ ${canonical(b?.[f] ?? null)}`);
}

/**
 * Checks a bundle; returns every problem found, each saying what and where. `options.keyId` pins the
 * public key obtained independently (from /.well-known/verenigd-signing-key or the printed minutes).
 */
export function verifyBundle(bundle, options = {}) {
  const problems = [];
  const notes = [];
  if (!bundle || bundle.format !== BUNDLE_FORMAT)
    return {
      ok: false,
      pollId: bundle?.pollId ?? null,
      chainHead: null,
      problems: [`not a poll bundle (format ${canonical(bundle?.format ?? null)}, expected ${BUNDLE_FORMAT})`],
      notes,
    };
  const log = Array.isArray(bundle.log) ? bundle.log : [];

  // 1. The hash chain.
  let prev = GENESIS;
  for (const [index, e] of log.entries()) {
    if (e.seq !== index + 1) problems.push(`the log skips from entry ${index} to entry ${e.seq}`);
    if (e.prevHash !== prev) problems.push(`log entry ${e.seq} does not link to the entry before it`);
    if (e.hash !== entryHash(e.prevHash, { seq: e.seq, kind: e.kind, payload: e.payload }))
      problems.push(`log entry ${e.seq} (${e.kind}) was changed: its hash does not match its content`);
    prev = e.hash;
  }
  const chainHead = log.at(-1)?.hash ?? null;

  // 2. The terms and entitlements frozen at opening.
  const opened = log[0]?.kind === 'opened' ? log[0].payload : null;
  if (!opened) problems.push('the log does not start with the opening entry');
  if (opened && opened.pollId !== bundle.pollId) problems.push(`the opening entry is for poll ${opened.pollId}, not ${bundle.pollId}`);
  const terms = opened?.terms ?? null;
  if (opened && !terms) notes.push('this poll was opened before its terms were logged: rule, quorum and outcome cannot be recounted from the log');
  const entitled = opened?.entitled ?? [];
  if (terms && opened.entitlementsDigest !== entitlementsDigest(entitled)) problems.push('the entitlements in the opening entry do not match their digest');
  const entitledOf = new Map(entitled.map((e) => [e.memberId, e]));
  if (Array.isArray(bundle.entitlements)) {
    if (terms && entitlementsDigest(bundle.entitlements) !== opened.entitlementsDigest)
      problems.push('the entitlements (member, weight, holder) differ from those frozen at opening');
    for (const e of bundle.entitlements) {
      const frozen = entitledOf.get(e.memberId);
      if (!frozen) problems.push(`member ${e.memberId} is entitled but was not at opening`);
      else {
        if (frozen.weight !== e.weight) problems.push(`member ${e.memberId} has weight ${e.weight}, frozen at opening as ${frozen.weight}`);
        if (terms && frozen.holder !== e.holder) problems.push(`member ${e.memberId}'s vote is held by ${e.holder}, frozen at opening as ${frozen.holder}`);
      }
    }
    const present = new Set(bundle.entitlements.map((x) => x.memberId));
    for (const e of entitled) if (!present.has(e.memberId)) problems.push(`member ${e.memberId} was entitled at opening but is missing`);
  }

  // 3. The ballots, replayed in log order.
  const current = new Map();
  const logged = [];
  let end = null;
  for (const e of log.slice(1)) {
    if (end) problems.push(`log entry ${e.seq} (${e.kind}) comes after the poll was ${end}`);
    if (e.kind === 'closed' || e.kind === 'cancelled') end = e.kind;
    else if (e.kind !== 'ballot') problems.push(`log entry ${e.seq} has an unknown kind ${e.kind}`);
    else {
      const b = e.payload;
      logged.push(b);
      const frozen = entitledOf.get(b.memberId);
      if (!frozen) problems.push(`ballot ${b.receipt} (entry ${e.seq}) is for member ${b.memberId}, who was not entitled`);
      else if (frozen.weight !== b.weight)
        problems.push(`ballot ${b.receipt} (entry ${e.seq}) carries weight ${b.weight}, frozen at opening as ${frozen.weight}`);
      if (terms && !terms.options.some((o) => o.key === b.option)) problems.push(`ballot ${b.receipt} (entry ${e.seq}) is not for an option of this poll`);
      const before = current.get(b.memberId) ?? null;
      if ((b.supersedes ?? null) !== before)
        problems.push(`ballot ${b.receipt} (entry ${e.seq}) says it replaces ${b.supersedes ?? 'nothing'}, but the member's ballot was ${before ?? 'none'}`);
      if (before && terms && !terms.allowRecast)
        problems.push(`ballot ${b.receipt} (entry ${e.seq}) replaces an earlier ballot, which this poll does not allow`);
      current.set(b.memberId, b.ballotId);
    }
  }
  if (Array.isArray(bundle.ballots)) {
    const stored = new Map(bundle.ballots.map((b) => [b.ballotId, b]));
    if (bundle.ballots.length !== logged.length) problems.push(`${bundle.ballots.length} ballots are stored but the log recorded ${logged.length}`);
    for (const b of logged) {
      const row = stored.get(b.ballotId);
      if (!row) problems.push(`ballot ${b.receipt} is in the log but not stored`);
      else {
        // The option is not repeated: verification is public, and a secret ballot stays secret.
        for (const field of ['memberId', 'option', 'receipt'])
          if (row[field] !== b[field]) problems.push(`ballot ${b.receipt}: the stored ${field} differs from the log's`);
        const counts = current.get(b.memberId) === b.ballotId;
        if (counts && row.superseded) problems.push(`ballot ${b.receipt} is marked replaced, but in the log it is the member's current ballot`);
        if (!counts && !row.superseded) problems.push(`ballot ${b.receipt} counts, but the log shows it was replaced`);
      }
    }
    const inLog = new Set(logged.map((b) => b.ballotId));
    for (const row of bundle.ballots) if (!inLog.has(row.ballotId)) problems.push(`ballot ${row.receipt} is stored but not in the log`);
  }

  // 4. The result: recounted from the log, against the closing entry, the published result and the seal.
  const closing = end === 'closed' ? log.at(-1).payload : null;
  if (closing && terms) {
    const counting = logged
      .filter((b) => current.get(b.memberId) === b.ballotId)
      .map((b) => ({ memberId: b.memberId, option: b.option, weight: entitledOf.get(b.memberId)?.weight ?? 0 }));
    const counted = recount(terms, entitled, counting);
    for (const d of resultDifferences(closing.result, counted))
      problems.push(`the closing entry's result is not what the logged ballots add up to: ${d} (logged ≠ recounted)`);
    problems.push(...statementProblems(terms, counted, closing.result?.statement));
  }
  // Closing entries before the terms were logged held totals only; the published result of those was
  // since rewritten for secrecy and trial votes (decision 0008), so only the chain head is compared.
  if (closing && bundle.result) {
    if (closing.result)
      for (const d of resultDifferences(bundle.result, closing.result, [...RESULT_FIELDS, 'statement']))
        problems.push(`the published result differs from the closing entry: ${d} (published ≠ logged)`);
    if (bundle.result.chainHead !== chainHead)
      problems.push(`the published chain head ${bundle.result.chainHead} is not the hash of the last log entry (${chainHead})`);
  } else if (bundle.result && !closing) problems.push('a result is published but the log has no closing entry');

  if (end === 'closed' && terms) {
    const seal = bundle.seal;
    if (!seal) problems.push('the closed poll has no seal');
    else {
      if (seal.message !== sealMessage(bundle.pollId, chainHead, closing.result)) problems.push('the seal is not over this chain head and result');
      if (!checkSignature(seal.publicKey, seal.message, seal.signature))
        problems.push("the seal's signature does not verify: the sealed chain head or result was changed, or the seal was not made with this key");
      if (bundle.publicKey && seal.publicKey !== bundle.publicKey)
        problems.push(`the poll was sealed with key ${safeKeyId(seal.publicKey)}, not the published key ${safeKeyId(bundle.publicKey)}`);
      if (options.keyId && safeKeyId(seal.publicKey) !== options.keyId.toLowerCase())
        problems.push(`the poll was sealed with key ${safeKeyId(seal.publicKey)}, not the expected key ${options.keyId}`);
    }
  }
  return { ok: problems.length === 0, pollId: bundle.pollId, chainHead, problems, notes };
}

function safeKeyId(pem) {
  try {
    return keyIdOf(pem);
  } catch {
    return '(unreadable key)';
  }
}

function checkSignature(publicKeyPem, message, signature) {
  try {
    return verify(null, Buffer.from(String(message), 'utf8'), createPublicKey(publicKeyPem), Buffer.from(String(signature), 'base64'));
  } catch {
    return false;
  }
}

/** Prints the verdict; exit code 0 when verified, 1 when not, 2 when the file cannot be read. */
export function main(argv = process.argv.slice(2), out = console.log) {
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--key-id');
  const keyIndex = argv.indexOf('--key-id');
  if (!file) {
    out('usage: verify-bundle <bundle.json> [--key-id <sha256 of the published key>]');
    return 2;
  }
  let bundle;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    out(`cannot read ${file}: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  const result = verifyBundle(bundle, keyIndex >= 0 ? { keyId: argv[keyIndex + 1] } : {});
  out(`poll: ${result.pollId}`);
  out(`chain head: ${result.chainHead ?? '(none)'}`);
  if (bundle.seal?.publicKey) out(`sealed with key: ${safeKeyId(bundle.seal.publicKey)}`);
  for (const note of result.notes) out(`NOTE: ${note}`);
  for (const problem of result.problems) out(`PROBLEM: ${problem}`);
  out(result.ok ? 'OK: the chain is intact, the result is what the logged ballots add up to, and the seal verifies.' : 'NOT VERIFIED');
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
