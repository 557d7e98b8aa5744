import { CheckCircleFilled, CustomerServiceOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { MemberDto } from '@rapport/shared';
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR = { active: 'success', disabled: 'default', resigned: 'error' } as const;

export function StatusTag({ status }: { status: MemberDto['status'] }) {
  const { t } = useTranslation('admin');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="member-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function RoleTag({ role }: { role: MemberDto['role'] }) {
  const { t } = useTranslation('admin');
  return role === 'admin' ? <Tag color="blue">{t('roles.admin')}</Tag> : <Tag variant="filled">{t('roles.member')}</Tag>;
}

/** Real-name verified and customer-contact permission, the two conditions for customer contact. */
export function MemberFlags({ member }: { member: Pick<MemberDto, 'realNameVerified' | 'customerContact'> }) {
  const { t } = useTranslation('admin');
  return (
    <Space size={4} wrap>
      <Tooltip title={member.realNameVerified ? t('flags.realNameVerifiedHint') : t('flags.realNameUnverifiedHint')}>
        {member.realNameVerified ? (
          <Tag color="green" icon={<CheckCircleFilled />} style={{ marginInlineEnd: 0 }}>
            {t('flags.realName')}
          </Tag>
        ) : (
          <Tag icon={<SafetyCertificateOutlined />} style={{ marginInlineEnd: 0, color: '#8c8c8c' }}>
            {t('flags.noRealName')}
          </Tag>
        )}
      </Tooltip>
      {member.customerContact ? (
        <Tooltip title={t('flags.customerContactHint')}>
          <Tag color="processing" icon={<CustomerServiceOutlined />} style={{ marginInlineEnd: 0 }}>
            {t('flags.customerContact')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
