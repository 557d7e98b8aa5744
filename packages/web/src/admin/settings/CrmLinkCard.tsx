import { LinkOutlined } from '@ant-design/icons';
import { PutCrmLinkBody, TAG_LIMITS } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../common/antd/forms';
import { ErrorState } from '../../common/antd/states';
import { api } from '../../common/api';
import { useErrorMessage } from '../../common/i18n';

const key = ['admin', 'crm-link'] as const;
/** The schema's own pattern: http(s), no blanks, holding {customerId} or {consumerId}. */
const TEMPLATE = new RegExp(
  (PutCrmLinkBody.properties.template.anyOf[0] as { pattern?: string }).pattern ?? '^https?://.*\\{(customerId|consumerId)\\}.*$',
);
const EXAMPLE = 'https://crm.example.com/customers/{customerId}';
const SAMPLE = { customerId: '01JD8ZQ4R6T2Y9C3M5N7P1K0VX', consumerId: '01JD8ZQ2A1B3C5D7E9F0G2H4JK' };

/** CRM 链接: a URL template members open from a customer's profile, with the customer's id filled in. */
export function CrmLinkCard() {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ template: string }>();
  const link = useQuery({ queryKey: key, queryFn: () => api<{ template: string | null }>('GET', '/enterprise/crm-link') });
  const save = useMutation({
    mutationFn: (template: string | null) => api<{ template: string | null }>('PUT', '/enterprise/crm-link', { template }),
    onSuccess: (data) => client.setQueryData(key, data),
  });
  const template = (Form.useWatch('template', form) as string | undefined)?.trim() ?? '';

  useEffect(() => {
    if (link.data) form.setFieldsValue({ template: link.data.template ?? '' });
  }, [link.data, form]);

  const submit = async (values: { template: string }) => {
    const value = values.template.trim() || null;
    try {
      await save.mutateAsync(value);
      message.success(value ? t('crm.saved') : t('crm.cleared'));
    } catch (error) {
      if (!applyServerErrors(form, error, { translate: errorMessage, invalidText: t('crm.rule') })) message.error(errorMessage(error));
    }
  };

  const sample = TEMPLATE.test(template)
    ? template.replaceAll('{customerId}', SAMPLE.customerId).replaceAll('{consumerId}', SAMPLE.consumerId)
    : null;

  return (
    <Card
      variant="borderless"
      style={{ marginBottom: 16 }}
      title={
        <Flex align="center" gap={8}>
          <LinkOutlined />
          {t('crm.title')}
        </Flex>
      }
    >
      {link.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : link.isError ? (
        <ErrorState compact error={link.error} onRetry={() => void link.refetch()} />
      ) : (
        <Form name="crm-link" form={form} layout="vertical" onFinish={submit} data-testid="crm-form">
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('crm.description')}
          </Typography.Paragraph>
          <Form.Item
            name="template"
            label={t('crm.template')}
            extra={t('crm.help', { example: EXAMPLE })}
            rules={[
              { max: TAG_LIMITS.crmTemplate, message: t('ui:maxLength', { max: TAG_LIMITS.crmTemplate }) },
              {
                validator: async (_, value: string | undefined) => {
                  if (value?.trim() && !TEMPLATE.test(value.trim())) throw new Error(t('crm.rule'));
                },
              },
            ]}
          >
            <Input maxLength={TAG_LIMITS.crmTemplate} placeholder={EXAMPLE} allowClear aria-label={t('crm.template')} />
          </Form.Item>
          {sample ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8, wordBreak: 'break-all' }} data-testid="crm-sample">
              {t('crm.sample')} <Typography.Text code>{sample}</Typography.Text>
            </Typography.Paragraph>
          ) : null}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="crm-save">
              {t('common:save')}
            </Button>
            <Button onClick={() => form.setFieldsValue({ template: link.data.template ?? '' })}>{t('cards.revert')}</Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
