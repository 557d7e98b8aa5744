import { DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { type AttachmentBodyT, fileThumbnailUrl, fileUrl } from '@rapport/shared';
import { App, Button, Card, Flex, Image, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useRef, useState } from 'react';
import { formatSize, uploadFile } from '../chat';
import { useErrorMessage } from '../i18n';

/** Images are read as a member here (the admin console and the Workspace both sign in members). */
const asMember = (url: string) => `${url}?as=member`;

/**
 * A stored image shown from its thumbnail (the original when it has none), the original on click.
 * A welcome's images are enterprise materials, so every member of the enterprise may show them.
 */
export function ImageThumb({
  image,
  size,
  style,
}: {
  image: Pick<AttachmentBodyT, 'fileId' | 'name'>;
  size: number;
  style?: CSSProperties;
}) {
  return (
    <Image
      src={asMember(fileThumbnailUrl(image.fileId))}
      fallback={asMember(fileUrl(image.fileId))}
      preview={{ src: asMember(fileUrl(image.fileId)) }}
      alt={image.name}
      width={size}
      height={size}
      style={{ objectFit: 'cover', borderRadius: 4, background: '#f5f5f5', ...style }}
    />
  );
}

/** One image attachment in an editor: thumbnail, name and size, remove. */
export function ImageAttachmentCard({
  image,
  onRemove,
  removeLabel,
  extra,
}: {
  image: AttachmentBodyT;
  onRemove: () => void;
  removeLabel: string;
  extra?: ReactNode;
}) {
  return (
    <Card size="small" styles={{ body: { padding: 8 } }} data-testid="image-attachment">
      <Flex align="center" gap={12}>
        <ImageThumb image={image} size={56} />
        <Flex vertical style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text ellipsis>{image.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[formatSize(image.size), image.width && image.height ? `${image.width}×${image.height}` : ''].filter(Boolean).join(' · ')}
            {extra}
          </Typography.Text>
        </Flex>
        <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={onRemove} aria-label={removeLabel} title={removeLabel} />
      </Flex>
    </Card>
  );
}

/**
 * A button that picks an image and uploads it as the member (`POST /files?kind=image`); `onUploaded`
 * gets the attachment body to keep. Too large or unreadable files are reported with their error code.
 */
export function ImageUploadButton({
  onUploaded,
  disabled,
  children,
}: {
  onUploaded: (image: AttachmentBodyT) => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const pick = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadFile('member', 'image', file);
      onUploaded(stored.attachment);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setUploading(false);
    }
  };
  return (
    <>
      <input ref={input} type="file" accept="image/*" style={{ display: 'none' }} onChange={pick} data-testid="image-upload-input" />
      <Button type="dashed" icon={<PictureOutlined />} loading={uploading} disabled={disabled} onClick={() => input.current?.click()}>
        {children}
      </Button>
    </>
  );
}
