import { Account, EnterpriseCode, HttpUrl, LIMITS, Phone } from '@rapport/shared';
import type { FormRule } from 'antd';

/** The wire schemas' patterns, so forms reject exactly what the server would. */
export const PATTERNS = {
  account: new RegExp(Account.pattern ?? '.*'),
  enterpriseCode: new RegExp(EnterpriseCode.pattern ?? '.*'),
  phone: new RegExp(Phone.pattern ?? '.*'),
  url: new RegExp(HttpUrl.pattern ?? '.*'),
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Common antd rules with translated messages (keys under `desktop.rules.*` of the surface). */
export function makeRules(t: Translate) {
  return {
    required: (): FormRule => ({ required: true, message: t('desktop.required') }),
    requiredText: (): FormRule => ({ required: true, whitespace: true, message: t('desktop.required') }),
    max: (max: number): FormRule => ({ max, message: t('desktop.maxLength', { max }) }),
    min: (min: number): FormRule => ({ min, message: t('desktop.minLength', { min }) }),
    account: (): FormRule => ({ pattern: PATTERNS.account, message: t('desktop.accountRule') }),
    enterpriseCode: (): FormRule => ({ pattern: PATTERNS.enterpriseCode, message: t('desktop.enterpriseCodeRule') }),
    phone: (): FormRule => ({ pattern: PATTERNS.phone, message: t('desktop.phoneRule') }),
    email: (): FormRule => ({ type: 'email', message: t('desktop.emailRule') }),
    url: (): FormRule => ({ pattern: PATTERNS.url, message: t('desktop.urlRule') }),
    password: (): FormRule[] => [
      { required: true, message: t('desktop.required') },
      { min: LIMITS.passwordMin, max: LIMITS.passwordMax, message: t('desktop.passwordRule', { min: LIMITS.passwordMin }) },
    ],
  };
}

/** Trimmed text, or undefined when empty: for optional create fields. */
export const optional = (value: string | undefined | null): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** Trimmed text, or null when empty: for optional update fields that may be cleared. */
export const nullable = (value: string | undefined | null): string | null => optional(value) ?? null;
