import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { BusinessCardDto, MemberDto } from '@rapport/shared';
import { LIMITS } from '@rapport/shared';
import { App, Button, Card, Drawer, Form, type FormInstance, Input, Select, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../common/antd/states';
import { useErrorMessage } from '../common/i18n';
import { BusinessCardView, type CardViewData, isWebLink } from '../common/mobile/BusinessCardView';
import { MIN_LENGTH, PATTERNS, serverFieldErrors } from '../common/mobile/forms';
import { type UpdateCardInput, useMyCard, useUpdateMyCard } from './hooks';
import { useIsDesktop } from './layout';

interface FieldValues {
  label: string;
  kind: 'text' | 'link';
  value: string;
}

interface Values {
  title: string;
  phone: string;
  storeAddress: string;
  photoUrl: string;
  bio: string;
  customFields: FieldValues[];
}

const EDITABLE = ['title', 'phone', 'storeAddress', 'photoUrl', 'bio', 'customFields'] as const;

const toValues = (card: BusinessCardDto): Values => ({
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

const toBody = (values: Partial<Values>): UpdateCardInput => ({
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

/** The card with unsaved edits applied, for the live preview. */
const withEdits = (card: BusinessCardDto, values: Partial<Values> | undefined): CardViewData => {
  if (!values) return card;
  const body = toBody(values);
  return {
    ...card,
    title: body.title ?? null,
    phone: body.phone ?? null,
    storeAddress: body.storeAddress ?? null,
    photoUrl: body.photoUrl ?? null,
    bio: body.bio ?? null,
    customFields: (body.customFields ?? []).filter((f) => f.label && f.value),
  };
};

/**
 * My card: my business card exactly as consumers will see it, and the form to edit what a member
 * may change (title, phone, store address, photo, introduction, custom fields). Desktop edits
 * beside a live preview; phones edit in a full-screen drawer.
 */
export function CardPage({ member }: { member: MemberDto }) {
  const { t } = useTranslation('work');
  const card = useMyCard();
  const desktop = useIsDesktop();

  const heading = (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('card.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        {t('card.subtitle')}
      </Typography.Paragraph>
    </div>
  );

  if (card.isPending)
    return (
      <div aria-busy="true">
        {heading}
        <Card variant="borderless" style={{ maxWidth: 480 }}>
          <Skeleton.Image active style={{ width: '100%', height: 200 }} />
          <Skeleton active paragraph={{ rows: 4 }} style={{ marginTop: 16 }} />
        </Card>
      </div>
    );
  if (card.isError)
    return (
      <div>
        {heading}
        <Card variant="borderless">
          <ErrorState status="warning" compact error={card.error} onRetry={() => void card.refetch()} title={t('card.loadFailed')} />
        </Card>
      </div>
    );

  return (
    <div>
      {heading}
      {desktop ? <DesktopEditor card={card.data} member={member} /> : <PhoneEditor card={card.data} member={member} />}
    </div>
  );
}

/** Saving: sends the form, maps server field errors back onto the fields. */
function useSaveCard(form: FormInstance<Values>, onSaved?: () => void) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const update = useUpdateMyCard();
  const save = async (values: Values) => {
    try {
      const saved = await update.mutateAsync(toBody(values));
      form.setFieldsValue(toValues(saved));
      void message.success(tc('saved'));
      onSaved?.();
    } catch (error) {
      const fields = serverFieldErrors(error, EDITABLE);
      if (fields.length === 0) void message.error(errorMessage(error));
      else form.setFields(fields.map((f) => ({ name: f.path as never, errors: [t('card.form.invalid')] })));
    }
  };
  return { save, saving: update.isPending };
}

const sameCard = (a: Partial<Values>, b: Partial<Values>) => JSON.stringify(toBody(a)) === JSON.stringify(toBody(b));

/**
 * Keeps the form in step with the card when it changes elsewhere (an admin, another device),
 * unless the member has unsaved edits, which are never overwritten.
 */
function useSyncForm(form: FormInstance<Values>, card: BusinessCardDto) {
  const synced = useRef(toValues(card));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newer version of the card should move the form
  useEffect(() => {
    const next = toValues(card);
    if (sameCard(form.getFieldsValue(true) as Partial<Values>, synced.current)) form.setFieldsValue(next);
    synced.current = next;
  }, [card.updatedAt]);
}

function DesktopEditor({ card, member }: { card: BusinessCardDto; member: MemberDto }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const { save, saving } = useSaveCard(form);
  useSyncForm(form, card);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(320px, 420px)', gap: 24, alignItems: 'start' }}>
      <Card variant="borderless" title={t('card.edit')}>
        <CardForm form={form} card={card} member={member} onFinish={save} />
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 8 }}>
          <Button onClick={() => form.setFieldsValue(toValues(card))}>{t('card.form.reset')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="card-save">
            {tc('save')}
          </Button>
        </div>
      </Card>
      <div style={{ position: 'sticky', top: 80 }}>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('card.previewLabel')}
        </Typography.Text>
        <BusinessCardView card={withEdits(card, values)} />
      </div>
    </div>
  );
}

function PhoneEditor({ card, member }: { card: BusinessCardDto; member: MemberDto }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const { save, saving } = useSaveCard(form, () => setOpen(false));
  useSyncForm(form, card);
  return (
    <>
      <Button type="primary" icon={<EditOutlined />} block size="large" onClick={() => setOpen(true)} data-testid="card-edit">
        {t('card.edit')}
      </Button>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '16px 0 8px' }}>
        {t('card.previewLabel')}
      </Typography.Text>
      <BusinessCardView card={card} />
      <Drawer
        open={open}
        onClose={() => {
          setOpen(false);
          form.setFieldsValue(toValues(card));
        }}
        placement="bottom"
        size="100%"
        rootClassName="rp-card-drawer"
        forceRender
        title={t('card.edit')}
        styles={{ body: { padding: 16 } }}
        extra={
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="card-save">
            {tc('save')}
          </Button>
        }
      >
        <CardForm form={form} card={card} member={member} onFinish={save} />
        <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0' }}>
          {t('card.previewLabel')}
        </Typography.Text>
        <BusinessCardView card={withEdits(card, values)} />
      </Drawer>
    </>
  );
}

