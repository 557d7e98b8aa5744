/** Date and time in the UI language, e.g. 2025/3/4 14:05 or Mar 4, 2025, 2:05 PM. */
export function formatDateTime(ms: number | null | undefined, lang: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatDate(ms: number | null | undefined, lang: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(ms));
}

/** Saves text as a file through a temporary object URL (CSV templates and the like). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
