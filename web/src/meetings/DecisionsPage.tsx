import { useParams } from 'react-router';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { $api, apiState } from '../shell/client';
import { useI18n } from '../i18n';
import { Loading, ProblemAlert } from '../shell/components';
import { MeetingPageTop, useMeeting } from './common';

/** The decision list (besluitenlijst): per agenda item the fixed phrases of what the meeting decided. Public. */
export function DecisionsPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const meeting = useMeeting(id);
  const decisions = apiState($api.useQuery('get', '/api/v1/meetings/{id}/decisions', { params: { path: { id } } }));
  const m = meeting.data;
  const items = decisions.data?.items.filter((entry) => entry.phrases.length > 0) ?? [];

  return (
    <>
      <MeetingPageTop title={m ? t('minutes.decisionsTitle', { title: m.title }) : ''} meeting={m} error={meeting.error} />
      <ProblemAlert error={meeting.error ?? decisions.error} />
      {(!m || !decisions.data) && (meeting.loading || decisions.loading) && <Loading />}
      {m && decisions.data && (
        <>
          <Paragraph appearance="lead">{t('minutes.decisionsIntro')}</Paragraph>
          {items.length === 0 ? (
            <Paragraph>{t('minutes.noDecisions')}</Paragraph>
          ) : (
            <ol className="vd-decision-list">
              {items.map((entry) => (
                <li key={entry.itemId}>
                  <Heading level={2} className="vd-decision-list__title">
                    {entry.number}. {entry.title}
                  </Heading>
                  <ul className="vd-plain-list">
                    {entry.phrases.map((phrase) => (
                      <li key={`${phrase.subjectType}-${phrase.subjectId}`} className="vd-phrase">
                        {phrase.subjectType === 'submission' && <strong>{phrase.title}: </strong>}
                        {phrase[lang]}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </>
  );
}
