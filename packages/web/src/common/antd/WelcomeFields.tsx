import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { type AttachmentBodyT, LIMITS, WELCOME_LIMITS, type WelcomeMessageDto, type WelcomeMessageInput } from '@rapport/shared';
import { Button, Card, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ImageAttachmentCard, ImageUploadButton } from './ImageAttachments';
import { makeRules } from './rules';

/**
 * The namespace holding the `welcome.*` texts: the admin console and the Workspace each carry their
 * own copy (surfaces share common/, never each other's translations).
 */
export type WelcomeNs = 'admin' | 'work';

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
 * The fields of a welcome message (text, then images and link cards in the order they are sent) under
 * `prefix` of the surrounding form. Images are uploaded at once; saving the welcome makes them
 * enterprise materials that any member may send.
 */
export function WelcomeFields({
  ns,
  prefix = [],
  textLabel,
  textHelp,
}: {
  ns: WelcomeNs;
  prefix?: (string | number)[];
  textLabel?: string;
  textHelp?: string;
}) {
  const { t } = useTranslation(ns);
  const rules = makeRules(t);
  return (
    <>
      <Form.Item
        name={[...prefix, 'text']}
        label={textLabel ?? t('welcome.text')}
        // Room for the character count, which sits at the end of the help's first line.
        extra={<span style={{ display: 'block', paddingInlineEnd: 88 }}>{textHelp ?? t('welcome.textHelp')}</span>}
        rules={[rules.max(WELCOME_LIMITS.textLength)]}
      >
        <Input.TextArea
          maxLength={WELCOME_LIMITS.textLength}
          showCount
          autoSize={{ minRows: 4, maxRows: 10 }}
          placeholder={t('welcome.textPlaceholder')}
          aria-label={textLabel ?? t('welcome.text')}
        />
      </Form.Item>
      <Form.List name={[...prefix, 'attachments']}>
        {(fields, { add, remove }) => (
          <Form.Item label={t('welcome.attachments')} extra={t('welcome.attachmentsHelp', { max: WELCOME_LIMITS.attachments })}>
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <AttachmentField
                  key={field.key}
                  ns={ns}
                  prefix={prefix}
                  index={index}
                  name={field.name}
                  onRemove={() => remove(field.name)}
                />
              ))}
              {fields.length < WELCOME_LIMITS.attachments ? (
                <Flex gap={8} wrap>
                  <ImageUploadButton onUploaded={(body) => add({ kind: 'image', body })}>{t('welcome.addImage')}</ImageUploadButton>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'link', body: { url: '', title: '' } })}>
                    {t('welcome.addLink')}
                  </Button>
                </Flex>
              ) : null}
            </Flex>
          </Form.Item>
        )}
      </Form.List>
    </>
  );
}

function AttachmentField({
  ns,
  prefix,
  index,
  name,
  onRemove,
}: {
  ns: WelcomeNs;
  prefix: (string | number)[];
  index: number;
  name: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation(ns);
  const rules = makeRules(t);
  const form = Form.useFormInstance();
  const kind = Form.useWatch([...prefix, 'attachments', name, 'kind'], form) as WelcomeAttachmentValue['kind'] | undefined;
  const image = Form.useWatch([...prefix, 'attachments', name, 'body'], form) as AttachmentBodyT | undefined;
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
      <div data-testid={`welcome-image-${index}`}>
        {kept}
        {image?.fileId ? <ImageAttachmentCard image={image} onRemove={onRemove} removeLabel={t('welcome.removeAttachment')} /> : null}
      </div>
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
