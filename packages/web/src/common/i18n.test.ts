import fs from 'node:fs';
import path from 'node:path';
import { ERROR_STATUS } from '@rapport/shared';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../locales');
const keys = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
const load = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), 'utf8'));

describe('translations', () => {
  const namespaces = fs.readdirSync(path.join(dir, 'en')).map((f) => f.replace(/\.json$/, ''));

  it('zh-CN and en have the same namespaces', () => {
    expect(fs.readdirSync(path.join(dir, 'zh-CN')).sort()).toEqual(fs.readdirSync(path.join(dir, 'en')).sort());
  });

  for (const ns of namespaces) {
    it(`${ns}: every key exists in both languages, none empty`, () => {
      const en = keys(load('en', ns)).sort();
      const zh = keys(load('zh-CN', ns)).sort();
      expect(zh).toEqual(en);
      for (const lang of ['en', 'zh-CN']) {
        const flat = JSON.stringify(load(lang, ns));
        expect(flat).not.toMatch(/:""/);
      }
    });
  }

  it('every server error code has a message', () => {
    const errors = load('en', 'common').errors;
    for (const code of Object.keys(ERROR_STATUS)) expect(errors, code).toHaveProperty(code);
  });
});
