/**
 * Texts of live voting: secrecy, trial votes and the course rules for polls, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const votingNl = {
  'poll.outcome.trial': 'proefstemming: geen besluit',
  'poll.segmentsSecret':
    'Geheime stemming: er is geen uitsplitsing per provincie, grootteklasse of netwerk, want die kan verraden hoe een lid stemde. Alleen de totalen per keuze worden gepubliceerd.',
  'poll.secretNoRunning': 'Geheime stemming: er is geen tussenstand. De uitslag volgt zodra de voorzitter de stemming sluit.',
  'audit.action.poll.secret-votes-read': 'Stemmen per lid van een geheime stemming ingezien',
  'poll.ruleSource': 'Vereiste meerderheid volgens: {source}',
  'poll.changeRule': 'Dit agendapunt wijzigt {what}: er wordt gestemd met {rule} ({source}). Een andere regel kan niet worden gekozen.',
  'poll.changeKind.statutes': 'de statuten',
  'poll.changeKind.rules-of-procedure': 'het huishoudelijk reglement',
  'poll.countingCommitteeFirst':
    'Een echte stemming kan pas worden geopend nadat de vergadering haar commissie van stemopneming heeft benoemd (besluit bij het agendapunt Benoemingen). Een proefstemming kan al wel.',
} as const;

export const votingEn: Record<keyof typeof votingNl, string> = {
  'poll.outcome.trial': 'trial vote: no decision',
  'poll.segmentsSecret':
    'Secret vote: there is no breakdown by province, size class or network, since it could reveal how a member voted. Only the totals per option are published.',
  'poll.secretNoRunning': 'Secret vote: there is no running result. The result follows as soon as the chair closes the vote.',
  'audit.action.poll.secret-votes-read': 'Per-member votes of a secret poll read',
  'poll.ruleSource': 'Majority required by: {source}',
  'poll.changeRule': 'This item changes {what}: it is voted by {rule} ({source}). Another rule cannot be chosen.',
  'poll.changeKind.statutes': 'the statutes',
  'poll.changeKind.rules-of-procedure': 'the rules of procedure',
  'poll.countingCommitteeFirst':
    'A real vote can only open once the meeting has appointed its vote-counting committee (decision on the appointments item). A trial vote can open now.',
};
