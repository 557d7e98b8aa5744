import { EditOutlined } from '@ant-design/icons';
import type { BusinessCardDto, MemberDto } from '@rapport/shared';
import { App, Button, Card, Drawer, Form, type FormInstance, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_FORM_FIELDS, CardFormFields, type CardFormValues, toCardBody, toCardFormValues } from '../common/antd/CardFormFields';
import { ErrorState } from '../common/antd/states';
import { useErrorMessage } from '../common/i18n';
import { BusinessCardView, type CardViewData } from '../common/mobile/BusinessCardView';
import { serverFieldErrors } from '../common/mobile/forms';
import { useMyCard, useUpdateMyCard } from './hooks';
import { useIsDesktop } from './layout';

/** The card with unsaved edits applied, for the live preview. */
const withEdits = (card: BusinessCardDto, values: Partial<CardFormValues> | undefined): CardViewData => {
  if (!values) return card;
  const body = toCardBody(values);
  return { ...card, ...body, customFields: body.customFields.filter((f) => f.label && f.value) };
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
function useSaveCard(form: FormInstance<CardFormValues>, onSaved?: () => void) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const update = useUpdateMyCard();
  const save = async (values: CardFormValues) => {
    try {
      const saved = await update.mutateAsync(toCardBody(values));
      form.setFieldsValue(toCardFormValues(saved));
      void message.success(tc('saved'));
      onSaved?.();
    } catch (error) {
      const fields = serverFieldErrors(error, CARD_FORM_FIELDS);
      if (fields.length === 0) void message.error(errorMessage(error));
      else form.setFields(fields.map((f) => ({ name: f.path as never, errors: [t('card.form.invalid')] })));
    }
  };
  return { save, saving: update.isPending };
}

const sameCard = (a: Partial<CardFormValues>, b: Partial<CardFormValues>) =>
  JSON.stringify(toCardBody(a)) === JSON.stringify(toCardBody(b));

/**
 * Keeps the form in step with the card when it changes elsewhere (an admin, another device),
 * unless the member has unsaved edits, which are never overwritten.
 */
function useSyncForm(form: FormInstance<CardFormValues>, card: BusinessCardDto) {
  const synced = useRef(toCardFormValues(card));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newer version of the card should move the form
  useEffect(() => {
    const next = toCardFormValues(card);
    if (sameCard(form.getFieldsValue(true) as Partial<CardFormValues>, synced.current)) form.setFieldsValue(next);
    synced.current = next;
  }, [card.updatedAt]);
}

function DesktopEditor({ card, member }: { card: BusinessCardDto; member: MemberDto }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const [form] = Form.useForm<CardFormValues>();
  const values = Form.useWatch([], form) as Partial<CardFormValues> | undefined;
  const { save, saving } = useSaveCard(form);
  useSyncForm(form, card);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(320px, 420px)', gap: 24, alignItems: 'start' }}>
      <Card variant="borderless" title={t('card.edit')}>
        <CardForm form={form} card={card} member={member} onFinish={save} />
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 8 }}>
          <Button onClick={() => form.setFieldsValue(toCardFormValues(card))}>{t('card.form.reset')}</Button>
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
  const [form] = Form.useForm<CardFormValues>();
  const values = Form.useWatch([], form) as Partial<CardFormValues> | undefined;
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
          form.setFieldsValue(toCardFormValues(card));
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
  form: FormInstance<CardFormValues>;
  card: BusinessCardDto;
  member: MemberDto;
  onFinish: (values: CardFormValues) => void;
}) {
  const { t } = useTranslation('work');
  return (
    <Form<CardFormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={toCardFormValues(card)}
      onFinish={onFinish}
      scrollToFirstError
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('card.form.nameNote', { name: member.name })}
      </Typography.Paragraph>
      <CardFormFields />
    </Form>
  );
}
