import { DeleteOutlined, FileImageOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { LIMITS, WELCOME_LIMITS, type WelcomeMessageDto, type WelcomeMessageInput } from '@rapport/shared';
import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { makeRules } from '../../common/antd/rules';

export type WelcomeAttachmentValue = WelcomeMessageInput['attachments'][number];
export interface WelcomeValues {
  text?: string;
  attachments?: WelcomeAttachmentValue[];
}

export const toWelcomeValues = (welcome: Pick<WelcomeMessageDto, 'text' | 'attachments'> | null | undefined): WelcomeValues => ({
  text: welcome?.text ?? '',
  attachments: welcome?.attachments ?? [],
});

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** The wire body of the form's values: text trimmed, empty optional link fields left out. */
export function toWelcomeBody(values: WelcomeValues | undefined): WelcomeMessageInput {
  return {
    text: (values?.text ?? '').trim(),
    attachments: (values?.attachments ?? []).map((a) =>
      a.kind === 'link'
        ? {
            kind: 'link',
            body: {
              url: a.body.url.trim(),
              title: a.body.title.trim(),
              ...(trimmed(a.body.description) && { description: trimmed(a.body.description) }),
              ...(trimmed(a.body.imageUrl) && { imageUrl: trimmed(a.body.imageUrl) }),
            },
          }
        : a,
    ),
  };
}

/**
 * The fields of a welcome message (text, then link cards) under `prefix` of the surrounding form.
 * Images sent through the API stay listed and can be removed; the console has no upload yet.
 */
export function WelcomeFields({ prefix = [], textHelp }: { prefix?: (string | number)[]; textHelp?: string }) {
  const { t } = useTranslation('admin');
  const rules = makeRules(t);
  return (
    <>
      <Form.Item
        name={[...prefix, 'text']}
        label={t('welcome.text')}
        extra={textHelp ?? t('welcome.textHelp')}
        rules={[rules.max(WELCOME_LIMITS.textLength)]}
      >
        <Input.TextArea
          maxLength={WELCOME_LIMITS.textLength}
          showCount
          autoSize={{ minRows: 4, maxRows: 10 }}
          placeholder={t('welcome.textPlaceholder')}
          aria-label={t('welcome.text')}
        />
      </Form.Item>
      <Form.List name={[...prefix, 'attachments']}>
        {(fields, { add, remove }) => (
          <Form.Item label={t('welcome.attachments')} extra={t('welcome.attachmentsHelp', { max: WELCOME_LIMITS.attachments })}>
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <AttachmentField key={field.key} prefix={prefix} index={index} name={field.name} onRemove={() => remove(field.name)} />
              ))}
              {fields.length < WELCOME_LIMITS.attachments ? (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'link', body: { url: '', title: '' } })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('welcome.addLink')}
                </Button>
              ) : null}
            </Flex>
          </Form.Item>
        )}
      </Form.List>
    </>
  );
}

function AttachmentField({
  prefix,
  index,
  name,
  onRemove,
}: {
  prefix: (string | number)[];
  index: number;
  name: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation('admin');
  const rules = makeRules(t);
  const form = Form.useFormInstance();
  const kind = Form.useWatch([...prefix, 'attachments', name, 'kind'], form) as WelcomeAttachmentValue['kind'] | undefined;
  const imageName = Form.useWatch([...prefix, 'attachments', name, 'body', 'name'], form) as string | undefined;
  const removeButton = (
    <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('welcome.removeAttachment')} />
  );
  // The kind (and an image's stored metadata) have no input of their own: hidden items keep them in the values.
  const kept = (
    <>
      <Form.Item name={[name, 'kind']} hidden noStyle />
      {kind === 'image' ? <Form.Item name={[name, 'body']} hidden noStyle /> : null}
    </>
  );
  if (kind === 'image')
    return (
      <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
        {kept}
        <Flex align="center" gap={8}>
          <FileImageOutlined style={{ color: '#52c41a' }} />
          <Typography.Text ellipsis style={{ flex: 1 }}>
            {t('welcome.image', { name: imageName ?? '' })}
          </Typography.Text>
          {removeButton}
        </Flex>
      </Card>
    );
  return (
    <Card
      size="small"
      data-testid={`welcome-link-${index}`}
      title={
        <Flex align="center" gap={6} style={{ fontWeight: 'normal' }}>
          <LinkOutlined style={{ color: '#1677ff' }} />
          {t('welcome.linkCard', { n: index + 1 })}
        </Flex>
      }
      extra={removeButton}
      styles={{ body: { paddingBottom: 0 } }}
    >
      {kept}
      <Flex gap={12} wrap>
        <Form.Item
          name={[name, 'body', 'title']}
          label={t('welcome.linkTitle')}
          rules={[rules.requiredText(), rules.max(200)]}
          style={{ flex: '1 1 200px', marginBottom: 12 }}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name={[name, 'body', 'url']}
          label={t('welcome.linkUrl')}
          rules={[rules.requiredText(), rules.url()]}
          style={{ flex: '1 1 240px', marginBottom: 12 }}
        >
          <Input placeholder="https://" maxLength={LIMITS.url} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name={[name, 'body', 'description']}
          label={t('welcome.linkDescription')}
          rules={[rules.max(500)]}
          style={{ flex: '1 1 200px', marginBottom: 12 }}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name={[name, 'body', 'imageUrl']}
          label={t('welcome.linkImage')}
          rules={[rules.url()]}
          style={{ flex: '1 1 240px', marginBottom: 12 }}
        >
          <Input placeholder="https://" maxLength={LIMITS.url} />
        </Form.Item>
      </Flex>
    </Card>
  );
}
