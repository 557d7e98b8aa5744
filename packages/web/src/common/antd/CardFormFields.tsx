import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BusinessCardDto } from '@rapport/shared';
import { LIMITS } from '@rapport/shared';
import { Button, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isWebLink } from '../mobile/BusinessCardView';
import { MIN_LENGTH } from '../mobile/forms';
import { makeRules, PATTERNS } from './rules';

type CardField = BusinessCardDto['customFields'][number];

/** The editable part of a business card as an antd form holds it (empty strings, not nulls). */
export interface CardFormValues {
  title: string;
  phone: string;
  storeAddress: string;
  photoUrl: string;
  bio: string;
  customFields: CardField[];
}

/** The body of `PUT …/card`: the editable fields of a card. */
export type CardBody = Pick<BusinessCardDto, 'title' | 'phone' | 'storeAddress' | 'photoUrl' | 'bio' | 'customFields'>;

/** The top-level form fields the server may name in a VALIDATION_FAILED answer. */
export const CARD_FORM_FIELDS = ['title', 'phone', 'storeAddress', 'photoUrl', 'bio', 'customFields'] as const;

export const toCardFormValues = (card: BusinessCardDto): CardFormValues => ({
  title: card.title ?? '',
  phone: card.phone ?? '',
  storeAddress: card.storeAddress ?? '',
  photoUrl: card.photoUrl ?? '',
  bio: card.bio ?? '',
  customFields: card.customFields.map((f) => ({ ...f })),
});

const orNull = (value: string | undefined) => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** Trimmed values, empty ones as null (cleared); also takes a half-filled form for the preview. */
export const toCardBody = (values: Partial<CardFormValues>): CardBody => ({
  title: orNull(values.title),
  phone: orNull(values.phone),
  storeAddress: orNull(values.storeAddress),
  photoUrl: orNull(values.photoUrl),
  bio: orNull(values.bio),
  customFields: (values.customFields ?? []).map((f) => ({
    label: (f?.label ?? '').trim(),
    kind: f?.kind ?? 'text',
    value: (f?.value ?? '').trim(),
  })),
});

/**
 * The fields of a business card (title, phone, store address, photo URL, introduction, up to
 * ten text or link fields), inside the caller's antd `Form` of `CardFormValues`. The admin
 * console edits any member's card with them, the Workspace the member's own.
 * `wide` puts short fields side by side and a custom field on one line (a console's width).
 */
