import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BusinessCardDto } from '@rapport/shared';
import { LIMITS } from '@rapport/shared';
import { App, Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { applyServerErrors } from '../../common/antd/forms';
import { makeRules, nullable } from '../../common/antd/rules';
import { useErrorMessage } from '../../common/i18n';
import { type CardField, useUpdateCard } from '../hooks';
import { CardPreview, type PreviewValues } from './CardPreview';

interface Values {
  title?: string;
  phone?: string;
  storeAddress?: string;
  photoUrl?: string;
  bio?: string;
  customFields: CardField[];
}

const toValues = (card: BusinessCardDto): Values => ({
  title: card.title ?? '',
  phone: card.phone ?? '',
  storeAddress: card.storeAddress ?? '',
  photoUrl: card.photoUrl ?? '',
  bio: card.bio ?? '',
  customFields: card.customFields,
});

/** Edit one member's business card beside a live phone-sized preview. */
export function CardEditor({ card }: { card: BusinessCardDto }) {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useUpdateCard();
  const rules = makeRules(t);
  const watched = Form.useWatch([], form) as Values | undefined;
  const preview: PreviewValues = watched ?? toValues(card);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toValues(card));
  }, [card, form]);

  const submit = async (values: Values) => {
    try {
      await save.mutateAsync({
        memberId: card.memberId,
        title: nullable(values.title),
        phone: nullable(values.phone),
        storeAddress: nullable(values.storeAddress),
        photoUrl: nullable(values.photoUrl),
        bio: nullable(values.bio),
        customFields: (values.customFields ?? []).map((f) => ({ kind: f.kind, label: f.label.trim(), value: f.value.trim() })),
      });
      message.success(t('cards.saved', { name: card.name }));
    } catch (error) {
      const shown = applyServerErrors(form, error, { translate: errorMessage, invalidText: t('ui:invalidValue') });
      if (!shown) message.error(errorMessage(error));
    }
  };

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          variant="borderless"
          title={t('cards.editTitle', { name: card.name })}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cards.updatedAt', { time: formatDateTime(card.updatedAt, i18n.language) })}
            </Typography.Text>
          }
        >
          <Form<Values> name="card" form={form} layout="vertical" onFinish={submit} initialValues={toValues(card)} data-testid="card-form">
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="title" label={t('fields.title')} rules={[rules.max(LIMITS.title)]}>
                  <Input maxLength={LIMITS.title} placeholder={t('memberForm.titlePlaceholder')} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="phone"
                  label={t('cards.phone')}
                  tooltip={t('cards.phoneHelp')}
                  rules={[rules.phone(), rules.max(LIMITS.phone)]}
                >
                  <Input maxLength={LIMITS.phone} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="storeAddress" label={t('cards.storeAddress')} rules={[rules.max(LIMITS.storeAddress)]}>
              <Input maxLength={LIMITS.storeAddress} showCount placeholder={t('cards.storeAddressPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="photoUrl"
              label={t('cards.photoUrl')}
              extra={t('cards.photoUrlHelp')}
              rules={[rules.url(), rules.max(LIMITS.url)]}
            >
              <Input maxLength={LIMITS.url} placeholder="https://" />
            </Form.Item>
            <Form.Item name="bio" label={t('cards.bio')} rules={[rules.max(LIMITS.cardBio)]}>
              <Input.TextArea
                maxLength={LIMITS.cardBio}
                showCount
                autoSize={{ minRows: 3, maxRows: 6 }}
                placeholder={t('cards.bioPlaceholder')}
              />
            </Form.Item>
            <Form.List name="customFields">
              {(fields, { add, remove }, { errors }) => (
                <div>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                    <Typography.Text strong>
                      {t('cards.customFields')}{' '}
                      <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                        ({fields.length}/{LIMITS.cardFields})
                      </Typography.Text>
                    </Typography.Text>
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      disabled={fields.length >= LIMITS.cardFields}
                      onClick={() => add({ kind: 'text', label: '', value: '' })}
                    >
                      {t('cards.addField')}
                    </Button>
                  </Flex>
                  {fields.length === 0 ? (
                    <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                      {t('cards.noFields')}
                    </Typography.Paragraph>
                  ) : null}
                  {fields.map((field, index) => (
                    <Flex key={field.key} gap={8} align="flex-start" data-testid={`card-field-${index}`}>
                      <Form.Item name={[field.name, 'kind']} style={{ width: 84, flex: 'none', marginBottom: 12 }}>
                        <Select
                          aria-label={t('cards.fieldKind')}
                          options={[
                            { value: 'text', label: t('cards.kindText') },
                            { value: 'link', label: t('cards.kindLink') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'label']}
                        style={{ width: 120, flex: 'none', marginBottom: 12 }}
                        rules={[rules.requiredText(), rules.max(LIMITS.cardFieldLabel)]}
                      >
                        <Input maxLength={LIMITS.cardFieldLabel} placeholder={t('cards.fieldLabel')} aria-label={t('cards.fieldLabel')} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'value']}
                        style={{ flex: 1, minWidth: 0, marginBottom: 12 }}
                        dependencies={[['customFields', field.name, 'kind']]}
                        rules={[
                          rules.requiredText(),
                          rules.max(LIMITS.cardFieldValue),
                          ({ getFieldValue }) => ({
                            validator: (_, value: string) =>
                              getFieldValue(['customFields', field.name, 'kind']) !== 'link' ||
                              !value ||
                              /^https?:\/\/\S+$/.test(value.trim())
                                ? Promise.resolve()
                                : Promise.reject(new Error(t('ui:urlRule'))),
                          }),
                        ]}
                      >
                        <Input maxLength={LIMITS.cardFieldValue} placeholder={t('cards.fieldValue')} aria-label={t('cards.fieldValue')} />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common:delete')}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  ))}
                  <Form.ErrorList errors={errors} />
                </div>
              )}
            </Form.List>
            <Flex gap={8} style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="card-save">
                {t('common:save')}
              </Button>
              <Button onClick={() => form.setFieldsValue(toValues(card))}>{t('cards.revert')}</Button>
            </Flex>
          </Form>
        </Card>
      </Col>
      <Col flex="340px">
        <Card variant="borderless" title={t('cards.preview')} styles={{ body: { padding: '20px 0' } }}>
          <CardPreview card={card} values={preview} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: '16px 16px 0' }}>
            {t('cards.previewHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
