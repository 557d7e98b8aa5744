import { SafetyCertificateFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import type { EnterpriseDto } from '@rapport/shared';
import { LIMITS, POLICY_DEFAULTS } from '@rapport/shared';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { applyServerErrors } from '../../common/antd/forms';
import { PageHeader } from '../../common/antd/PageHeader';
import { makeRules } from '../../common/antd/rules';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { VerificationTag } from '../AdminShell';
import { type EnterprisePatch, useEnterprise, useUpdateEnterprise } from '../hooks';
import { CrmLinkCard } from './CrmLinkCard';

/** The schema's bounds of each customer limit (UpdateEnterpriseBody). */
const BOUNDS = {
  unverifiedCustomerLimit: { min: 0, max: 200 },
  memberCustomerLimit: { min: 1, max: 20000 },
  enterpriseCustomerLimit: { min: 1, max: 50000 },
} as const;

type Values = Required<EnterprisePatch>;

const toValues = (e: EnterpriseDto): Values => ({
  name: e.name,
  shortName: e.shortName,
  timezone: e.timezone,
  unverifiedCustomerLimit: e.unverifiedCustomerLimit,
  memberCustomerLimit: e.memberCustomerLimit,
  enterpriseCustomerLimit: e.enterpriseCustomerLimit,
});

function timeZones(current: string): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [POLICY_DEFAULTS.timezone, 'UTC'];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** 企业设置: names, time zone, customer-contact limits and the verification status. */
export function SettingsPage() {
  const { t } = useTranslation('admin');
  const enterprise = useEnterprise();
  const header = <PageHeader title={t('settings.title')} description={t('settings.description')} />;
  return (
    <>
      {header}
      {enterprise.isPending ? (
        <LoadingState rows={10} />
      ) : enterprise.isError ? (
        <ErrorState error={enterprise.error} onRetry={() => void enterprise.refetch()} />
      ) : (
        <SettingsForm enterprise={enterprise.data} />
      )}
    </>
  );
}

function SettingsForm({ enterprise }: { enterprise: EnterpriseDto }) {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateEnterprise();
  const rules = makeRules(t);
  const zones = useMemo(() => timeZones(enterprise.timezone).map((z) => ({ value: z, label: z })), [enterprise.timezone]);

  useEffect(() => form.setFieldsValue(toValues(enterprise)), [enterprise, form]);

  const submit = async (values: Values) => {
    const before = toValues(enterprise);
    const patch = Object.fromEntries(
      Object.entries({ ...values, name: values.name.trim(), shortName: values.shortName.trim() }).filter(
        ([key, value]) => before[key as keyof Values] !== value,
      ),
    ) as EnterprisePatch;
    if (Object.keys(patch).length === 0) {
      message.info(t('settings.nothingChanged'));
      return;
    }
    try {
      await update.mutateAsync(patch);
      message.success(t('common:saved'));
    } catch (error) {
      if (!applyServerErrors(form, error, { translate: errorMessage, invalidText: t('ui:invalidValue') }))
        message.error(errorMessage(error));
    }
  };

  const limit = (name: keyof typeof BOUNDS) => (
    <Form.Item
      name={name}
      label={t(`settings.${name}`)}
      extra={t(`settings.${name}Help`, { min: BOUNDS[name].min, max: BOUNDS[name].max, default: POLICY_DEFAULTS[name] })}
      rules={[rules.required()]}
    >
      <InputNumber
        min={BOUNDS[name].min}
        max={BOUNDS[name].max}
        precision={0}
        style={{ width: 200 }}
        suffix={t('settings.customersUnit')}
        aria-label={t(`settings.${name}`)}
      />
    </Form.Item>
  );

  const verified = enterprise.verification === 'verified';
  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Form<Values>
          name="settings"
          form={form}
          layout="vertical"
          initialValues={toValues(enterprise)}
          onFinish={submit}
          data-testid="settings-form"
        >
          <Card variant="borderless" title={t('settings.profile')} style={{ marginBottom: 16 }}>
            <Form.Item
              name="name"
              label={t('settings.name')}
              rules={[rules.requiredText(), rules.min(2), rules.max(LIMITS.enterpriseName)]}
            >
              <Input maxLength={LIMITS.enterpriseName} />
            </Form.Item>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item
                  name="shortName"
                  label={t('settings.shortName')}
                  extra={t('settings.shortNameHelp')}
                  rules={[rules.requiredText(), rules.max(LIMITS.shortName)]}
                >
                  <Input maxLength={LIMITS.shortName} prefix="@" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="timezone" label={t('settings.timezone')} extra={t('settings.timezoneHelp')} rules={[rules.required()]}>
                  <Select showSearch options={zones} aria-label={t('settings.timezone')} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card variant="borderless" title={t('settings.limits')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('settings.limitsDescription')}
            </Typography.Paragraph>
            {limit('unverifiedCustomerLimit')}
            {limit('memberCustomerLimit')}
            {limit('enterpriseCustomerLimit')}
          </Card>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-save">
              {t('common:save')}
            </Button>
            <Button onClick={() => form.setFieldsValue(toValues(enterprise))}>{t('cards.revert')}</Button>
          </Flex>
        </Form>
        <div style={{ marginTop: 16 }}>
          <CrmLinkCard />
        </div>
      </Col>
      <Col xs={24} xl={9}>
        <Card
          variant="borderless"
          title={
            <Flex align="center" gap={8}>
              {verified ? (
                <SafetyCertificateFilled style={{ color: '#52c41a' }} />
              ) : (
                <SafetyCertificateOutlined style={{ color: '#faad14' }} />
              )}
              {t('settings.verification')}
            </Flex>
          }
        >
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'code', label: t('settings.code'), children: <Typography.Text copyable>{enterprise.code}</Typography.Text> },
              { key: 'status', label: t('settings.status'), children: <VerificationTag enterprise={enterprise} /> },
              { key: 'verifiedAt', label: t('settings.verifiedAt'), children: formatDateTime(enterprise.verifiedAt, i18n.language) },
              { key: 'createdAt', label: t('settings.createdAt'), children: formatDateTime(enterprise.createdAt, i18n.language) },
            ]}
          />
          <Alert
            style={{ marginTop: 16 }}
            type={verified ? 'success' : 'warning'}
            showIcon
            title={verified ? t('settings.verifiedTitle') : t('settings.unverifiedTitle')}
            description={
              verified ? t('settings.verifiedExplain') : t('settings.unverifiedExplain', { limit: enterprise.unverifiedCustomerLimit })
            }
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
            {t('settings.contactRule')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
