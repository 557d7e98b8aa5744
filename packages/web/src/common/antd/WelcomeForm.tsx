import type { WelcomeMessageDto } from '@rapport/shared';
import { App, Button, Flex, Form, type FormInstance, Tag, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../i18n';
import { formatDateTime } from './format';
import { applyServerErrors } from './forms';
import { toWelcomeBody, toWelcomeValues, WelcomeFields, type WelcomeValues } from './WelcomeFields';

type SaveWelcome = { mutateAsync: (body: ReturnType<typeof toWelcomeBody>) => Promise<unknown> };

/**
 * The state of a welcome-message editor: its form (reset whenever the saved message changes), the values being
 * typed (for the preview), and a submit that saves, says "saved" or "cleared", and puts the server's field errors
 * on their fields.
 */
export function useWelcomeForm(welcome: WelcomeMessageDto, save: SaveWelcome, ns: 'admin' | 'work') {
  const { t } = useTranslation(ns);
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<WelcomeValues>();
  const watched = Form.useWatch([], form) as WelcomeValues | undefined;

  useEffect(() => form.setFieldsValue(toWelcomeValues(welcome)), [welcome, form]);

  const submit = async (values: WelcomeValues) => {
    const body = toWelcomeBody(values);
    try {
      await save.mutateAsync(body);
      message.success(body.text || body.attachments.length ? t('welcome.saved') : t('welcome.cleared'));
    } catch (error) {
      if (!applyServerErrors(form, error, { translate: errorMessage, invalidText: t('ui:invalidValue') }))
        message.error(errorMessage(error));
    }
  };
  return { form, values: watched ?? toWelcomeValues(welcome), submit };
}

/** When the message was last saved, or that it is not set: the editor card's corner. */
export function WelcomeSavedAt({ ns, welcome }: { ns: 'admin' | 'work'; welcome: WelcomeMessageDto }) {
  const { t, i18n } = useTranslation(ns);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {welcome.updatedAt ? t('welcome.updatedAt', { time: formatDateTime(welcome.updatedAt, i18n.language) }) : t('welcome.notSet')}
    </Typography.Text>
  );
}

/** The editor's form: the welcome fields, then save and revert (to the saved message). */
export function WelcomeForm({
  ns,
  name,
  welcome,
  form,
  submit,
  saving,
  revertLabel,
}: {
  ns: 'admin' | 'work';
  name: string;
  welcome: WelcomeMessageDto;
  form: FormInstance<WelcomeValues>;
  submit: (values: WelcomeValues) => Promise<void>;
  saving: boolean;
  revertLabel: string;
}) {
  const { t } = useTranslation(ns);
  return (
    <Form<WelcomeValues>
      name={name}
      form={form}
      layout="vertical"
      initialValues={toWelcomeValues(welcome)}
      onFinish={submit}
      data-testid="welcome-form"
    >
      <WelcomeFields ns={ns} />
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="welcome-save">
          {t('common:save')}
        </Button>
        <Button onClick={() => form.setFieldsValue(toWelcomeValues(welcome))}>{revertLabel}</Button>
      </Flex>
    </Form>
  );
}

/**
 * Which welcome message a new customer gets, as numbered steps (the contact way's, the member's, the
 * enterprise default), with the step this page edits highlighted; `below` adds content under a step.
 */
export function WelcomePrecedence({
  ns,
  steps,
  here,
  below,
}: {
  ns: 'admin' | 'work';
  steps: ReadonlyArray<readonly [title: string, help: string]>;
  here: number;
  below?: (step: number) => ReactNode;
}) {
  const { t } = useTranslation(ns);
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="welcome-precedence">
      {steps.map(([title, help], i) => (
        <li key={title} style={{ display: 'flex', gap: 12, marginBottom: i < steps.length - 1 ? 12 : 0 }}>
          <span
            style={{
              flex: 'none',
              width: 24,
              height: 24,
              borderRadius: 12,
              display: 'grid',
              placeItems: 'center',
              fontSize: 12,
              color: i === here ? '#fff' : '#595959',
              background: i === here ? '#1677ff' : '#f0f0f0',
            }}
          >
            {i + 1}
          </span>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Text strong={i === here}>{t(`welcome.${title}`)}</Typography.Text>
            {i === here ? (
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {t('welcome.thisPage')}
              </Tag>
            ) : null}
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
              {t(`welcome.${help}`)}
            </Typography.Paragraph>
            {below?.(i)}
          </div>
        </li>
      ))}
    </ol>
  );
}
