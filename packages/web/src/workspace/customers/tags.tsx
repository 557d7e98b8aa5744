import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { type AvailableTagsDto, TAG_LIMITS, type TagDto } from '@rapport/shared';
import { App, Button, Input, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../common/i18n';
import { useAvailableTags, useCreatePersonalTag } from './hooks';

/** The options of a tag picker: one group per enterprise tag group, then my personal tags. */
export function tagOptions(tags: AvailableTagsDto | undefined, personalLabel: string | null, exclude: Set<string> = new Set()) {
  if (!tags) return [];
  const groups = tags.groups
    .map((group) => ({
      label: group.name,
      title: group.name,
      options: group.tags.filter((tag) => !exclude.has(tag.id)).map((tag) => ({ value: tag.id, label: tag.name })),
    }))
    .filter((group) => group.options.length > 0);
  const personal = tags.personal.filter((tag) => !exclude.has(tag.id)).map((tag) => ({ value: tag.id, label: tag.name }));
  return personal.length && personalLabel !== null
    ? [...groups, { label: personalLabel, title: personalLabel, options: personal }]
    : groups;
}

/** A multi-select of the tags available to me, grouped and searchable. */
export function TagSelect({
  value,
  onChange,
  placeholder,
  exclude,
  style,
  testId,
  enterpriseOnly = false,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  placeholder: string;
  exclude?: Set<string>;
  style?: React.CSSProperties;
  testId?: string;
  /** Only enterprise tags (a contact way's auto-tags). */
  enterpriseOnly?: boolean;
}) {
  const { t } = useTranslation('work');
  const tags = useAvailableTags();
  const options = useMemo(
    () => tagOptions(tags.data, enterpriseOnly ? null : t('tags.personal'), exclude),
    [tags.data, t, exclude, enterpriseOnly],
  );
  return (
    <Select
      mode="multiple"
      allowClear
      value={value}
      onChange={onChange}
      options={options}
      loading={tags.isPending}
      placeholder={placeholder}
      optionFilterProp="label"
      maxTagCount="responsive"
      notFoundContent={tags.isError ? t('tags.loadFailed') : t('tags.none')}
      style={style}
      data-testid={testId}
      aria-label={placeholder}
    />
  );
}

/** A tag chip: enterprise tags blue, personal tags gold (only I see them). */
export function TagChip({ tag, onClose, closeLabel }: { tag: TagDto; onClose?: () => void; closeLabel?: string }) {
  return (
    <Tag
      color={tag.personal ? 'gold' : 'blue'}
      closable={Boolean(onClose)}
      onClose={(e) => {
        e.preventDefault();
        onClose?.();
      }}
      closeIcon={onClose ? <CloseOutlined aria-label={closeLabel} style={{ fontSize: 10 }} /> : undefined}
      style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
      data-testid="customer-tag"
    >
      {tag.name}
    </Tag>
  );
}

/** Create a personal tag inline; hands the new tag to `onCreated`. */
export function NewPersonalTag({ onCreated }: { onCreated: (tag: TagDto) => void }) {
  const { t } = useTranslation('work');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const create = useCreatePersonalTag();
  const [name, setName] = useState('');
  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate(trimmed, {
      onSuccess: (tag) => {
        setName('');
        onCreated(tag);
      },
      onError: (error) => void message.error(errorMessage(error)),
    });
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={name}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={submit}
        maxLength={TAG_LIMITS.tagName}
        placeholder={t('tags.newPersonal')}
        aria-label={t('tags.newPersonal')}
        data-testid="new-personal-tag"
      />
      <Button icon={<PlusOutlined />} onClick={submit} loading={create.isPending} disabled={!name.trim()}>
        {t('tags.create')}
      </Button>
    </Space.Compact>
  );
}
