import type { I18n } from '../i18n';
import { officeKey, officeKindsOf } from '../people/offices';
import type { ProfileDocument, VoteWeightRule } from '../types';

/** "1 stem per 1.000 inwoners, ten hoogste 75, minimaal 1, naar beneden afgerond". */
export function voteWeightRuleInWords(rule: Pick<VoteWeightRule, 'divisor' | 'cap' | 'minimum' | 'rounding'>, i18n: I18n): string {
  const { t, number } = i18n;
  return [
    t('rule.perDivisor', { divisor: number(rule.divisor) }),
    rule.cap === null ? t('rule.noCap') : t('rule.cap', { cap: number(rule.cap) }),
    t('rule.minimum', { minimum: number(rule.minimum) }),
    t(`rounding.${rule.rounding}`),
  ].join(', ');
}

export interface RuleRow {
  key: string;
  subject: string;
  lines: string[];
  source: string | null;
}

/** Every setting of the profile in words, each with the source it implements. */
export function ruleRows(document: ProfileDocument, i18n: I18n): RuleRow[] {
  const { t, local, number } = i18n;
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const percent = (value: number) => new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 2 }).format(value);
  return [
    ...document.memberClasses.map((memberClass) => ({
      key: `weight-${memberClass.code}`,
      subject: t('profile.voteWeightOf', { class: local(memberClass.name) }),
      lines: [voteWeightRuleInWords(memberClass.voteWeight, i18n)],
      source: memberClass.voteWeight.source,
    })),
    ...document.memberClasses.map((memberClass) => ({
      key: `offices-${memberClass.code}`,
      subject: t('profile.officesOf', { class: local(memberClass.name) }),
      lines: [
        officeKindsOf(document, memberClass.code)
          .map((kind) => t(officeKey(kind)))
          .join(', '),
      ],
      source: null,
    })),
    {
      key: 'majority',
      subject: t('subject.majority'),
      lines: [
        t('majority.default', { rule: t(`majority.${document.majority.default}`) }),
        t('majority.statuteChange', { rule: t(`majority.${document.majority.statuteChange}`) }),
        t('majority.rulesOfProcedureChange', { rule: t(`majority.${document.majority.rulesOfProcedureChange}`) }),
      ],
      source: document.majority.source,
    },
    {
      key: 'quorum',
      subject: t('subject.quorum'),
      lines: [
        document.quorum.presentWeightPercent === null ? t('quorum.none') : t('quorum.percent', { percent: percent(document.quorum.presentWeightPercent) }),
      ],
      source: document.quorum.source,
    },
    { key: 'tie', subject: t('subject.tie'), lines: [t(`tie.${document.tie.outcome}`)], source: document.tie.source },
    {
      key: 'voting',
      subject: t('subject.voting'),
      lines: [
        t('voting.allowRecast', { value: yesNo(document.voting.allowRecast) }),
        t('voting.showRunningResult', { value: yesNo(document.voting.showRunningResult) }),
        t('voting.perMemberVotesVisibleTo', { value: t(`visible.${document.voting.perMemberVotesVisibleTo}`) }),
        t('voting.percentDecimals', { n: number(document.voting.percentDecimals) }),
      ],
      source: document.voting.source,
    },
    {
      key: 'proxies',
      subject: t('subject.proxies'),
      lines: [document.proxies.allowed ? t('proxies.allowed', { n: number(document.proxies.maxPerRepresentative) }) : t('proxies.notAllowed')],
      source: document.proxies.source,
    },
    {
      key: 'committees',
      subject: t('subject.committees'),
      lines: [
        t('committees.minutes', { n: number(document.committees.minutesCommitteeMinimum) }),
        t('committees.counting', { n: number(document.committees.voteCountingCommitteeMinimum) }),
      ],
      source: document.committees.source,
    },
    {
      key: 'nominations',
      subject: t('subject.nominations'),
      lines: [t(`nominations.${document.nominations.advisoryCommitteeDeadline}`)],
      source: document.nominations.source,
    },
    ...(document.motions
      ? [
          {
            key: 'motions',
            subject: t('subject.motions'),
            lines: [t(`motions.holdWithdrawBy.${document.motions.holdWithdrawBy}`)],
            source: document.motions.source,
          },
        ]
      : []),
    {
      key: 'regions',
      subject: t('subject.regions'),
      lines: [t('regions.value', { label: local(document.regions.label), items: document.regions.items.map((r) => r.name).join(', ') })],
      source: document.regions.source,
    },
    {
      key: 'sizeClasses',
      subject: t('subject.sizeClasses'),
      lines: [t('sizeClasses.value', { n: number(document.sizeClasses.items.length) })],
      source: document.sizeClasses.source,
    },
    { key: 'generalMeeting', subject: t('subject.generalMeeting'), lines: [document.generalMeetingName], source: null },
  ];
}
