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

/** Common antd rules with translated messages (keys of the `ui` namespace, so any surface's `t` resolves them). */
export function makeRules(t: Translate) {
  return {
    required: (): FormRule => ({ required: true, message: t('ui:required') }),
    requiredText: (): FormRule => ({ required: true, whitespace: true, message: t('ui:required') }),
    max: (max: number): FormRule => ({ max, message: t('ui:maxLength', { max }) }),
    min: (min: number): FormRule => ({ min, message: t('ui:minLength', { min }) }),
    account: (): FormRule => ({ pattern: PATTERNS.account, message: t('ui:accountRule') }),
    enterpriseCode: (): FormRule => ({ pattern: PATTERNS.enterpriseCode, message: t('ui:enterpriseCodeRule') }),
    phone: (): FormRule => ({ pattern: PATTERNS.phone, message: t('ui:phoneRule') }),
    email: (): FormRule => ({ type: 'email', message: t('ui:emailRule') }),
    url: (): FormRule => ({ pattern: PATTERNS.url, message: t('ui:urlRule') }),
    password: (): FormRule[] => [
      { required: true, message: t('ui:required') },
      { min: LIMITS.passwordMin, max: LIMITS.passwordMax, message: t('ui:passwordRule', { min: LIMITS.passwordMin }) },
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
