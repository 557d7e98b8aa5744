import type { DepartmentDto } from '@rapport/shared';
import { LIMITS } from '@rapport/shared';
import { App, Form, Input, InputNumber, Modal, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../common/antd/forms';
import { makeRules } from '../../common/antd/rules';
import { buildDepartmentTree, subtreeIds } from '../../common/departments';
import { useErrorMessage } from '../../common/i18n';
import { useCreateDepartment, useUpdateDepartment } from '../hooks';

export type DepartmentDialog =
  | { mode: 'create'; parentId: string }
  | { mode: 'rename'; department: DepartmentDto }
  | { mode: 'move'; department: DepartmentDto };

interface Values {
  name?: string;
  parentId?: string;
  sort?: number;
}

/** Add a department, rename one, or move it under another parent (and change its order). */
export function DepartmentModal({
  dialog,
  departments,
  onClose,
  onCreated,
}: {
  dialog?: DepartmentDialog;
  departments: DepartmentDto[];
  onClose: () => void;
  onCreated?: (department: DepartmentDto) => void;
}) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const rules = makeRules(t);
  const mode = dialog?.mode;
  const moving = dialog?.mode === 'move' ? dialog.department : undefined;

  // A department cannot move under itself or under one of its own sub-departments.
  const parents = useMemo(() => {
    const blocked = moving ? subtreeIds(departments, moving.id) : new Set<string>();
    const mark = (nodes: ReturnType<typeof buildDepartmentTree>): ReturnType<typeof buildDepartmentTree> =>
      nodes.map((n) => ({ ...n, disabled: blocked.has(n.key), children: mark(n.children) }));
    return mark(buildDepartmentTree(departments));
  }, [departments, moving]);

  useEffect(() => {
    if (!dialog) return;
    form.resetFields();
    if (dialog.mode === 'create') form.setFieldsValue({ parentId: dialog.parentId });
    if (dialog.mode === 'rename') form.setFieldsValue({ name: dialog.department.name });
    if (dialog.mode === 'move') form.setFieldsValue({ parentId: dialog.department.parentId ?? undefined, sort: dialog.department.sort });
  }, [dialog, form]);

  const submit = async (values: Values) => {
    if (!dialog) return;
    try {
      if (dialog.mode === 'create') {
        const created = await create.mutateAsync({ name: (values.name ?? '').trim(), parentId: values.parentId ?? dialog.parentId });
        message.success(t('org.created', { name: created.name }));
        onCreated?.(created);
      } else if (dialog.mode === 'rename') {
        await update.mutateAsync({ id: dialog.department.id, name: (values.name ?? '').trim() });
        message.success(t('common:saved'));
      } else {
        await update.mutateAsync({ id: dialog.department.id, parentId: values.parentId, sort: values.sort ?? 0 });
        message.success(t('org.moved', { name: dialog.department.name }));
      }
      onClose();
    } catch (error) {
      const shown = applyServerErrors(form, error, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: { DEPARTMENT_CYCLE: 'parentId', ROOT_DEPARTMENT_LOCKED: 'parentId', DEPARTMENT_NOT_FOUND: 'parentId' },
      });
      if (!shown) message.error(errorMessage(error));
    }
  };

  const title =
    dialog?.mode === 'create'
      ? t('org.addTitle')
      : dialog?.mode === 'rename'
        ? t('org.renameTitle', { name: dialog.department.name })
        : dialog?.mode === 'move'
          ? t('org.moveTitle', { name: dialog.department.name })
          : '';

  return (
    <Modal
      title={title}
      open={Boolean(dialog)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={mode === 'create' ? t('common:create') : t('common:save')}
      cancelText={t('common:cancel')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Form<Values> name="department" form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        {mode === 'create' || mode === 'rename' ? (
          <Form.Item name="name" label={t('org.name')} rules={[rules.requiredText(), rules.max(LIMITS.departmentName)]}>
            <Input maxLength={LIMITS.departmentName} showCount autoFocus placeholder={t('org.namePlaceholder')} />
          </Form.Item>
        ) : null}
        {mode === 'create' || mode === 'move' ? (
          <Form.Item name="parentId" label={t('org.parent')} rules={[rules.required()]}>
            <TreeSelect treeData={parents} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} aria-label={t('org.parent')} />
          </Form.Item>
        ) : null}
        {mode === 'move' ? (
          <Form.Item name="sort" label={t('org.sort')} extra={t('org.sortHelp')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