function CardForm({
  form,
  card,
  member,
  onFinish,
}: {
  form: FormInstance<Values>;
  card: BusinessCardDto;
  member: MemberDto;
  onFinish: (values: Values) => void;
}) {
  const { t } = useTranslation('work');
  const tooLong = (max: number) => ({ max, message: t('card.form.tooLong', { max }) });
  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={toValues(card)} onFinish={onFinish} scrollToFirstError>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('card.form.nameNote', { name: member.name })}
      </Typography.Paragraph>
      <Form.Item name="title" label={t('card.form.title')} rules={[tooLong(LIMITS.title)]}>
        <Input maxLength={LIMITS.title} placeholder={t('card.form.titlePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('card.form.phone')}
        rules={[
          { pattern: PATTERNS.phone, message: t('card.form.phoneInvalid') },
          { min: MIN_LENGTH.phone, message: t('card.form.phoneInvalid') },
        ]}
      >
        <Input maxLength={LIMITS.phone} inputMode="tel" autoComplete="tel" placeholder="+86 138 0000 0000" />
      </Form.Item>
      <Form.Item name="storeAddress" label={t('card.form.storeAddress')} rules={[tooLong(LIMITS.storeAddress)]}>
        <Input.TextArea
          maxLength={LIMITS.storeAddress}
          autoSize={{ minRows: 1, maxRows: 3 }}
          placeholder={t('card.form.storeAddressPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="photoUrl"
        label={t('card.form.photoUrl')}
        extra={t('card.form.photoUrlHint')}
        rules={[{ pattern: PATTERNS.httpUrl, message: t('card.form.urlInvalid') }, tooLong(LIMITS.url)]}
      >
        <Input maxLength={LIMITS.url} inputMode="url" placeholder="https://" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item name="bio" label={t('card.form.bio')} rules={[tooLong(LIMITS.cardBio)]}>
        <Input.TextArea
          maxLength={LIMITS.cardBio}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t('card.form.bioPlaceholder')}
        />
      </Form.Item>
      <CustomFields />
    </Form>
  );
}

function CustomFields() {
  const { t } = useTranslation('work');
  return (
    <Form.List name="customFields">
      {(fields, { add, remove }) => (
        <div>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 8 }}>
            <Typography.Text strong>{t('card.form.customFields')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('card.form.customFieldsCount', { count: fields.length, max: LIMITS.cardFields })}
            </Typography.Text>
          </div>
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('card.form.customFieldsEmpty')}
            </Typography.Paragraph>
          ) : null}
          {fields.map((field, index) => (
            <div
              key={field.key}
              data-testid={`custom-field-${index}`}
              style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12, background: '#fafafa' }}
            >
              <div style={{ display: 'flex', gap: 8 }}>
                <Form.Item
                  name={[field.name, 'label']}
                  style={{ flex: 1, minWidth: 0, marginBottom: 12 }}
                  rules={[
                    { required: true, whitespace: true, message: t('card.form.fieldLabelRequired') },
                    { max: LIMITS.cardFieldLabel, message: t('card.form.tooLong', { max: LIMITS.cardFieldLabel }) },
                  ]}
                >
                  <Input maxLength={LIMITS.cardFieldLabel} placeholder={t('card.form.fieldLabel')} aria-label={t('card.form.fieldLabel')} />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} style={{ width: 96, marginBottom: 12 }}>
                  <Select
                    aria-label={t('card.form.fieldKind')}
                    options={[
                      { value: 'text', label: t('card.form.kind.text') },
                      { value: 'link', label: t('card.form.kind.link') },
                    ]}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('card.form.removeField')}
                  onClick={() => remove(field.name)}
                  style={{ flex: 'none' }}
                />
              </div>
              <Form.Item
                name={[field.name, 'value']}
                dependencies={[['customFields', field.name, 'kind']]}
                style={{ marginBottom: 12 }}
                rules={[
                  { required: true, whitespace: true, message: t('card.form.fieldValueRequired') },
                  { max: LIMITS.cardFieldValue, message: t('card.form.tooLong', { max: LIMITS.cardFieldValue }) },
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      getFieldValue(['customFields', field.name, 'kind']) !== 'link' || !value || isWebLink(value.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('card.form.linkInvalid'))),
                  }),
                ]}
              >
                <Input maxLength={LIMITS.cardFieldValue} placeholder={t('card.form.fieldValue')} aria-label={t('card.form.fieldValue')} />
              </Form.Item>
            </div>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={fields.length >= LIMITS.cardFields}
            onClick={() => add({ label: '', kind: 'text', value: '' })}
            data-testid="add-field"
          >
            {fields.length >= LIMITS.cardFields ? t('card.form.customFieldsFull', { max: LIMITS.cardFields }) : t('card.form.addField')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
