import { Link } from '@utrecht/component-library-react';
import { apiHref } from '../api';
import { useI18n } from '../i18n';
import type { Paper } from '../types';

/** A file size as "120 kB" or "1,4 MB". */
export function useFileSize() {
  const { locale } = useI18n();
  return (bytes: number) => {
    if (bytes < 1024) return `${bytes} B`;
    const kb = bytes / 1024;
    if (kb < 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(kb)} kB`;
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
  };
}

export const paperHref = (paperId: string, version: number) => apiHref(`/papers/${encodeURIComponent(paperId)}/versions/${version}/file`);

/** An item's papers: each a download link to its newest version, with older versions after it. */
export function PaperList({ papers }: { papers: Paper[] }) {
  const { t, dateTime } = useI18n();
  const size = useFileSize();
  return (
    <ul className="vd-papers">
      {papers.map((paper) => {
        const [newest, ...older] = paper.versions;
        return (
          <li key={paper.id}>
            {newest ? (
              <Link href={paperHref(paper.id, newest.version)} download={newest.fileName}>
                {paper.title}
              </Link>
            ) : (
              paper.title
            )}
            {newest && (
              <span className="vd-paper__meta">
                {' '}
                (
                {t('agenda.paperVersion', {
                  version: newest.version,
                  type: newest.fileName.split('.').pop()?.toUpperCase() ?? newest.mediaType,
                  size: size(newest.size),
                  at: dateTime(newest.uploadedAt),
                })}
                )
              </span>
            )}
            {!paper.public && <span className="vd-badge">{t('agenda.paperMembersOnly')}</span>}
            {older.length > 0 && (
              <ul className="vd-papers__older" aria-label={t('agenda.olderVersions', { title: paper.title })}>
                {older.map((version) => (
                  <li key={version.version}>
                    <Link href={paperHref(paper.id, version.version)} download={version.fileName}>
                      {t('agenda.versionLink', { version: version.version, title: paper.title })}
                    </Link>{' '}
                    ({dateTime(version.uploadedAt)})
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
