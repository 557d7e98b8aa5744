import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../common/api';
import { useErrorMessage } from '../../common/i18n';

/** Refusals of the customer-contact gate and of capacity: the checklist on Home explains what is missing. */
const GATE_CODES = new Set(['CONTACT_NOT_PERMITTED', 'UNVERIFIED_ENTERPRISE_LIMIT', 'MEMBER_CUSTOMER_LIMIT', 'ENTERPRISE_CUSTOMER_LIMIT']);

export const isGateRefusal = (error: unknown) => error instanceof ApiError && GATE_CODES.has(error.code);

/** The server's reasons for CONTACT_NOT_PERMITTED, as the checklist on Home names them. */
const REASON_KEYS: Record<string, string> = {
  enterprise_unverified: 'home.gate.enterpriseVerified.label',
  member_not_real_name_verified: 'home.gate.realNameVerified.label',
  no_customer_contact_permission: 'home.gate.customerContact.label',
  member_inactive: 'gateRefusal.inactive',
};

function reasonsOf(error: unknown): string[] {
  const details = error instanceof ApiError ? (error.details as { reasons?: unknown } | undefined) : undefined;
  return Array.isArray(details?.reasons) ? details.reasons.filter((r): r is string => typeof r === 'string' && r in REASON_KEYS) : [];
}

/** An error answered by the API; gate refusals link to the checklist on Home. */
export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t } = useTranslation('work');
  const errorMessage = useErrorMessage();
  return (
    <Alert
      type={isGateRefusal(error) ? 'warning' : 'error'}
      showIcon
      data-testid="gate-refusal"
      title={errorMessage(error)}
      description={
        isGateRefusal(error) ? (
          <span>
            {reasonsOf(error).length
              ? t('gateRefusal.missing', {
                  items: reasonsOf(error)
                    .map((r) => t(REASON_KEYS[r] ?? r))
                    .join(t('gateRefusal.separator')),
                })
              : t('gateRefusal.text')}{' '}
            <Link to="/work">{t('gateRefusal.link')}</Link>
          </span>
        ) : undefined
      }
      style={style}
    />
  );
}
