import type { ContactWayDto } from '@rapport/shared';

const cell = (value: string | number) => {
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** A CSV text (BOM, CRLF) of rows under headers, as Excel opens it with Chinese text intact. */
export function toCsv(headers: string[], rows: (string | number)[][]): string {
  return `\uFEFF${[headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The contact way list with adds (in all and today), in the UI language. */
export function contactWaysCsv(
  ways: ContactWayDto[],
  memberName: (id: string) => string,
  tagName: (id: string) => string,
  t: Translate,
  date: (ms: number) => string,
) {
  return toCsv(
    [
      t('contactWays.name'),
      t('contactWays.type'),
      t('contactWays.members'),
      t('contactWays.state'),
      t('contactWays.remark'),
      t('contactWays.tags'),
      t('contactWays.skipVerify'),
      t('contactWays.dailyCap'),
      t('contactWays.adds'),
      t('contactWays.addsToday'),
      t('contactWays.link'),
      t('contactWays.createdAt'),
    ],
    ways.map((w) => [
      w.name,
      t(`contactWays.types.${w.type}`),
      w.memberIds.map(memberName).join(' / '),
      w.state,
      w.remark,
      w.tagIds.map(tagName).join(' / '),
      w.skipVerify ? t('contactWays.yes') : t('contactWays.no'),
      w.dailyCapPerMember ?? '',
      w.adds,
      w.addsToday ?? '',
      w.url,
      date(w.createdAt),
    ]),
  );
}