export function CardFormFields({ wide = false }: { wide?: boolean }) {
  const { t } = useTranslation('ui');
  const rules = makeRules(t);
  const title = (
    <Form.Item name="title" label={t('card.title')} rules={[rules.max(LIMITS.title)]}>
      <Input maxLength={LIMITS.title} placeholder={t('card.titlePlaceholder')} />
    </Form.Item>
  );
  const phone = (
    <Form.Item
      name="phone"
      label={t('card.phone')}
      tooltip={t('card.phoneHelp')}
      rules={[
        { pattern: PATTERNS.phone, message: t('card.phoneInvalid') },
        { min: MIN_LENGTH.phone, message: t('card.phoneInvalid') },
      ]}
    >
      <Input maxLength={LIMITS.phone} inputMode="tel" autoComplete="tel" placeholder="+86 138 0000 0000" />
    </Form.Item>
  );
  return (
    <>
      {wide ? (
        <Row gutter={16}>
          <Col span={12}>{title}</Col>
          <Col span={12}>{phone}</Col>
        </Row>
      ) : (
        <>
          {title}
          {phone}
        </>
      )}
      <Form.Item name="storeAddress" label={t('card.storeAddress')} rules={[rules.max(LIMITS.storeAddress)]}>
        <Input.TextArea
          maxLength={LIMITS.storeAddress}
          autoSize={{ minRows: 1, maxRows: 3 }}
          placeholder={t('card.storeAddressPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="photoUrl" label={t('card.photoUrl')} extra={t('card.photoUrlHint')} rules={[rules.url(), rules.max(LIMITS.url)]}>
        <Input maxLength={LIMITS.url} inputMode="url" placeholder="https://" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item name="bio" label={t('card.bio')} rules={[rules.max(LIMITS.cardBio)]}>
        <Input.TextArea maxLength={LIMITS.cardBio} showCount autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('card.bioPlaceholder')} />
      </Form.Item>
      <CustomFields wide={wide} />
    </>
  );
}

function CustomFields({ wide }: { wide: boolean }) {
  const { t } = useTranslation('ui');
  return (
    <Form.List name="customFields">
      {(fields, { add, remove }) => (
        <div>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 8 }}>
            <Typography.Text strong>{t('card.customFields')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('card.customFieldsCount', { count: fields.length, max: LIMITS.cardFields })}
            </Typography.Text>
          </div>
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('card.customFieldsEmpty', { max: LIMITS.cardFields })}
            </Typography.Paragraph>
          ) : null}
          {fields.map((field, index) => (
            <CustomFieldRow key={field.key} name={field.name} index={index} wide={wide} onRemove={() => remove(field.name)} />
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={fields.length >= LIMITS.cardFields}
            onClick={() => add({ label: '', kind: 'text', value: '' })}
            data-testid="add-field"
          >
            {fields.length >= LIMITS.cardFields ? t('card.customFieldsFull', { max: LIMITS.cardFields }) : t('card.addField')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** One custom field: its label, kind (text or link) and value, and a remove button. */
function CustomFieldRow({ name, index, wide, onRemove }: { name: number; index: number; wide: boolean; onRemove: () => void }) {
  const { t } = useTranslation('ui');
  const rules = makeRules(t);
  const label = (
    <Form.Item
      name={[name, 'label']}
      style={{ flex: 1, minWidth: 0, maxWidth: wide ? 160 : undefined, marginBottom: 12 }}
      rules={[{ required: true, whitespace: true, message: t('card.fieldLabelRequired') }, rules.max(LIMITS.cardFieldLabel)]}
    >
      <Input maxLength={LIMITS.cardFieldLabel} placeholder={t('card.fieldLabel')} aria-label={t('card.fieldLabel')} />
    </Form.Item>
  );
  const kind = (
    <Form.Item name={[name, 'kind']} style={{ width: 96, flex: 'none', marginBottom: 12 }}>
      <Select
        aria-label={t('card.fieldKind')}
        options={[
          { value: 'text', label: t('card.kind.text') },
          { value: 'link', label: t('card.kind.link') },
        ]}
      />
    </Form.Item>
  );
  const value = (
    <Form.Item
      name={[name, 'value']}
      dependencies={[['customFields', name, 'kind']]}
      style={{ flex: 1, minWidth: 0, marginBottom: 12 }}
      rules={[
        { required: true, whitespace: true, message: t('card.fieldValueRequired') },
        rules.max(LIMITS.cardFieldValue),
        ({ getFieldValue }) => ({
          validator: (_, text: string | undefined) =>
            getFieldValue(['customFields', name, 'kind']) !== 'link' || !text || isWebLink(text.trim())
              ? Promise.resolve()
              : Promise.reject(new Error(t('card.linkInvalid'))),
        }),
      ]}
    >
      <Input maxLength={LIMITS.cardFieldValue} placeholder={t('card.fieldValue')} aria-label={t('card.fieldValue')} />
    </Form.Item>
  );
  const remove = (
    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('card.removeField')} onClick={onRemove} style={{ flex: 'none' }} />
  );
  // A console row has room for everything on one line; a phone stacks the value under the rest.
  if (wide)
    return (
      <div data-testid={`custom-field-${index}`} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        {kind}
        {label}
        {value}
        {remove}
      </div>
    );
  return (
    <div
      data-testid={`custom-field-${index}`}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12, background: '#fafafa' }}
    >
      <div style={{ display: 'flex', gap: 8 }}>
        {label}
        {kind}
        {remove}
      </div>
      {value}
    </div>
  );
}
