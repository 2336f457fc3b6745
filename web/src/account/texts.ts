/**
 * Texts of the account's security: recent sign-in, API token expiry and sessions, Dutch first; merged into the dictionaries in i18n.tsx, whose compiler check
 * (every key in both languages) covers these too.
 */
export const accountNl = {
  'audit.action.session.email-changed': 'E-mailadres gewijzigd',

  'recent.currentPassword': 'Huidig wachtwoord',
  'recent.why': 'Om te bevestigen dat u het zelf bent, vragen we bij deze wijziging uw huidige wachtwoord.',
  'recent.passwordRequired': 'Vul uw huidige wachtwoord in.',
  'recent.checkPassword': 'Controleer het wachtwoord',

  'email.title': 'E-mailadres wijzigen',
  'email.intro': 'Met uw e-mailadres logt u in en ontvangt u berichten van Verenigd. Na de wijziging sturen we een bericht naar uw oude adres.',
  'email.new': 'Nieuw e-mailadres',
  'email.submit': 'E-mailadres wijzigen',
  'email.changed': 'Uw e-mailadres is gewijzigd in {email}. U logt voortaan met dit adres in.',
  'email.check': 'Controleer het e-mailadres',
  'email.format': 'Vul een e-mailadres in, zoals naam@gemeente.nl.',
  'email.noPassword': 'U logt in via uw organisatie, zonder wachtwoord. Vraag het verenigingsbureau om uw e-mailadres te wijzigen.',

  'tokens.title': 'API-tokens',
  'tokens.intro':
    'Met een API-token koppelt u een ander systeem, zoals een zaaksysteem, aan Verenigd. Het token handelt met uw rollen. Elk token verloopt; trek een token in zodra u het niet meer gebruikt.',
  'tokens.none': 'U heeft geen API-tokens.',
  'tokens.caption': 'Uw API-tokens',
  'tokens.col.name': 'Naam',
  'tokens.col.created': 'Gemaakt',
  'tokens.col.expires': 'Verloopt',
  'tokens.col.lastUsed': 'Laatst gebruikt',
  'tokens.col.actions': 'Acties',
  'tokens.expired': 'verlopen op {date}',
  'tokens.neverUsed': 'nooit',
  'tokens.revoke': 'Intrekken',
  'tokens.revokeNamed': '{name} intrekken',
  'tokens.revoked': 'Het token {name} is ingetrokken.',
  'tokens.newTitle': 'Nieuw API-token',
  'tokens.name': 'Naam',
  'tokens.nameHint': 'Waarvoor het token is, bijvoorbeeld "koppeling zaaksysteem".',
  'tokens.days': 'Geldig (dagen)',
  'tokens.daysHint': 'Standaard 90 dagen, ten hoogste 365.',
  'tokens.create': 'Token maken',
  'tokens.created': 'Het token {name} is gemaakt en verloopt op {date}. Kopieer het nu: u ziet het maar één keer.',
  'tokens.secret': 'Uw nieuwe token:',
  'tokens.check': 'Controleer het nieuwe token',
  'tokens.nameRequired': 'Vul een naam in.',
  'tokens.daysRange': 'Vul een aantal dagen in van 1 tot en met 365.',
  'tokens.noPassword':
    'U logt in via uw organisatie, zonder wachtwoord. Een nieuw API-token vraagt om uw wachtwoord; vraag het verenigingsbureau om een uitnodiging om er een in te stellen.',
} as const;

export const accountEn: Record<keyof typeof accountNl, string> = {
  'audit.action.session.email-changed': 'E-mail address changed',

  'recent.currentPassword': 'Current password',
  'recent.why': 'To confirm that it is you, this change asks for your current password.',
  'recent.passwordRequired': 'Enter your current password.',
  'recent.checkPassword': 'Check the password',

  'email.title': 'Change e-mail address',
  'email.intro': 'You sign in with your e-mail address and receive messages from Verenigd there. After the change we send a message to your old address.',
  'email.new': 'New e-mail address',
  'email.submit': 'Change e-mail address',
  'email.changed': 'Your e-mail address is now {email}. Sign in with this address from now on.',
  'email.check': 'Check the e-mail address',
  'email.format': 'Enter an e-mail address, such as name@municipality.nl.',
  'email.noPassword': 'You sign in through your organisation, without a password. Ask the association office to change your e-mail address.',

  'tokens.title': 'API tokens',
  'tokens.intro':
    'An API token connects another system, such as a case management system, to Verenigd. The token acts with your roles. Every token expires; revoke a token as soon as you no longer use it.',
  'tokens.none': 'You have no API tokens.',
  'tokens.caption': 'Your API tokens',
  'tokens.col.name': 'Name',
  'tokens.col.created': 'Created',
  'tokens.col.expires': 'Expires',
  'tokens.col.lastUsed': 'Last used',
  'tokens.col.actions': 'Actions',
  'tokens.expired': 'expired on {date}',
  'tokens.neverUsed': 'never',
  'tokens.revoke': 'Revoke',
  'tokens.revokeNamed': 'Revoke {name}',
  'tokens.revoked': 'The token {name} has been revoked.',
  'tokens.newTitle': 'New API token',
  'tokens.name': 'Name',
  'tokens.nameHint': 'What the token is for, for example "case system link".',
  'tokens.days': 'Valid for (days)',
  'tokens.daysHint': '90 days by default, at most 365.',
  'tokens.create': 'Create token',
  'tokens.created': 'The token {name} has been created and expires on {date}. Copy it now: it is shown only once.',
  'tokens.secret': 'Your new token:',
  'tokens.check': 'Check the new token',
  'tokens.nameRequired': 'Enter a name.',
  'tokens.daysRange': 'Enter a number of days from 1 to 365.',
  'tokens.noPassword':
    'You sign in through your organisation, without a password. A new API token asks for your password; ask the association office for an invitation to set one.',
};
