/**
 * Texts of the verification of polls: the signed result and the standalone check, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const verificationNl = {
  'poll.seal.title': 'Zegel',
  'poll.seal.intro':
    'Bij het sluiten zijn het controlegetal en de uitslag ondertekend met de sleutel van deze installatie. Wie stemde, kreeg dit zegel per e-mail; het staat ook in de notulen. Met de stembundel controleert iedereen de stemming zonder deze server: node tools/verify-bundle.mjs of verenigd verify-bundle.',
  'poll.seal.key': 'Sleutel (vingerafdruk)',
  'poll.seal.signature': 'Handtekening',
  'poll.seal.sealedAt': 'Verzegeld op',
  'poll.seal.none': 'Deze stemming heeft geen zegel.',
  'poll.seal.publicKey': 'Publieke sleutel van deze installatie',
  'poll.bundle': 'Download de stembundel (controle zonder server)',
} as const;

export const verificationEn: Record<keyof typeof verificationNl, string> = {
  'poll.seal.title': 'Seal',
  'poll.seal.intro':
    "At closing, the check value and the result were signed with this installation's key. Everyone who voted was mailed this seal; the minutes print it too. With the poll bundle anyone can verify the vote without this server: node tools/verify-bundle.mjs or verenigd verify-bundle.",
  'poll.seal.key': 'Key (fingerprint)',
  'poll.seal.signature': 'Signature',
  'poll.seal.sealedAt': 'Sealed at',
  'poll.seal.none': 'This poll has no seal.',
  'poll.seal.publicKey': "This installation's public key",
  'poll.bundle': 'Download the poll bundle (verify without the server)',
};
