import { type DepartmentDto, TAG_LIMITS, type TagGroupDto } from '@rapport/shared';
import { App, Form, Input, Modal, Radio, Select, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../common/antd/forms';
import { makeRules } from '../../common/antd/rules';
import { buildDepartmentTree } from '../../common/departments';
import { useErrorMessage } from '../../common/i18n';
import { useCreateTagGroup, useUpdateTagGroup } from './hooks';

interface Values {
  name: string;
  scope: 'all' | 'departments';
  departmentIds?: string[];
  tags?: string[];
}

/** Create a tag group (with its first tags) or edit its name and department limit. */
export function TagGroupModal({
  open,
  group,
  departments,
  onClose,
}: {
  open: boolean;
  group?: TagGroupDto;
  departments: DepartmentDto[];
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateTagGroup();
  const update = useUpdateTagGroup();
  const rules = makeRules(t);
  const tree = useMemo(() => buildDepartmentTree(departments), [departments]);
  const scope = Form.useWatch('scope', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      group
        ? { name: group.name, scope: group.departmentIds.length ? 'departments' : 'all', departmentIds: group.departmentIds }
        : { scope: 'all', departmentIds: [], tags: [] },
    );
  }, [open, group, form]);

  const submit = async (values: Values) => {
    const departmentIds = values.scope === 'departments' ? (values.departmentIds ?? []) : [];
    try {
      if (group) {
        await update.mutateAsync({ id: group.id, name: values.name.trim(), departmentIds });
        message.success(t('common:saved'));
      } else {
        const names = [...new Set((values.tags ?? []).map((n) => n.trim()).filter(Boolean))];
        const created = await create.mutateAsync({ name: values.name.trim(), departmentIds, tags: names.map((name) => ({ name })) });
        message.success(t('tags.groupCreated', { name: created.name }));
      }
      onClose();
    } catch (error) {
      const shown = applyServerErrors(form, error, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: { TAG_NAME_TAKEN: group ? 'name' : 'tags', TAG_LIMIT: 'tags', DEPARTMENT_NOT_FOUND: 'departmentIds' },
      });
      if (!shown) message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      title={group ? t('tags.editGroupTitle', { name: group.name }) : t('tags.addGroup')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={group ? t('common:save') : t('common:create')}
      cancelText={t('common:cancel')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
      width={560}
    >
      <Form<Values> name="tag-group" form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        <Form.Item name="name" label={t('tags.groupName')} rules={[rules.requiredText(), rules.max(TAG_LIMITS.groupName)]}>
          <Input maxLength={TAG_LIMITS.groupName} showCount placeholder={t('tags.groupNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="scope" label={t('tags.visibleTo')} extra={t('tags.visibleToHelp')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('tags.wholeEnterprise') },
              { value: 'departments', label: t('tags.someDepartments') },
            ]}
          />
        </Form.Item>
        {scope === 'departments' ? (
          <Form.Item
            name="departmentIds"
            label={t('tags.departments')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tags.pickDepartments') }]}
          >
            <TreeSelect
              multiple
              treeData={tree}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('tags.pickDepartments')}
              aria-label={t('tags.departments')}
              maxCount={TAG_LIMITS.departmentsPerGroup}
            />
          </Form.Item>
        ) : null}
        {group ? null : (
          <Form.Item
            name="tags"
            label={t('tags.firstTags')}
            extra={t('tags.firstTagsHelp')}
            rules={[
              {
                validator: async (_, value: string[] | undefined) => {
                  if ((value ?? []).some((n) => n.trim().length > TAG_LIMITS.tagName))
                    throw new Error(t('ui:maxLength', { max: TAG_LIMITS.tagName }));
                },
              },
            ]}
          >
            <Select
              mode="tags"
              suffixIcon={null}
              notFoundContent={null}
              tokenSeparators={[',', '，', '\n']}
              placeholder={t('tags.firstTagsPlaceholder')}
              aria-label={t('tags.firstTags')}
              maxCount={TAG_LIMITS.tagsPerGroupBody}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
